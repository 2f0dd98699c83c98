package io.minewatch.ingest.push;

import io.minewatch.ingest.push.DigestVerifier.Verdict;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.rtsp.RtspHeaderNames;

/**
 * One connection's Digest state: the nonce it was last given and when, its failed attempts, and
 * whether it has authenticated. Every 401 carries a fresh nonce, so a nonce that drew a refusal, or
 * one from another connection, is never accepted; a nonce is accepted for {@link PushLimits#nonceLifetime}.
 * Runs on the connection's event loop.
 */
final class PushAuth {
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
