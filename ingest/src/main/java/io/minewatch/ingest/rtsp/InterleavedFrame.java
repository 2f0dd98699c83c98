package io.minewatch.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/** One {@code $}-framed packet of RTP or RTCP interleaved in the RTSP connection (RFC 2326 10.12). */
public final class InterleavedFrame extends DefaultByteBufHolder {
    private final int channel;

    public InterleavedFrame(int channel, ByteBuf content) {
        super(content);
        this.channel = channel;
    }

    /** The interleaved channel (0..255); by convention even channels carry RTP, odd ones RTCP. */
    public int channel() {
        return channel;
    }
}
