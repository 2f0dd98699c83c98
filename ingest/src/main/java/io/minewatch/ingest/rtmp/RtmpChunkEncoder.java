package io.minewatch.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes our messages as chunks of the default 128 bytes (we never announce another size: what we
 * send is small): a type-0 header on the message's chunk stream, then type-3 headers for the rest.
 */
final class RtmpChunkEncoder extends MessageToByteEncoder<RtmpMessage> {
    RtmpChunkEncoder() {
        super(RtmpMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RtmpMessage m, ByteBuf out) {
        ByteBuf p = m.content();
        int csid = m.chunkStream();
        int length = p.readableBytes();
        long ts = m.timestamp();
        boolean extended = ts >= 0xFFFFFF;
        out.writeByte(csid);
        out.writeMedium(extended ? 0xFFFFFF : (int) ts);
        out.writeMedium(length);
        out.writeByte(m.type());
        out.writeIntLE(m.streamId());
        if (extended) {
            out.writeInt((int) ts);
        }
        int at = p.readerIndex();
        int left = length;
        boolean first = true;
        while (first || left > 0) {
            if (!first) {
                out.writeByte(0xC0 | csid);
                if (extended) {
                    out.writeInt((int) ts);
                }
            }
            int n = Math.min(RtmpChunkDecoder.DEFAULT_CHUNK_SIZE, left);
            out.writeBytes(p, at, n);
            at += n;
            left -= n;
            first = false;
        }
    }
}
