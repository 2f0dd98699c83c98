package io.minewatch.ingest.push;

import io.minewatch.ingest.rtp.NalDepacketizer;
import io.minewatch.ingest.rtsp.InterleavedFrame;
import io.minewatch.ingest.rtsp.MediaTrack;
import io.minewatch.ingest.rtsp.RtspException;
import io.minewatch.ingest.rtsp.Sdp;
import io.minewatch.ingest.rtsp.UdpReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pusher's connection: OPTIONS, ANNOUNCE (SDP), SETUP (TCP interleaved, or UDP with the
 * pusher's {@code client_port}: a server port pair of our own, at most {@value #MAX_UDP_PAIRS} per
 * connection, that takes datagrams from the pusher's address only), RECORD, TEARDOWN. A refused SETUP
 * is logged with the transport asked and the reason. The path names the camera; unknown paths get 404, and when credentials are configured a
 * request without valid Digest credentials gets 401. RTP of the first H.264/H.265 video track goes
 * through the same depacketizer as pulled cameras into the camera's ring; other tracks are ignored.
 * Runs on the connection's event loop.
 */
final class RtspPushHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RtspPushHandler.class);
    private static final String PUBLIC = "OPTIONS, ANNOUNCE, SETUP, RECORD, TEARDOWN";

    private final Map<String, PushedCamera> cameras;
    private final DigestVerifier verifier;
    private final String nonce = DigestVerifier.nonce();
    private final String session = DigestVerifier.nonce().substring(0, 16);
    private PushedCamera camera;
    private MediaTrack track;
    private String trackControl;
    private int nextChannel;
    private int videoChannel = -1;
    private NalDepacketizer depacketizer;
    private boolean recording;
    /** Most UDP port pairs one pusher may hold (video plus one other track). */
    static final int MAX_UDP_PAIRS = 2;
    /** A UDP push is alive while a datagram arrived within this many seconds. */
    private static final int IDLE_UDP_SECONDS = 5;
    private final List<UdpReceiver> udp = new java.util.ArrayList<>();
    private volatile long lastUdpNanos;
    private UdpReceiver videoUdp;

    RtspPushHandler(Map<String, PushedCamera> cameras, DigestVerifier verifier) {
        this.cameras = cameras;
        this.verifier = verifier;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InterleavedFrame f) {
                media(f);
            } else if (msg instanceof FullHttpRequest r) {
                request(ctx, r);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void media(InterleavedFrame f) {
        if (!recording || depacketizer == null) {
            return;
        }
        if (f.channel() == videoChannel) {
            depacketizer.rtp(f.content(), System.currentTimeMillis() * 1000L);
        } else if (f.channel() == videoChannel + 1) {
            depacketizer.rtcp(f.content());
        }
    }

    private void request(ChannelHandlerContext ctx, FullHttpRequest r) {
        String cseq = r.headers().get(RtspHeaderNames.CSEQ, "0");
        if (r.decoderResult().isFailure()) {
            reply(ctx, cseq, RtspResponseStatuses.BAD_REQUEST).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        HttpMethod m = r.method();
        if (m.equals(RtspMethods.OPTIONS)) {
            FullHttpResponse a = response(cseq, RtspResponseStatuses.OK);
            a.headers().set("Public", PUBLIC);
            ctx.writeAndFlush(a);
            return;
        }
        if (verifier != null && !verifier.verify(r.headers().get(RtspHeaderNames.AUTHORIZATION), m.name(), nonce)) {
            FullHttpResponse a = response(cseq, RtspResponseStatuses.UNAUTHORIZED);
            a.headers().set("WWW-Authenticate", DigestVerifier.challenge(nonce));
            ctx.writeAndFlush(a);
            return;
        }
        try {
            if (m.equals(RtspMethods.ANNOUNCE)) {
                announce(ctx, r, cseq);
            } else if (m.equals(RtspMethods.SETUP)) {
                setup(ctx, r, cseq);
            } else if (m.equals(RtspMethods.RECORD)) {
                record(ctx, cseq);
            } else if (m.equals(RtspMethods.TEARDOWN)) {
                reply(ctx, cseq, RtspResponseStatuses.OK).addListener(ChannelFutureListener.CLOSE);
            } else {
                reply(ctx, cseq, RtspResponseStatuses.METHOD_NOT_ALLOWED);
            }
        } catch (RtspException e) {
            log.warn("push from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            reply(ctx, cseq, RtspResponseStatuses.BAD_REQUEST).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void announce(ChannelHandlerContext ctx, FullHttpRequest r, String cseq) throws RtspException {
        String id = cameraId(r.uri());
        PushedCamera target = id == null ? null : cameras.get(id);
        if (target == null) {
            log.warn("push from {}: unknown camera path {}", ctx.channel().remoteAddress(), Sdp.shortenPublic(r.uri()));
            reply(ctx, cseq, RtspResponseStatuses.NOT_FOUND).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Sdp sdp = Sdp.parse(r.content().toString(StandardCharsets.UTF_8));
        MediaTrack video = sdp.tracks().stream().filter(t -> t.codec() != null && t.payloadType() >= 0)
                .findFirst().orElseThrow(() -> new RtspException("no H.264 or H.265 video track in the pushed SDP"));
        int epoch = target.claim(this);
        if (epoch < 0) {
            reply(ctx, cseq, RtspResponseStatuses.NOT_ENOUGH_BANDWIDTH).addListener(ChannelFutureListener.CLOSE);
            log.warn("push to camera {} refused: another pusher is active", id);
            return;
        }
        camera = target;
        track = video;
        trackControl = video.control();
        depacketizer = NalDepacketizer.create(video.codec(), video.payloadType(), video.clockRate(),
                video.parameterSets(), video.donl(), epoch, au -> {
                    camera.media();
                    camera.ring().write(au);
                }, target.metrics());
        log.info("camera {}: push announced from {} ({} pt {})", id, ctx.channel().remoteAddress(),
                video.encoding(), video.payloadType());
        reply(ctx, cseq, RtspResponseStatuses.OK);
    }

    private void setup(ChannelHandlerContext ctx, FullHttpRequest r, String cseq) {
        if (camera == null) {
            log.warn("push from {}: SETUP refused (455): transport {}: no ANNOUNCE before it",
                    ctx.channel().remoteAddress(), Sdp.shortenPublic(r.headers().get(RtspHeaderNames.TRANSPORT, "")));
            reply(ctx, cseq, RtspResponseStatuses.METHOD_NOT_VALID);
            return;
        }
        String transport = r.headers().get(RtspHeaderNames.TRANSPORT, "");
        String t = transport.toUpperCase(Locale.ROOT);
        if (!t.contains("TCP")) {
            setupUdp(ctx, r, cseq, transport);
            return;
        }
        int channel = nextChannel;
        for (String p : transport.split(";")) {
            p = p.strip();
            if (p.startsWith("interleaved=")) {
                try {
                    channel = Integer.parseInt(p.substring(12).split("-")[0].strip());
                } catch (NumberFormatException e) {
                    channel = nextChannel;
                }
            }
        }
        nextChannel = channel + 2;
        if (videoChannel < 0 && videoUdp == null && isVideoTrack(r.uri())) {
            videoChannel = channel;
            camera.metrics().transport(1);
        }
        FullHttpResponse a = response(cseq, RtspResponseStatuses.OK);
        a.headers().set("Transport", "RTP/AVP/TCP;unicast;interleaved=" + channel + "-" + (channel + 1)
                + ";mode=record");
        a.headers().set("Session", session);
        ctx.writeAndFlush(a);
    }

    /** SETUP with {@code RTP/AVP[/UDP];unicast;client_port=a-b}: binds a server port pair. */
    private void setupUdp(ChannelHandlerContext ctx, FullHttpRequest r, String cseq, String transport) {
        String shown = Sdp.shortenPublic(transport);
        String clientPorts = null;
        boolean unicast = true;
        for (String p : transport.split(";")) {
            p = p.strip();
            String lower = p.toLowerCase(Locale.ROOT);
            if (lower.startsWith("client_port=")) {
                clientPorts = p.substring(12).strip();
            } else if (lower.equals("multicast")) {
                unicast = false;
            }
        }
        String refused = null;
        if (!transport.toUpperCase(Locale.ROOT).startsWith("RTP/AVP")) {
            refused = "not RTP/AVP";
        } else if (!unicast) {
            refused = "multicast is not supported";
        } else if (clientPorts == null || !clientPorts.matches("\\d{1,5}(-\\d{1,5})?")) {
            refused = "no client_port";
        } else if (udp.size() >= MAX_UDP_PAIRS) {
            refused = "more than " + MAX_UDP_PAIRS + " UDP tracks";
        }
        if (refused != null) {
            log.warn("push to camera {} from {}: SETUP refused (461): transport {}: {}", camera.camera(),
                    ctx.channel().remoteAddress(), shown, refused);
            reply(ctx, cseq, RtspResponseStatuses.UNSUPPORTED_TRANSPORT);
            return;
        }
        boolean video = videoChannel < 0 && videoUdp == null && isVideoTrack(r.uri());
        final String ports = clientPorts;
        UdpReceiver receiver = new UdpReceiver(ctx.channel(),
                video ? this::udpMedia : (rtcp, b) -> lastUdpNanos = System.nanoTime());
        udp.add(receiver);
        if (video) {
            videoUdp = receiver;
        }
        receiver.bind().addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("push to camera {} from {}: SETUP refused (500): transport {}: cannot bind UDP ports: {}",
                        camera.camera(), ctx.channel().remoteAddress(), shown, f.cause().getMessage());
                reply(ctx, cseq, RtspResponseStatuses.INTERNAL_SERVER_ERROR);
                return;
            }
            FullHttpResponse a = response(cseq, RtspResponseStatuses.OK);
            if (video) {
                camera.metrics().transport(2);
                log.info("camera {}: push over UDP from {} (server ports {}-{})", camera.camera(),
                        ctx.channel().remoteAddress(), receiver.rtpPort(), receiver.rtpPort() + 1);
            }
            a.headers().set("Transport", "RTP/AVP;unicast;client_port=" + ports + ";server_port="
                    + receiver.rtpPort() + "-" + (receiver.rtpPort() + 1) + ";mode=record");
            a.headers().set("Session", session);
            ctx.writeAndFlush(a);
        });
    }

    private void udpMedia(boolean rtcp, ByteBuf b) {
        lastUdpNanos = System.nanoTime();
        if (!recording || depacketizer == null) {
            return;
        }
        if (rtcp) {
            depacketizer.rtcp(b);
        } else {
            depacketizer.rtp(b, System.currentTimeMillis() * 1000L);
        }
    }

    /** Whether a SETUP URL names the video track (by its control attribute, or the only track). */
    private boolean isVideoTrack(String uri) {
        return trackControl == null || trackControl.isEmpty() || trackControl.equals("*") || uri.endsWith(trackControl)
                || uri.endsWith("/" + trackControl);
    }

    private void record(ChannelHandlerContext ctx, String cseq) {
        if (camera == null || videoChannel < 0 && videoUdp == null) {
            reply(ctx, cseq, RtspResponseStatuses.METHOD_NOT_VALID);
            return;
        }
        recording = true;
        FullHttpResponse a = response(cseq, RtspResponseStatuses.OK);
        a.headers().set("Session", session);
        ctx.writeAndFlush(a);
    }

    private static String cameraId(String uri) {
        try {
            String path = new URI(uri).getPath();
            if (path == null) {
                return null;
            }
            List<String> parts = List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
            return parts.isEmpty() ? null : parts.get(0);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static FullHttpResponse response(String cseq, HttpResponseStatus status) {
        FullHttpResponse a = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status);
        a.headers().set("CSeq", cseq);
        a.headers().set("Server", "minewatch");
        return a;
    }

    private static io.netty.channel.ChannelFuture reply(ChannelHandlerContext ctx, String cseq, HttpResponseStatus s) {
        return ctx.writeAndFlush(response(cseq, s));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && videoUdp != null
                && System.nanoTime() - lastUdpNanos < TimeUnit.SECONDS.toNanos(IDLE_UDP_SECONDS)) {
            return; // media arrives over UDP: the RTSP connection is quiet but the push is alive
        }
        if (evt instanceof IdleStateEvent) {
            log.warn("push to camera {}: no data; closing", camera == null ? "?" : camera.camera());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof java.io.IOException)) {
            log.warn("push from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        udp.forEach(UdpReceiver::close);
        if (depacketizer != null) {
            depacketizer.close();
        }
        if (camera != null) {
            camera.release(this, "pusher disconnected");
        }
        ctx.fireChannelInactive();
    }
}
