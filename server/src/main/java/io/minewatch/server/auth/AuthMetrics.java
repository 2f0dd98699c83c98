package io.minewatch.server.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Catalogue of the sign-in metrics: every meter name and tag lives here. */
public final class AuthMetrics {
    /** Counter {@code auth.logins{result}}: sign-in attempts by result ({@code ok}, {@code failed}, {@code throttled}). */
    public static final String LOGINS = "auth.logins";
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String THROTTLED = "throttled";
    /** Gauge {@code auth.sessions.active}: sessions held (an expired one is dropped when next presented, and all of them at a sign-in, at most once a minute). */
    public static final String SESSIONS_ACTIVE = "auth.sessions.active";
    /** Counter {@code auth.sessions.evicted}: sessions dropped because the store was full (the oldest goes). */
    public static final String SESSIONS_EVICTED = "auth.sessions.evicted";
    /** Counter {@code auth.throttle.evicted}: failure records dropped because the throttle's maps were full. */
    public static final String THROTTLE_EVICTED = "auth.throttle.evicted";

    private AuthMetrics() {
    }

    static Counter logins(MeterRegistry registry, String result) {
        return Counter.builder(LOGINS).tag("result", result).register(registry);
    }
}
