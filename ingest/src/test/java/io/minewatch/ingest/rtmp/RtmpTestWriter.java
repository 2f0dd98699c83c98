package io.minewatch.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Writes what a publisher sends, for tests: the handshake, messages chunked at a chosen chunk size with
 * the most compact header each time (type 0 for a chunk stream's first message or a new stream id,
 * type 1 for a new length or type, type 2 for a new timestamp delta, type 3 when the delta repeats),
 * extended timestamps, and AMF0 commands and FLV/AVC video bodies.
 */
final class RtmpTestWriter {
    private final Map<Integer, long[]> last = new HashMap<>();
    private int chunkSize = 128;

    static byte[] handshake(Random random) {
        byte[] b = new byte[1 + 2 * 1536];
        random.nextBytes(b);
        b[0] = 3;
        return b;
    }

    /** Set Chunk Size (sent at the current size), then chunks of the new size. */
    byte[] setChunkSize(int size) {
        byte[] b = message(2, RtmpMessage.SET_CHUNK_SIZE, 0, 0, new byte[] {(byte) (size >>> 24), (byte) (size >>> 16),
            (byte) (size >>> 8), (byte) size});
        chunkSize = size;
        return b;
    }

    byte[] command(int csid, int streamId, Object... values) {
        ByteBuf b = Unpooled.buffer();
        Amf0.write(b, values);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return message(csid, RtmpMessage.COMMAND_AMF0, streamId, 0, out);
    }

    /** One message; {@code ts} in ms (absolute). */
    byte[] message(int csid, int type, int streamId, long ts, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] l = last.get(csid); // ts, length, type, streamId, tsValue
        int fmt;
        long value;
        if (l == null || l[3] != streamId) {
            fmt = 0;
            value = ts;
        } else {
            value = ts - l[0];
            if (l[1] != payload.length || l[2] != type) {
                fmt = 1;
            } else if (value != l[4]) {
                fmt = 2;
            } else {
                fmt = 3;
            }
        }
        boolean ext = value >= 0xFFFFFF;
        basic(out, fmt, csid);
        if (fmt < 3) {
            medium(out, ext ? 0xFFFFFF : value);
            if (fmt < 2) {
                medium(out, payload.length);
                out.write(type);
                if (fmt == 0) {
                    out.write(streamId);
                    out.write(streamId >>> 8);
                    out.write(streamId >>> 16);
                    out.write(streamId >>> 24);
                }
            }
        }
        if (ext) {
            int32(out, value);
        }
        int at = 0;
        do {
            int n = Math.min(chunkSize, payload.length - at);
            out.write(payload, at, n);
            at += n;
            if (at < payload.length) {
                basic(out, 3, csid);
                if (ext) {
                    int32(out, value);
                }
            }
        } while (at < payload.length);
        last.put(csid, new long[] {ts, payload.length, type, streamId, value});
        return out.toByteArray();
    }

    private static void basic(ByteArrayOutputStream out, int fmt, int csid) {
        if (csid < 64) {
            out.write(fmt << 6 | csid);
        } else if (csid < 320) {
            out.write(fmt << 6);
            out.write(csid - 64);
        } else {
            out.write(fmt << 6 | 1);
            out.write((csid - 64) & 0xFF);
            out.write((csid - 64) >>> 8);
        }
    }

    private static void medium(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    private static void int32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }

    /** An AVC sequence header with a (synthetic) SPS and PPS and 4-byte NAL lengths. */
    static byte[] sequenceHeader() {
        byte[] sps = {0x67, 0x42, 0x00, 0x1e, (byte) 0x95, (byte) 0xa8, 0x28, 0x0f};
        byte[] pps = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {0x17, 0, 0, 0, 0, 1, 0x42, 0, 0x1e, (byte) 0xFF, (byte) 0xE1, 0, (byte) sps.length});
        o.writeBytes(sps);
        o.writeBytes(new byte[] {1, 0, (byte) pps.length});
        o.writeBytes(pps);
        return o.toByteArray();
    }

    /** An AVC NALU packet: one slice of {@code size} bytes (IDR when key), composition time {@code cts} ms. */
    static byte[] picture(boolean key, int size, int cts, Random random) {
        byte[] b = new byte[5 + 4 + size];
        b[0] = (byte) (key ? 0x17 : 0x27);
        b[1] = 1;
        b[2] = (byte) (cts >> 16);
        b[3] = (byte) (cts >> 8);
        b[4] = (byte) cts;
        b[5] = (byte) (size >>> 24);
        b[6] = (byte) (size >>> 16);
        b[7] = (byte) (size >>> 8);
        b[8] = (byte) size;
        byte[] body = new byte[size];
        random.nextBytes(body);
        body[0] = (byte) (key ? 0x65 : 0x41);
        System.arraycopy(body, 0, b, 9, size);
        return b;
    }
}
