package io.minewatch.ingest.push;

import io.minewatch.ingest.push.DigestVerifier.Verdict;
import io.minewatch.ingest.rtp.NalDepacketizer;
import io.minewatch.ingest.rtsp.InterleavedFrame;
import io.minewatch.ingest.rtsp.MediaTrack;
import io.minewatch.ingest.rtsp.RtspException;
import io.minewatch.ingest.rtsp.Sdp;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
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
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pusher's connection: OPTIONS, ANNOUNCE (SDP), SETUP (TCP interleaved, or UDP with the pusher's
 * {@code client_port}: see {@link PushUdpSetup}), RECORD, TEARDOWN. The path names the camera;
 * unknown paths get 404, and when credentials are configured a request without valid Digest
 * credentials gets 401 ({@link PushAuth}); attempts from an address that has failed before are judged
 * only after the {@link AuthThrottle}'s delay, scheduled, with reading paused meanwhile. A connection that delivers no media for the idle timeout is closed, releasing its
 * camera: media is an access unit out of the depacketizer, whether its RTP came interleaved or over
 * UDP. RTP of the first H.264/H.265 video track goes through the same depacketizer as pulled cameras
 * into the camera's ring; other tracks are ignored. Runs on the connection's event loop.
 */
final class RtspPushHandler extends ChannelInboundHandlerAdapter implements PushedCamera.Holder {
    private static final Logger log = LoggerFactory.getLogger(RtspPushHandler.class);
    private static final String PUBLIC = "OPTIONS, ANNOUNCE, SETUP, RECORD, TEARDOWN";

    private final PushContext push;
    private final PushAuth auth;
    private final String session = DigestVerifier.nonce().substring(0, 16);
    private final PushUdpSetup udp = new PushUdpSetup(this::rtp);
    private PushedCamera camera;
    private String trackControl;
    private int nextChannel;
    private int videoChannel = -1;
    private NalDepacketizer depacketizer;
    private boolean recording;
    private volatile long lastMedia = System.nanoTime();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> idleCheck;
    private FullHttpRequest held;
    private ScheduledFuture<?> heldTask;
    /** Whether the request being handled was counted as a failure by the throttle in advance. */
    private boolean reserved;

