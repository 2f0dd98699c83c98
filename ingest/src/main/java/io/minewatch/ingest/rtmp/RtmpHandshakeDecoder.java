package io.minewatch.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server side of the RTMP handshake (the "simple" one that publishers accept): reads C0+C1
 * (version 3 and 1536 bytes), answers S0+S1+S2 (S2 echoes C1), reads C2 and takes itself out of the
 * pipeline, handing whatever followed C2 to the chunk decoder. Anything but version 3 (RTMPE's 6, or
 * garbage) is refused as corrupt. Holds at most C0+C1+C2 (3,073 bytes) before it leaves.
 */
final class RtmpHandshakeDecoder extends ByteToMessageDecoder {
    /** C1, C2, S1 and S2 are this long. */
    static final int SIZE = 1536;
    /** The only RTMP version spoken (plain RTMP; no RTMPE). */
    static final int VERSION = 3;

    private boolean answered;
    private boolean refused;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!answered) {
            if (in.readableBytes() >= 1 && in.getUnsignedByte(in.readerIndex()) != VERSION) {
                refused = true;
                refuse(in);
            }
            if (in.readableBytes() < 1 + SIZE) {
                return;
            }
            in.skipBytes(1);
            ByteBuf reply = ctx.alloc().buffer(1 + 2 * SIZE);
            reply.writeByte(VERSION);
            // S1: time, zero, random bytes.
            reply.writeInt((int) (System.currentTimeMillis() & 0xFFFFFFFFL));
            reply.writeInt(0);
            byte[] random = new byte[SIZE - 8];
            ThreadLocalRandom.current().nextBytes(random);
            reply.writeBytes(random);
            // S2: C1 echoed.
            reply.writeBytes(in, SIZE);
            answered = true;
            ctx.writeAndFlush(reply);
        }
        if (in.readableBytes() < SIZE) {
            return;
        }
        in.skipBytes(SIZE);
        ctx.pipeline().remove(this);
    }

    private static void refuse(ByteBuf in) {
        int version = in.getUnsignedByte(in.readerIndex());
        in.skipBytes(in.readableBytes());
        throw new CorruptedFrameException("not an RTMP handshake: version byte " + version
                + " (plain RTMP version 3 only; RTMPE/RTMPS are not served)");
    }
}
