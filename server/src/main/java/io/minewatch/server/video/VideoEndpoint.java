package io.minewatch.server.video;

import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.WebSocketEndpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * The WebSocket {@code /api/v1/cameras/{id}/video}: a camera's live video as fragmented MP4.
 *
 * <p>Protocol: a text frame {@code {"type":"init","mime":"video/mp4; codecs=\"avc1.PPCCLL\""}}, a binary
 * frame with the init segment (ftyp + moov), then binary frames each holding one media segment
 * (moof + mdat), starting at the camera's latest key frame. When the camera's parameter sets change,
 * another init text frame and init segment come before the next key frame. An H.265 stream, an
 * unusable one or a camera without a ring (file or device source): a text frame
 * {@code {"type":"fallback","reason":"h265"|"codec"|"no_ring","snapshot":"/api/v1/cameras/<id>/snapshot"}},
 * then close. A camera that does not exist or that the caller may not see: {@code {"type":"error",...}}
 * and close 1008 (the same answer for both).
 */
public final class VideoEndpoint implements WebSocketEndpoint {
    /** The route, to register with the WebSocket upgrade handler; group 1 is the camera id. */
    public static final String PATH = "^/api/v1/cameras/([A-Za-z0-9_.-]{1,64})/video$";

    private final Predicate<String> cameraExists;
    private final Function<String, PreRollRing> rings;
    private final BiPredicate<Caller, String> mayView;
    private final LiveVideo video;
    private final VideoMetrics metrics;
    private final WriteBufferWaterMark waterMark;

    /**
     * @param cameraExists whether a camera id is configured
     * @param rings        a configured camera's pre-roll ring, or null when it has none
     * @param mayView      whether the caller may watch the camera
     * @param waterMark    send-buffer bounds of a viewer's channel: above the high mark the viewer skips to
     *                     the next key frame (sized for video: a key frame alone can pass Netty's 64 KiB default)
     */
    public VideoEndpoint(Predicate<String> cameraExists, Function<String, PreRollRing> rings,
                         BiPredicate<Caller, String> mayView, LiveVideo video, VideoMetrics metrics,
                         WriteBufferWaterMark waterMark) {
        this.cameraExists = cameraExists;
        this.rings = rings;
        this.mayView = mayView;
        this.video = video;
        this.metrics = metrics;
        this.waterMark = waterMark;
    }

    @Override
    public void open(Channel channel, Caller caller, QueryStringDecoder uri, Matcher path) {
        String camera = path.groupCount() >= 1 ? path.group(1) : null;
        if (camera == null || !cameraExists.test(camera) || !mayView.test(caller, camera)) {
            channel.writeAndFlush(VideoMessages.error("no such camera"));
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "no such camera"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        PreRollRing ring = rings.apply(camera);
        if (ring == null) {
            metrics.fallback(camera, VideoMessages.NO_RING);
            channel.writeAndFlush(VideoMessages.fallback(camera, VideoMessages.NO_RING));
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "no live video"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        channel.config().setWriteBufferWaterMark(waterMark);
        video.join(camera, ring, channel);
    }
}
