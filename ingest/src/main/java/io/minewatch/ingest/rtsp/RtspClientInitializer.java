package io.minewatch.ingest.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;

/**
 * The RTSP client pipeline: {@code $}-frame demux, Netty's RTSP codec with bounded lines and headers,
 * an aggregator bounded to the largest SDP, and the session handler (which sorts every failure).
 */
public final class RtspClientInitializer extends ChannelInitializer<Channel> {
    /** Longest RTSP status line. */
    public static final int MAX_INITIAL_LINE = 4096;

    private final RtspClientHandler handler;

    public RtspClientInitializer(RtspClientHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        addCodec(ch);
        ch.pipeline().addLast("session", handler);
    }

    /** The framing and codec handlers, shared with the push server. */
    public static void addCodec(Channel ch) {
        ch.pipeline()
                .addLast("frames", new InterleavedFrameDecoder())
                .addLast("rtsp-decoder", new RtspDecoder(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE)
                        .setMaxHeaderSize(InterleavedFrameDecoder.MAX_HEADER)
                        .setMaxChunkSize(InterleavedFrameDecoder.MAX_BODY)))
                .addLast("rtsp-encoder", new RtspEncoder())
                .addLast("aggregator", new HttpObjectAggregator(InterleavedFrameDecoder.MAX_BODY));
    }
}
