package io.minewatch.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Splits an RTSP connection into {@link InterleavedFrame}s ({@code $}, channel, 16-bit length, packet)
 * and whole RTSP messages, each passed on as one {@link ByteBuf} for Netty's {@code RtspDecoder}.
 *
 * <p>Bounded: an RTSP header block over {@value #MAX_HEADER} bytes or a body over {@value #MAX_BODY}
 * bytes fails the connection with a {@link TooLongFrameException}.
 */
public final class InterleavedFrameDecoder extends ByteToMessageDecoder {
    /** The largest RTSP header block (initial line and headers). */
    public static final int MAX_HEADER = 8192;
    /** The largest RTSP body (an SDP). */
    public static final int MAX_BODY = 64 * 1024;
    private static final byte DOLLAR = '$';

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int r = in.readerIndex();
            byte first = in.getByte(r);
            if (first == '\r' || first == '\n') {
                in.skipBytes(1);
                continue;
            }
            if (first == DOLLAR) {
                if (in.readableBytes() < 4) {
                    return;
                }
                int len = in.getUnsignedShort(r + 2);
                if (in.readableBytes() < 4 + len) {
                    return;
                }
                int channel = in.getUnsignedByte(r + 1);
                in.skipBytes(4);
                out.add(new InterleavedFrame(channel, in.readRetainedSlice(len)));
                continue;
            }
            int headerEnd = headerEnd(in, r);
            if (headerEnd < 0) {
                if (in.readableBytes() > MAX_HEADER) {
                    throw new TooLongFrameException("RTSP header block longer than " + MAX_HEADER + " bytes");
                }
                return;
            }
            int headerLen = headerEnd - r;
            int body = contentLength(in.toString(r, headerLen, StandardCharsets.ISO_8859_1));
            if (in.readableBytes() < headerLen + body) {
                return;
            }
            out.add(in.readRetainedSlice(headerLen + body));
        }
    }

    /** The index just past the blank line ending the header block, or -1 if it has not arrived. */
    private static int headerEnd(ByteBuf in, int r) {
        int end = Math.min(in.writerIndex(), r + MAX_HEADER + 4);
        for (int i = r; i + 1 < end; i++) {
            if (in.getByte(i) == '\n') {
                if (in.getByte(i + 1) == '\n') {
                    return i + 2;
                }
                if (i + 2 < end && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private static int contentLength(String header) {
        int len = 0;
        for (String line : header.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                String v = line.substring(colon + 1).strip();
                try {
                    len = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new CorruptedFrameException("bad Content-Length: " + Sdp.shorten(v));
                }
                if (len < 0 || len > MAX_BODY) {
                    throw new TooLongFrameException("RTSP body of " + len + " bytes (limit " + MAX_BODY + ")");
                }
            }
        }
        return len;
    }
}
