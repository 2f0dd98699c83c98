package io.minewatch.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Catalogue of the HTTP endpoint's metrics: every meter name and tag lives here.
 *
 * <p>Tag values come from the fixed set of reasons below.
 */
public final class HttpMetrics {

    /** Counter {@code http.rejected{reason}}: requests refused to bound the work, by reason below. */
    public static final String REJECTED = "http.rejected";

    /** Reason: the client (remote address) already had its limit of requests in progress; 429. */
    public static final String CLIENT_LIMIT = "client_limit";

    /** Reason: the request pool's queue was full; 503. */
    public static final String BUSY = "busy";

    /** Reason: the evidence export queue was full; 503. */
    public static final String EXPORT_BUSY = "export_busy";

    /** Counter {@code http.header.timeouts}: connections closed because a request did not arrive in time. */
    public static final String HEADER_TIMEOUTS = "http.header.timeouts";

    /** Gauge {@code http.exports.queued}: evidence exports waiting for the export thread. */
    public static final String EXPORTS_QUEUED = "http.exports.queued";

    /** Gauge {@code http.exports.running}: evidence exports being built. */
    public static final String EXPORTS_RUNNING = "http.exports.running";

    /**
     * Counter {@code http.websocket.upgrades{result}}: WebSocket upgrade requests by result:
     * {@value #UPGRADED}, {@value #NOT_FOUND} (no such path), {@value #UNAUTHORIZED} (no session),
     * {@value #FORBIDDEN} (Origin is not this server), {@value #REFUSED} (not GET, no upgrade header,
     * unsupported version, busy).
     */
    public static final String WEBSOCKET_UPGRADES = "http.websocket.upgrades";
    public static final String UPGRADED = "upgraded";
    public static final String NOT_FOUND = "not_found";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String REFUSED = "refused";
    static final java.util.List<String> UPGRADE_RESULTS = java.util.List.of(UPGRADED, NOT_FOUND, UNAUTHORIZED,
            FORBIDDEN, REFUSED);

    private HttpMetrics() {
    }

    static Counter rejected(MeterRegistry registry, String reason) {
        return Counter.builder(REJECTED).tag("reason", reason).register(registry);
    }
}
