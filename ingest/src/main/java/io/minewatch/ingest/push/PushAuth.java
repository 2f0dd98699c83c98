package io.minewatch.ingest.push;

import io.minewatch.ingest.push.DigestVerifier.Verdict;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's Digest state: the nonce it was last given and when, its failed attempts, and
 * whether it has authenticated. Every 401 carries a fresh nonce, so a nonce that drew a refusal, or
 * one from another connection, is never accepted; a nonce is accepted for {@link PushLimits#nonceLifetime}.
 * Runs on the connection's event loop.
 */
final class PushAuth {
    private static final Logger log = LoggerFactory.getLogger(PushAuth.class);
    private final DigestVerifier verifier;
    private final PushLimits limits;
    private String nonce;
    private long issued;
    private int failures;
    private boolean authenticated;

    PushAuth(DigestVerifier verifier, PushLimits limits) {
        this.verifier = verifier;
        this.limits = limits;
    }

    /** Judges a request's credentials and counts a failure. */
    Verdict check(FullHttpRequest r, long now) {
        boolean expired = nonce != null && now - issued > limits.nonceLifetime().toNanos();
        Verdict v = verifier.verify(r.headers().get(RtspHeaderNames.AUTHORIZATION), r.method().name(), r.uri(),
                nonce, expired);
        if (v == Verdict.OK) {
            authenticated = true;
        } else if (v.failure()) {
            failures++;
        }
        return v;
    }

    /**
     * Answers a refused request: 401 with a fresh nonce ({@code stale=true} for an expired one), or,
     * once the connection has used up its failed attempts, a bare 401 and the connection closed.
     */
    void refuse(ChannelHandlerContext ctx, String cseq, Verdict v, long now, PushMetrics metrics) {
        metrics.authRefused(v.reason());
        if (exhausted()) {
            metrics.cutOff();
            log.info("push from {}: too many failed authentication attempts; closing", ctx.channel().remoteAddress());
            ctx.writeAndFlush(RtspPushHandler.response(cseq, RtspResponseStatuses.UNAUTHORIZED))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        FullHttpResponse a = RtspPushHandler.response(cseq, RtspResponseStatuses.UNAUTHORIZED);
        a.headers().set("WWW-Authenticate", challenge(v == Verdict.STALE, now));
        ctx.writeAndFlush(a);
    }

    /** A WWW-Authenticate value with a fresh nonce, which replaces the previous one. */
    String challenge(boolean stale, long now) {
        nonce = DigestVerifier.nonce();
        issued = now;
        return DigestVerifier.challenge(nonce, stale);
    }

    /** Whether the connection has used up its failed attempts. */
    boolean exhausted() {
        return failures >= limits.failuresPerConnection();
    }

    /** Whether this connection has given valid credentials once (its later requests are not delayed). */
    boolean authenticated() {
        return authenticated;
    }

    /** Whether a request should wait for the address's throttle before being judged. */
    static boolean hasCredentials(FullHttpRequest r) {
        return r.headers().contains(RtspHeaderNames.AUTHORIZATION);
    }
}
