package io.minewatch.ingest.rtmp;

import io.minewatch.ingest.rtp.NalDepacketizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles RTMP messages from chunks: basic headers with 1-, 2- and 3-byte chunk stream ids,
 * message headers of all four types (0: full, 1: no stream id, 2: timestamp delta only, 3: none),
 * extended timestamps (also on type-3 chunks, as ffmpeg writes them), the peer's Set Chunk Size and
 * Abort, and acknowledgements: once the peer has told its window (Window Acknowledgement Size) an
 * Acknowledgement goes out each time that many bytes have been received. A type-3 chunk that starts a
 * new message repeats the previous timestamp delta (for a stream whose last header was type 0, its
 * timestamp field: ffmpeg's reading and writing agree on this).
 *
 * <p>Bounds: a message of at most {@link #MAX_MESSAGE} bytes, at most {@link #MAX_CHUNK_STREAMS}
 * chunk streams, at most {@link #MAX_PENDING} bytes of unfinished messages in all; past any of them, or
 * on a header that contradicts the stream's state, the connection is corrupt
 * ({@link CorruptedFrameException}) and everything after is discarded. Buffers of unfinished messages
 * are released when the channel goes.
 */
final class RtmpChunkDecoder extends ByteToMessageDecoder {
    /** The largest message accepted: an access unit at the ingest's limit plus the FLV tag header. */
    static final int MAX_MESSAGE = NalDepacketizer.MAX_ACCESS_UNIT + 64;
    /** The most chunk streams one connection may use. */
    static final int MAX_CHUNK_STREAMS = 64;
    /** The most bytes of unfinished messages held across all chunk streams. */
    static final long MAX_PENDING = 16L << 20;
    /** The chunk size before the peer sets one. */
    static final int DEFAULT_CHUNK_SIZE = 128;

    private static final int[] HEADER = {11, 7, 3, 0};

    /** One chunk stream's state: the last header's fields and the message being reassembled. */
    private static final class Stream {
        long timestamp;
        long tsValue;
        boolean extended;
        int length;
        int type;
        int streamId;
        ByteBuf partial;
    }

    private final Map<Integer, Stream> streams = new HashMap<>();
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private long pending;
    private long received;
    private long lastAck;
    private long window;
    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable()) {
                int start = in.readerIndex();
                if (!chunk(ctx, in, out)) {
                    in.readerIndex(start);
                    return;
                }
                received += in.readerIndex() - start;
            }
        } catch (CorruptedFrameException e) {
            broken = true;
            in.skipBytes(in.readableBytes());
            releaseAll();
            throw e;
        } finally {
            acknowledge(ctx);
        }
    }

    /** Reads one whole chunk, or returns false (consuming nothing that counts) when it has not all arrived. */
    private boolean chunk(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int i = in.readerIndex();
        int avail = in.writerIndex();
        int b0 = in.getUnsignedByte(i++);
        int fmt = b0 >>> 6;
        int csid = b0 & 0x3F;
        if (csid == 0) {
            if (avail - i < 1) {
                return false;
            }
            csid = 64 + in.getUnsignedByte(i++);
        } else if (csid == 1) {
            if (avail - i < 2) {
                return false;
            }
            csid = 64 + in.getUnsignedByte(i) + (in.getUnsignedByte(i + 1) << 8);
            i += 2;
        }
        if (avail - i < HEADER[fmt]) {
            return false;
        }
        Stream s = streams.get(csid);
        if (s == null && fmt != 0) {
            throw new CorruptedFrameException("chunk stream " + csid + " starts with a type-" + fmt
                    + " header (its first message needs a full one)");
        }
        if (s != null && s.partial != null && fmt != 3) {
            throw new CorruptedFrameException("chunk stream " + csid + ": a new message header before its "
                    + s.length + "-byte message ended");
        }
        long field = 0;
        int length = s == null ? 0 : s.length;
        int type = s == null ? 0 : s.type;
        int streamId = s == null ? 0 : s.streamId;
        if (fmt < 3) {
            field = in.getUnsignedMedium(i);
            if (fmt < 2) {
                length = in.getUnsignedMedium(i + 3);
                type = in.getUnsignedByte(i + 6);
                if (fmt == 0) {
                    streamId = in.getIntLE(i + 7);
                }
            }
            i += HEADER[fmt];
        }
        boolean extended = fmt < 3 ? field == 0xFFFFFF : s.extended;
        long value = fmt < 3 ? field : s.tsValue;
        if (extended) {
            if (avail - i < 4) {
                return false;
            }
            value = in.getUnsignedInt(i);
            i += 4;
        }
        boolean continuing = s != null && s.partial != null;
        if (!continuing && length > MAX_MESSAGE) {
            throw new CorruptedFrameException("message of " + length + " bytes on chunk stream " + csid
                    + " (limit " + MAX_MESSAGE + ")");
        }
        int have = continuing ? s.partial.readableBytes() : 0;
        int n = Math.min(chunkSize, length - have);
        if (avail - i < n) {
            return false;
        }
        if (s == null) {
            if (streams.size() >= MAX_CHUNK_STREAMS) {
                throw new CorruptedFrameException("more than " + MAX_CHUNK_STREAMS + " chunk streams");
            }
            s = new Stream();
            streams.put(csid, s);
        }
        if (!continuing) {
            s.timestamp = (fmt == 0 ? value : s.timestamp + value) & 0xFFFFFFFFL;
            s.length = length;
            s.type = type;
            s.streamId = streamId;
        }
        s.tsValue = value;
        s.extended = extended;
        in.readerIndex(i);
        if (length == 0) {
            deliver(ctx, csid, s, Unpooled.EMPTY_BUFFER, out);
            return true;
        }
        if (!continuing) {
            s.partial = ctx.alloc().buffer(Math.min(length, 64 * 1024), length);
        }
        pending += n;
        if (pending > MAX_PENDING) {
            throw new CorruptedFrameException("more than " + MAX_PENDING + " bytes of unfinished messages");
        }
        s.partial.writeBytes(in, n);
        if (s.partial.readableBytes() == length) {
            ByteBuf payload = s.partial;
            s.partial = null;
            pending -= length;
            deliver(ctx, csid, s, payload, out);
        }
        return true;
    }

    /** Applies the protocol control messages here (they shape the chunking); passes the rest on. */
    private void deliver(ChannelHandlerContext ctx, int csid, Stream s, ByteBuf payload, List<Object> out) {
        switch (s.type) {
            case RtmpMessage.SET_CHUNK_SIZE -> {
                try {
                    if (payload.readableBytes() < 4) {
                        throw new CorruptedFrameException("Set Chunk Size of " + payload.readableBytes() + " bytes");
                    }
                    int size = payload.getInt(payload.readerIndex()) & 0x7FFFFFFF;
                    if (size < 1) {
                        throw new CorruptedFrameException("Set Chunk Size 0");
                    }
                    chunkSize = size;
                } finally {
                    payload.release();
                }
            }
            case RtmpMessage.ABORT -> {
                try {
                    if (payload.readableBytes() >= 4) {
                        Stream aborted = streams.get(payload.getInt(payload.readerIndex()));
                        if (aborted != null && aborted.partial != null) {
                            pending -= aborted.partial.readableBytes();
                            aborted.partial.release();
                            aborted.partial = null;
                        }
                    }
                } finally {
                    payload.release();
                }
            }
            case RtmpMessage.WINDOW_ACK_SIZE -> {
                if (payload.readableBytes() >= 4) {
                    window = payload.getUnsignedInt(payload.readerIndex());
                }
                payload.release();
            }
            case RtmpMessage.ACK, RtmpMessage.SET_PEER_BANDWIDTH -> payload.release();
            default -> out.add(new RtmpMessage(csid, s.type, s.streamId, s.timestamp, payload));
        }
    }

    /** Sends an Acknowledgement when a window's worth of bytes has arrived since the last one. */
    private void acknowledge(ChannelHandlerContext ctx) {
        if (window > 0 && received - lastAck >= window && ctx.channel().isActive()) {
            lastAck = received;
            ByteBuf b = ctx.alloc().buffer(4).writeInt((int) received);
            ctx.writeAndFlush(new RtmpMessage(2, RtmpMessage.ACK, 0, 0, b));
        }
    }

    /** The chunk size the peer set (for tests). */
    int chunkSize() {
        return chunkSize;
    }

    private void releaseAll() {
        for (Stream s : streams.values()) {
            if (s.partial != null) {
                s.partial.release();
                s.partial = null;
            }
        }
        pending = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseAll();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseAll();
    }
}
