package io.minewatch.ingest.rtmp;

import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.NalDepacketizer;
import io.minewatch.ingest.rtp.RtpCounters;
import io.minewatch.ingest.rtp.VideoCodec;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the bodies of FLV video tags (RTMP video messages) of one publish into access units, the same
 * {@link AccessUnit}s RTSP delivers: the AVC sequence header (AVCDecoderConfigurationRecord) gives the
 * NAL length size and SPS/PPS; each AVC NALU packet becomes one Annex-B access unit (4-byte start codes),
 * key frames (with an IDR slice) carrying SPS and PPS in front when they lack them. Time: the message
 * timestamp is the decode time in ms, plus the packet's composition time gives the presentation time;
 * {@code ptsMicros} counts from the first access unit, {@code rtpTimestamp} is the presentation time in
 * 90 kHz units (what the clip writer reads), both continuous across the 32-bit millisecond wrap.
 *
 * <p>Drops, counted by reason: NALUs before any sequence header ({@value #NO_SEQUENCE_HEADER}), a NAL
 * length running past the packet ({@code malformed}; the stream then counts as damaged and pictures are
 * dropped until the next key frame: {@code damaged}), an access unit over
 * {@link NalDepacketizer#MAX_ACCESS_UNIT} ({@code too_large}). Anything but H.264 (FLV codec id 7) is
 * refused: {@link #video} returns why. Not thread-safe: one per publish, on its event loop.
 */
final class FlvVideoUnpacker {
    /** Drop reason: NALUs before the AVC sequence header. */
    static final String NO_SEQUENCE_HEADER = "no_sequence_header";
    private static final int AVC = 7;
    private static final byte[] START = {0, 0, 0, 1};
    private static final String[] CODECS = {"?", "JPEG", "Sorenson H.263", "Screen video", "On2 VP6",
        "On2 VP6 with alpha", "Screen video 2", "H.264", "ITU H.263", "MPEG-4 Part 2", "?", "?", "H.265 (non-standard id 12)"};

    private final int epoch;
    private final Consumer<AccessUnit> sink;
    private final RtpCounters counters;
    private int lengthSize;
    private byte[] sps;
    private byte[] pps;
    private boolean damaged;
    private long lastDts32 = -1;
    private long dts;
    private long firstPts = Long.MIN_VALUE;

    FlvVideoUnpacker(int epoch, Consumer<AccessUnit> sink, RtpCounters counters) {
        this.epoch = epoch;
        this.sink = sink;
        this.counters = counters;
    }

    /**
     * Takes one video message body (not released here) with its timestamp in ms; returns null, or why
     * this stream cannot be taken (its codec).
     */
    String video(ByteBuf b, long timestampMs, long arrivalMicros) {
        counters.packet(b.readableBytes());
        if (!b.isReadable()) {
            counters.invalidPacket();
            return null;
        }
        int i = b.readerIndex();
        int b0 = b.getUnsignedByte(i);
        if ((b0 & 0x80) != 0) {
            String fourCc = b.readableBytes() >= 5 ? b.toString(i + 1, 4, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replaceAll("[^A-Za-z0-9]", "?") : "?";
            return "enhanced-RTMP video (" + fourCc + ") is not accepted: publish H.264 (FLV codec id 7)";
        }
        int codec = b0 & 0x0F;
        if (codec != AVC) {
            return "video codec " + (codec < CODECS.length ? CODECS[codec] : "?") + " (FLV codec id " + codec
                    + ") is not accepted: publish H.264 (FLV codec id 7)";
        }
        if ((b0 >> 4) == 5) {
            return null; // video info/command frame: no picture
        }
        if (b.readableBytes() < 5) {
            counters.dropped(RtpCounters.MALFORMED);
            damaged = true;
            return null;
        }
        int packetType = b.getUnsignedByte(i + 1);
        int cts = (b.getMedium(i + 2) << 8) >> 8;
        if (packetType == 0) {
            sequenceHeader(b, i + 5, b.writerIndex());
        } else if (packetType == 1) {
            nalus(b, i + 5, b.writerIndex(), timestampMs, cts, arrivalMicros);
        }
        return null;
    }

    private void sequenceHeader(ByteBuf b, int i, int end) {
        try {
            if (end - i < 6) {
                throw new IllegalArgumentException("short");
            }
            int size = (b.getUnsignedByte(i + 4) & 0x03) + 1;
            if (size == 3) {
                throw new IllegalArgumentException("NAL length size 3");
            }
            int at = i + 5;
            List<byte[]> spss = new ArrayList<>();
            int nSps = b.getUnsignedByte(at++) & 0x1F;
            at = sets(b, at, end, nSps, spss);
            if (at >= end) {
                throw new IllegalArgumentException("no PPS count");
            }
            List<byte[]> ppss = new ArrayList<>();
            int nPps = b.getUnsignedByte(at++);
            sets(b, at, end, nPps, ppss);
            if (spss.isEmpty() || ppss.isEmpty()) {
                throw new IllegalArgumentException("no SPS or PPS");
            }
            lengthSize = size;
            sps = spss.get(0);
            pps = ppss.get(0);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            counters.invalidPacket();
        }
    }

    private static int sets(ByteBuf b, int at, int end, int n, List<byte[]> out) {
        for (int k = 0; k < n; k++) {
            if (end - at < 2) {
                throw new IllegalArgumentException("truncated parameter set");
            }
            int len = b.getUnsignedShort(at);
            at += 2;
            if (len == 0 || len > end - at || len > 4096) {
                throw new IllegalArgumentException("bad parameter set length");
            }
            byte[] set = new byte[len];
            b.getBytes(at, set);
            out.add(set);
            at += len;
        }
        return at;
    }

    private void nalus(ByteBuf b, int i, int end, long timestampMs, int cts, long arrivalMicros) {
        long dtsMs = extend(timestampMs);
        if (lengthSize == 0) {
            counters.dropped(NO_SEQUENCE_HEADER);
            return;
        }
        // First pass: check the lengths, find the roles and the size.
        int size = 0;
        boolean key = false;
        boolean hasSps = false;
        boolean hasPps = false;
        int count = 0;
        for (int at = i; at < end; ) {
            if (end - at < lengthSize) {
                malformed();
                return;
            }
            long n = length(b, at);
            at += lengthSize;
            if (n <= 0 || n > end - at) {
                malformed();
                return;
            }
            int type = b.getUnsignedByte(at) & 0x1F;
            key |= type == 5;
            hasSps |= type == 7;
            hasPps |= type == 8;
            size += 4 + (int) n;
            at += (int) n;
            count++;
        }
        if (count == 0) {
            return;
        }
        if (damaged && !key) {
            counters.dropped(RtpCounters.DAMAGED);
            return;
        }
        int extra = key ? (hasSps ? 0 : 4 + sps.length) + (hasPps ? 0 : 4 + pps.length) : 0;
        if ((long) size + extra > NalDepacketizer.MAX_ACCESS_UNIT) {
            counters.dropped(RtpCounters.TOO_LARGE);
            damaged = true;
            return;
        }
        damaged = false;
        byte[] data = new byte[size + extra];
        int o = 0;
        boolean setsPlaced = !key || extra == 0;
        for (int at = i; at < end; ) {
            int n = (int) length(b, at);
            at += lengthSize;
            int type = b.getUnsignedByte(at) & 0x1F;
            if (!setsPlaced && type != 9) {
                // after an access unit delimiter, before everything else
                o = put(data, o, hasSps ? null : sps);
                o = put(data, o, hasPps ? null : pps);
                setsPlaced = true;
            }
            System.arraycopy(START, 0, data, o, 4);
            b.getBytes(at, data, o + 4, n);
            o += 4 + n;
            keep(type, data, o - n, n);
            at += n;
        }
        if (!setsPlaced) {
            o = put(data, o, hasSps ? null : sps);
            put(data, o, hasPps ? null : pps);
        }
        long pts = dtsMs + cts;
        if (firstPts == Long.MIN_VALUE) {
            firstPts = pts;
        }
        counters.accessUnit(key, data.length);
        sink.accept(new AccessUnit(VideoCodec.H264, data, pts * 90, (pts - firstPts) * 1000, arrivalMicros, key,
                epoch));
    }

    /** Keeps an in-band SPS or PPS (it replaces the sequence header's for later key frames). */
    private void keep(int type, byte[] data, int off, int n) {
        if (n <= 4096 && (type == 7 || type == 8)) {
            byte[] copy = Arrays.copyOfRange(data, off, off + n);
            if (type == 7) {
                sps = copy;
            } else {
                pps = copy;
            }
        }
    }

    private long length(ByteBuf b, int at) {
        return switch (lengthSize) {
            case 1 -> b.getUnsignedByte(at);
            case 2 -> b.getUnsignedShort(at);
            default -> b.getUnsignedInt(at);
        };
    }

    private void malformed() {
        counters.dropped(RtpCounters.MALFORMED);
        damaged = true;
    }

    /** The decode time in ms, continuous across the 32-bit wrap (steps back are kept as such). */
    private long extend(long ts32) {
        if (lastDts32 < 0) {
            lastDts32 = ts32;
            dts = ts32;
            return dts;
        }
        int delta = (int) (ts32 - lastDts32);
        lastDts32 = ts32;
        dts += delta;
        return dts;
    }

    private static int put(byte[] out, int o, byte[] nal) {
        if (nal == null) {
            return o;
        }
        System.arraycopy(START, 0, out, o, 4);
        System.arraycopy(nal, 0, out, o + 4, nal.length);
        return o + 4 + nal.length;
    }
}
