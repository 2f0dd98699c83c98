package io.minewatch.ingest.rtsp;

import io.minewatch.ingest.rtp.NalDepacketizer;
import io.minewatch.ingest.rtp.RtpCounters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The client side of one RTSP session: OPTIONS, DESCRIBE, SETUP of the first H.264/H.265 video track
 * (audio and other tracks are never set up), PLAY, keep-alives within the session timeout, and
 * TEARDOWN on {@link #stop}. Every request has a timeout; a 401 is answered once with Digest or Basic
 * credentials; a redirect is handed to the camera. RTP arrives interleaved ({@link InterleavedFrame})
 * or over UDP ({@link UdpReceiver}) and goes to the track's depacketizer.
 *
 * <p>Runs entirely on the channel's event loop and never blocks it.
 */
public final class RtspClientHandler extends ChannelInboundHandlerAdapter {
    private static final String USER_AGENT = "minewatch";
    private static final int MAX_AUTH_ATTEMPTS = 2;

    private enum Step { OPTIONS, DESCRIBE, SETUP, PLAY, PLAYING, KEEPALIVE, TEARDOWN }

    private final RtspUrl url;
    private final Transport transport;
    private final long timeoutMillis;
    private final SessionListener listener;
    private final RtpCounters counters;
    private final int epoch;

    private ChannelHandlerContext ctx;
    private int cseq;
    private int pendingCseq = -1;
    private Step step;
    private HttpMethod pendingMethod;
    private String pendingUri;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> keepAlive;
    private Authenticator auth;
    private int authAttempts;
    private boolean getParameter;
    private String baseUrl;
    private String trackUrl;
    private String sessionUrl;
    private MediaTrack track;
    private String session;
    private int sessionTimeoutS = 60;
    private int rtpChannel = 0;
    private int rtcpChannel = 1;
    private NalDepacketizer depacketizer;
    private UdpReceiver udp;
    private String endReason;

    public RtspClientHandler(RtspUrl url, Transport transport, long timeoutMillis, SessionListener listener,
                             RtpCounters counters, int epoch) {
        this.url = url;
        this.transport = transport;
        this.timeoutMillis = timeoutMillis;
        this.listener = listener;
        this.counters = counters;
        this.epoch = epoch;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        send(Step.OPTIONS, RtspMethods.OPTIONS, url.request(), null);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InterleavedFrame f) {
                interleaved(f);
            } else if (msg instanceof FullHttpResponse r) {
                response(r);
            } else if (msg instanceof FullHttpRequest r) {
                // A request from the camera (some send GET_PARAMETER or ANNOUNCE): not supported.
                answerServerRequest(r);
            }
        } catch (RtspException e) {
            fail(e.getMessage());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void interleaved(InterleavedFrame f) {
        if (depacketizer == null) {
            return;
        }
        ByteBuf b = f.content();
        long now = nowMicros();
        listener.data();
        if (f.channel() == rtpChannel) {
            depacketizer.rtp(b, now);
        } else if (f.channel() == rtcpChannel) {
            depacketizer.rtcp(b);
        }
    }

    /** An RTP or RTCP packet that came over UDP. */
    void udpPacket(boolean rtcp, ByteBuf b) {
        if (depacketizer == null) {
            return;
        }
        listener.data();
        if (rtcp) {
            depacketizer.rtcp(b);
        } else {
            depacketizer.rtp(b, nowMicros());
        }
    }

    private static long nowMicros() {
        return System.currentTimeMillis() * 1000L;
    }

    private void answerServerRequest(FullHttpRequest r) {
        var answer = new io.netty.handler.codec.http.DefaultFullHttpResponse(RtspVersions.RTSP_1_0,
                io.netty.handler.codec.rtsp.RtspResponseStatuses.NOT_IMPLEMENTED);
        String c = r.headers().get(RtspHeaderNames.CSEQ);
        if (c != null) {
            answer.headers().set("CSeq", c);
        }
        ctx.writeAndFlush(answer);
    }

    private void response(FullHttpResponse r) throws RtspException {
        if (r.decoderResult().isFailure()) {
            throw new RtspException("malformed RTSP answer: " + r.decoderResult().cause().getMessage());
        }
        int c = RtspValues.parseInt(r.headers().get(RtspHeaderNames.CSEQ), -2);
        if (c != pendingCseq) {
            return; // late answer to a request that timed out, or an unsolicited one
        }
        pendingCseq = -1;
        cancel(timeout);
        int status = r.status().code();
        if (status == 401) {
            unauthorized(r);
            return;
        }
        if (status >= 300 && status < 400 && r.headers().contains(io.netty.handler.codec.http.HttpHeaderNames.LOCATION)) {
            endReason = "redirected";
            listener.redirect(r.headers().get(io.netty.handler.codec.http.HttpHeaderNames.LOCATION));
            ctx.close();
            return;
        }
        if (step == Step.KEEPALIVE) {
            if (status == 454) {
                throw new RtspException("session expired (454 Session Not Found)");
            }
            return;
        }
        if (step == Step.SETUP && status == 461) {
            listener.transportRefused(transport, "461 " + Sdp.shorten(r.status().reasonPhrase()));
            throw new RtspException("SETUP over " + transport + " refused: 461 "
                    + Sdp.shorten(r.status().reasonPhrase()));
        }
        if (status != 200) {
            throw new RtspException(pendingMethod + " answered " + status + " " + Sdp.shorten(r.status().reasonPhrase()));
        }
        switch (step) {
            case OPTIONS -> {
                String pub = r.headers().get(RtspHeaderNames.PUBLIC, "");
                getParameter = pub.toUpperCase(Locale.ROOT).contains("GET_PARAMETER");
                send(Step.DESCRIBE, RtspMethods.DESCRIBE, url.request(), null);
            }
            case DESCRIBE -> describe(r);
            case SETUP -> setup(r);
            case PLAY -> {
                rtpInfo(r.headers().get(RtspHeaderNames.RTP_INFO));
                play();
            }
            default -> {
            }
        }
    }

    private void unauthorized(FullHttpResponse r) throws RtspException {
        if (!url.hasCredentials()) {
            throw new RtspException(pendingMethod + " needs credentials (401) and the URL has none");
        }
        if (++authAttempts > MAX_AUTH_ATTEMPTS) {
            throw new RtspException("credentials refused (401 after " + (authAttempts - 1) + " attempts)");
        }
        auth = Authenticator.forChallenges(url.user(), url.password(),
                r.headers().getAll(RtspHeaderNames.WWW_AUTHENTICATE));
        send(step, pendingMethod, pendingUri, null);
    }

    private void describe(FullHttpResponse r) throws RtspException {
        String body = r.content().toString(StandardCharsets.UTF_8);
        Sdp sdp = Sdp.parse(body);
        baseUrl = r.headers().get(RtspHeaderNames.CONTENT_BASE,
                r.headers().get(RtspHeaderNames.CONTENT_LOCATION, url.request()));
        List<String> seen = new ArrayList<>();
        for (MediaTrack t : sdp.tracks()) {
            if (t.codec() != null && t.payloadType() >= 0) {
                track = t;
                break;
            }
            seen.add(t.media() + "/" + (t.encoding().isEmpty() ? "?" : t.encoding()));
        }
        if (track == null) {
            throw new RtspException("no H.264 or H.265 video track in the SDP (found: "
                    + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")");
        }
        sessionUrl = RtspValues.resolve(baseUrl, sdp.control());
        trackUrl = RtspValues.resolve(sessionUrl, track.control());
        if (transport == Transport.UDP) {
            udp = new UdpReceiver(ctx.channel(), this::udpPacket);
            udp.bind().addListener(f -> {
                if (!f.isSuccess()) {
                    fail("cannot bind UDP ports for RTP: " + f.cause().getMessage());
                } else if (ctx.channel().isActive()) {
                    send(Step.SETUP, RtspMethods.SETUP, trackUrl, "RTP/AVP;unicast;client_port="
                            + udp.rtpPort() + "-" + (udp.rtpPort() + 1));
                }
            });
        } else {
            send(Step.SETUP, RtspMethods.SETUP, trackUrl, "RTP/AVP/TCP;unicast;interleaved=0-1");
        }
    }

    private void setup(FullHttpResponse r) throws RtspException {
        SetupAnswer a = SetupAnswer.parse(r.headers().get(RtspHeaderNames.SESSION),
                r.headers().get(RtspHeaderNames.TRANSPORT));
        session = a.session();
        sessionTimeoutS = a.timeoutS();
        if (transport == Transport.TCP) {
            rtpChannel = a.rtpChannel();
            rtcpChannel = a.rtcpChannel();
            if (!a.tcp()) {
                listener.transportRefused(transport, "Transport: " + a.transport());
                throw new RtspException("camera refused TCP interleaving (Transport: " + a.transport() + ")");
            }
        }
        depacketizer = NalDepacketizer.create(track.codec(), track.payloadType(), track.clockRate(),
                track.parameterSets(), track.donl(), epoch, listener::accessUnit, counters);
        send(Step.PLAY, RtspMethods.PLAY, sessionUrl, null);
    }

    private void play() {
        step = Step.PLAYING;
        long every = Math.max(1, sessionTimeoutS / 2);
        keepAlive = ctx.executor().scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.SECONDS);
        listener.playing(track.encoding() + " pt " + track.payloadType() + " over " + transport);
    }

    /** RTP-Info: {@code url=...;seq=N;rtptime=T[, url=...]}; the seq of our track starts the sequence. */
    private void rtpInfo(String info) {
        if (info == null || info.length() > 4096) {
            return;
        }
        for (String entry : info.split(",")) {
            for (String p : entry.split(";")) {
                p = p.strip();
                if (p.startsWith("seq=")) {
                    int seq = RtspValues.parseInt(p.substring(4), -1);
                    if (seq >= 0 && (entry.contains(trackUrl) || !info.contains(","))) {
                        depacketizer.expectSequence(seq);
                    }
                }
            }
        }
    }

    private void keepAlive() {
        if (pendingCseq < 0 && ctx.channel().isActive()) {
            send(Step.KEEPALIVE, getParameter ? RtspMethods.GET_PARAMETER : RtspMethods.OPTIONS,
                    getParameter ? sessionUrl : url.request(), null);
        }
    }

    /** Sends TEARDOWN (when a session exists) and closes; call on the event loop. */
    public void stop() {
        endReason = "stopped";
        cancel(keepAlive);
        if (session != null && ctx != null && ctx.channel().isActive()) {
            send(Step.TEARDOWN, RtspMethods.TEARDOWN, sessionUrl, null);
            // The answer is not awaited: give it a moment on the wire, then close.
            ctx.channel().eventLoop().schedule(() -> ctx.close(), 500, TimeUnit.MILLISECONDS);
            return;
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    private void send(Step next, HttpMethod method, String uri, String transportHeader) {
        step = next;
        pendingMethod = method;
        pendingUri = uri;
        pendingCseq = ++cseq;
        FullHttpRequest req;
        try {
            req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, method, uri);
        } catch (IllegalArgumentException e) {
            // A URL built from the camera's Content-Base or SDP that cannot go on a request line (found
            // by RtspFuzzTest once it read end reasons from outside the pipeline).
            fail("camera sent a URL that cannot be requested: " + Sdp.shorten(uri));
            return;
        }
        req.headers().set("CSeq", cseq);
        req.headers().set("User-Agent", USER_AGENT);
        if (method.equals(RtspMethods.DESCRIBE)) {
            req.headers().set("Accept", "application/sdp");
        }
        if (transportHeader != null) {
            req.headers().set("Transport", transportHeader);
        }
        if (method.equals(RtspMethods.PLAY)) {
            req.headers().set("Range", "npt=0.000-");
        }
        if (session != null) {
            req.headers().set("Session", session);
        }
        if (auth != null) {
            req.headers().set("Authorization", auth.header(method.name(), uri));
        }
        if (next != Step.TEARDOWN) {
            timeout = ctx.executor().schedule(() -> fail("no answer to " + method + " within "
                    + timeoutMillis + " ms"), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        ctx.writeAndFlush(req).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    /** Closes the connection for this reason, without TEARDOWN (e.g. no data); call on the event loop. */
    public void abort(String reason) {
        fail(reason);
    }

    /** Closes the connection for this reason (reported once, when the channel goes inactive). */
    void fail(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String m = cause.getMessage();
        fail(cause.getClass().getSimpleName() + (m == null ? "" : ": " + Sdp.shorten(m)));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel(timeout);
        cancel(keepAlive);
        if (udp != null) {
            udp.close();
        }
        if (depacketizer != null) {
            depacketizer.close();
        }
        listener.ended(endReason != null ? endReason : "connection closed by the camera");
        ctx.fireChannelInactive();
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