    RtspPushHandler(PushContext push) {
        this.push = push;
        this.auth = push.verifier() == null ? null : new PushAuth(push.verifier(), push.limits());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastMedia = System.nanoTime();
        long idle = push.idleTimeout().toMillis();
        long period = Math.max(50, Math.min(1000, idle / 4));
        idleCheck = ctx.executor().scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    /** Closes a connection that has sent no media for the idle timeout (keep-alives do not count). */
    private void checkIdle() {
        long quiet = System.nanoTime() - lastMedia;
        if (held == null && quiet > push.idleTimeout().toNanos() && ctx.channel().isActive()) {
            log.info("push from {}{}: no media for {} ms; closing", ctx.channel().remoteAddress(),
                    camera == null ? "" : " to camera " + camera.camera(), quiet / 1_000_000);
            push.metrics().closed("idle");
            ctx.close();
        }
    }

    @Override
    public long lastMedia() {
        return lastMedia;
    }

    @Override
    public void evict(String reason) {
        ctx.executor().execute(() -> {
            log.info("push from {} to camera {}: {}; closing", ctx.channel().remoteAddress(),
                    camera == null ? "?" : camera.camera(), reason);
            ctx.close();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest r) {
            if (!ctx.channel().isWritable()) {
                // Answers pile up unread (past the write buffer's high-water mark): the client is not
                // a pusher waiting for them; without this its requests would grow our outbound buffer.
                ReferenceCountUtil.release(msg);
                push.metrics().closed("unread_answers");
                ctx.close();
                return;
            }
            if (held != null) {
                // A client that sends again before its delayed answer came is not waiting: no queueing.
                ReferenceCountUtil.release(msg);
                push.metrics().closed("pipelined");
                ctx.close();
                return;
            }
            if (auth != null && !auth.authenticated() && PushAuth.hasCredentials(r)
                    && !r.method().equals(RtspMethods.OPTIONS)) {
                long wait = push.throttle().reserve(address(), System.nanoTime());
                if (wait < 0) {
                    ReferenceCountUtil.release(msg);
                    push.metrics().closed("throttled");
                    ctx.close();
                    return;
                }
                if (wait > 0) {
                    hold(r, wait);
                    return;
                }
                reserved = true;
            }
        }
        try {
            if (msg instanceof InterleavedFrame f) {
                media(f);
            } else if (msg instanceof FullHttpRequest r) {
                request(ctx, r);
            }
        } finally {
            reserved = false;
            ReferenceCountUtil.release(msg);
        }
    }

    /** Judges a request only after the throttle's delay, reading nothing else from the connection meanwhile. */
    private void hold(FullHttpRequest r, long waitNanos) {
        held = r;
        ctx.channel().config().setAutoRead(false);
        heldTask = ctx.executor().schedule(() -> {
            FullHttpRequest h = held;
            held = null;
            heldTask = null;
            try {
                if (h != null && ctx.channel().isActive()) {
                    reserved = true;
                    request(ctx, h);
                    ctx.channel().config().setAutoRead(true);
                }
            } catch (RuntimeException e) {
                exceptionCaught(ctx, e);
            } finally {
                reserved = false;
                ReferenceCountUtil.release(h);
            }
        }, waitNanos, TimeUnit.NANOSECONDS);
    }

    private InetAddress address() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    private void media(InterleavedFrame f) {
        if (videoChannel >= 0 && (f.channel() == videoChannel || f.channel() == videoChannel + 1)) {
            rtp(f.channel() != videoChannel, f.content());
        }
    }

    /** RTP or RTCP of the video track, interleaved or over UDP; dropped unless recording and holding the camera. */
    private void rtp(boolean rtcp, ByteBuf b) {
        if (!recording || depacketizer == null || !camera.holds(this)) {
            return;
        }
        if (rtcp) {
            depacketizer.rtcp(b);
        } else {
            depacketizer.rtp(b, System.currentTimeMillis() * 1000L);
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
        if (auth != null) {
            long now = System.nanoTime();
            Verdict v = auth.check(r, now);
            if (reserved && !v.failure()) {
                push.throttle().forgive(address(), now);
            } else if (!reserved && v.failure()) {
                push.throttle().failed(address(), now);
            }
            if (v != Verdict.OK) {
                auth.refuse(ctx, cseq, v, now, push.metrics());
                return;
            }
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
        PushedCamera target = push.byPath(r.uri());
        if (target == null) {
            log.warn("push from {}: unknown camera path {}", ctx.channel().remoteAddress(), Sdp.shortenPublic(r.uri()));
            reply(ctx, cseq, RtspResponseStatuses.NOT_FOUND).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Sdp sdp = Sdp.parse(r.content().toString(StandardCharsets.UTF_8));
        MediaTrack video = sdp.tracks().stream().filter(t -> t.codec() != null && t.payloadType() >= 0)
                .findFirst().orElseThrow(() -> new RtspException("no H.264 or H.265 video track in the pushed SDP"));
        if (camera != null && camera != target) {
            reply(ctx, cseq, RtspResponseStatuses.METHOD_NOT_VALID);
            return;
        }
        PushedCamera.Claim claim = target.claim(this, System.nanoTime());
        if (claim == null) {
            push.metrics().closed("busy");
            reply(ctx, cseq, RtspResponseStatuses.NOT_ENOUGH_BANDWIDTH).addListener(ChannelFutureListener.CLOSE);
            log.warn("push to camera {} refused: another pusher is active", target.camera());
            return;
        }
        if (claim.replaced() != null) {
            push.metrics().closed("replaced");
            log.info("camera {}: push from {} replaces a pusher that had sent no media recently", target.camera(),
                    ctx.channel().remoteAddress());
        }
        int epoch = claim.epoch();
        if (depacketizer != null) {
            depacketizer.close();
        }
        camera = target;
        trackControl = video.control();
        depacketizer = NalDepacketizer.create(video.codec(), video.payloadType(), video.clockRate(),
                video.parameterSets(), video.donl(), epoch, au -> {
                    lastMedia = System.nanoTime();
                    camera.media();
                    camera.ring().write(au);
                }, target.metrics());
        log.info("camera {}: push announced from {} ({} pt {})", target.camera(), ctx.channel().remoteAddress(),
                video.encoding(), video.payloadType());
        reply(ctx, cseq, RtspResponseStatuses.OK);
    }

    private void setup(ChannelHandlerContext ctx, FullHttpRequest r, String cseq) {
        String transport = r.headers().get(RtspHeaderNames.TRANSPORT, "");
        if (camera == null) {
            log.warn("push from {}: SETUP refused (455): transport {}: no ANNOUNCE before it",
                    ctx.channel().remoteAddress(), Sdp.shortenPublic(transport));
            reply(ctx, cseq, RtspResponseStatuses.METHOD_NOT_VALID);
            return;
        }
        boolean video = videoChannel < 0 && !udp.hasVideo() && isVideoTrack(r.uri());
        if (!transport.toUpperCase(Locale.ROOT).contains("TCP")) {
            udp.setup(ctx, cseq, transport, video, camera, session);
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
        if (video) {
            videoChannel = channel;
            camera.metrics().transport(1);
        }
        FullHttpResponse a = response(cseq, RtspResponseStatuses.OK);
        a.headers().set("Transport", "RTP/AVP/TCP;unicast;interleaved=" + channel + "-" + (channel + 1)
                + ";mode=record");
        a.headers().set("Session", session);
        ctx.writeAndFlush(a);
    }

    /** Whether a SETUP URL names the video track (by its control attribute, or the only track). */
    private boolean isVideoTrack(String uri) {
        return trackControl == null || trackControl.isEmpty() || trackControl.equals("*") || uri.endsWith(trackControl)
                || uri.endsWith("/" + trackControl);
    }

    private void record(ChannelHandlerContext ctx, String cseq) {
        if (camera == null || videoChannel < 0 && !udp.hasVideo()) {
            reply(ctx, cseq, RtspResponseStatuses.METHOD_NOT_VALID);
            return;
        }
        recording = true;
        FullHttpResponse a = response(cseq, RtspResponseStatuses.OK);
        a.headers().set("Session", session);
        ctx.writeAndFlush(a);
    }

    static FullHttpResponse response(String cseq, HttpResponseStatus status) {
        FullHttpResponse a = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status);
        a.headers().set("CSeq", cseq);
        a.headers().set("Server", "minewatch");
        return a;
    }

    private static ChannelFuture reply(ChannelHandlerContext ctx, String cseq, HttpResponseStatus s) {
        return ctx.writeAndFlush(response(cseq, s));
    }

    /**
     * Sorts failures: I/O errors close quietly, a corrupt or oversized request closes with a reason,
     * anything else is a bug: counted ({@code ingest.push.errors}), logged and closed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("push from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause instanceof DecoderException) {
            log.info("push from {}: bad request ({}); closing", ctx.channel().remoteAddress(),
                    Sdp.shortenPublic(String.valueOf(cause.getMessage())));
        } else {
            push.metrics().unexpected();
            log.warn("push from {}: unexpected failure; closing", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (heldTask != null) {
            heldTask.cancel(false);
            heldTask = null;
        }
        if (held != null) {
            ReferenceCountUtil.release(held);
            held = null;
        }
        udp.close();
        if (depacketizer != null) {
            depacketizer.close();
        }
        if (camera != null) {
            camera.release(this, "pusher disconnected");
        }
        ctx.fireChannelInactive();
    }
}
