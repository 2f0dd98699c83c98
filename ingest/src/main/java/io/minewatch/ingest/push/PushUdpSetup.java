package io.minewatch.ingest.push;

import io.minewatch.ingest.rtsp.Sdp;
import io.minewatch.ingest.rtsp.UdpReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP side of one push connection: a SETUP with {@code RTP/AVP[/UDP];unicast;client_port=a-b}
 * gets a server port pair of our own, at most {@value #MAX_PAIRS} per connection, that takes datagrams
 * from the pusher's address only (the RTSP connection's peer). The video track's datagrams go to the
 * connection's media sink — the same path as interleaved TCP, so they count as media for the idle
 * rule only once they make access units; other tracks' are dropped. A refused SETUP is answered 461
 * and logged with the transport asked and the reason. Runs on the connection's event loop.
 */
final class PushUdpSetup {
    private static final Logger log = LoggerFactory.getLogger(PushUdpSetup.class);
    /** Most UDP port pairs one pusher may hold (video plus one other track). */
    static final int MAX_PAIRS = 2;

    private final BiConsumer<Boolean, ByteBuf> videoSink;
    private final List<UdpReceiver> pairs = new ArrayList<>();
    private boolean video;

    /** @param videoSink receives (rtcp?, packet) for each datagram of the video track; not released there */
    PushUdpSetup(BiConsumer<Boolean, ByteBuf> videoSink) {
        this.videoSink = videoSink;
    }

    /** Whether the video track was set up over UDP. */
    boolean hasVideo() {
        return video;
    }

    /**
     * Answers a SETUP that asks for UDP: refuses it (461), or binds a port pair and answers with it
     * once bound (500 when no pair could be bound).
     *
     * @param isVideo whether this SETUP is for the video track (and no video track is set up yet)
     * @param camera  the camera being pushed to, for the log
     */
    void setup(ChannelHandlerContext ctx, String cseq, String transport, boolean isVideo, PushedCamera camera,
               String session) {
        String shown = Sdp.shortenPublic(transport);
        String clientPorts = clientPorts(transport);
        String refused = refusal(transport, clientPorts);
        if (refused != null) {
            log.warn("push to camera {} from {}: SETUP refused (461): transport {}: {}", camera.camera(),
                    ctx.channel().remoteAddress(), shown, refused);
            ctx.writeAndFlush(RtspPushHandler.response(cseq, RtspResponseStatuses.UNSUPPORTED_TRANSPORT));
            return;
        }
        UdpReceiver receiver = new UdpReceiver(ctx.channel(), isVideo ? videoSink : (rtcp, b) -> { });
        pairs.add(receiver);
        receiver.bind().addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("push to camera {} from {}: SETUP refused (500): transport {}: cannot bind UDP ports: {}",
                        camera.camera(), ctx.channel().remoteAddress(), shown, f.cause().getMessage());
                ctx.writeAndFlush(RtspPushHandler.response(cseq, RtspResponseStatuses.INTERNAL_SERVER_ERROR));
                return;
            }
            if (isVideo) {
                video = true;
                camera.metrics().transport(2);
                log.info("camera {}: push over UDP from {} (server ports {}-{})", camera.camera(),
                        ctx.channel().remoteAddress(), receiver.rtpPort(), receiver.rtpPort() + 1);
            }
            FullHttpResponse a = RtspPushHandler.response(cseq, RtspResponseStatuses.OK);
            a.headers().set("Transport", "RTP/AVP;unicast;client_port=" + clientPorts + ";server_port="
                    + receiver.rtpPort() + "-" + (receiver.rtpPort() + 1) + ";mode=record");
            a.headers().set("Session", session);
            ctx.writeAndFlush(a);
        });
    }

    private static String clientPorts(String transport) {
        for (String p : transport.split(";")) {
            p = p.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("client_port=")) {
                return p.substring(12).strip();
            }
        }
        return null;
    }

    /** Why this transport cannot be served over UDP, or null when it can. */
    private String refusal(String transport, String clientPorts) {
        boolean multicast = false;
        for (String p : transport.split(";")) {
            multicast |= p.strip().equalsIgnoreCase("multicast");
        }
        if (!transport.toUpperCase(Locale.ROOT).startsWith("RTP/AVP")) {
            return "not RTP/AVP";
        } else if (multicast) {
            return "multicast is not supported";
        } else if (clientPorts == null || !clientPorts.matches("\\d{1,5}(-\\d{1,5})?")) {
            return "no client_port";
        } else if (pairs.size() >= MAX_PAIRS) {
            return "more than " + MAX_PAIRS + " UDP tracks";
        }
        return null;
    }

    /** Closes every port pair (the connection closed). */
    void close() {
        pairs.forEach(UdpReceiver::close);
    }
}
