package io.minewatch.config;

/**
 * The HTTP endpoint (health, metrics, clips, evidence exports) and its bounds on what a client can
 * make it do.
 *
 * @param host                 bind host (default 127.0.0.1)
 * @param port                 port (default 8080; 0 = any free port)
 * @param headerTimeoutSeconds a request must arrive whole within this time of its first byte (or of the
 *                             connection opening), else the connection is closed (default 5, 1..300)
 * @param maxRequestsPerClient requests one remote address may have in progress at once, a download
 *                             counting until its last byte is sent; more are answered 429 (default 8, 1..1000)
 * @param exportQueue          evidence exports that may wait for the export thread; more are answered
 *                             503 (default 4, 0..1000)
 * @param tls                  HTTPS certificate and key, or null for plain HTTP
 * @param sessionMinutes       a console session unused for this long expires (default 480, 5..10080)
 * @param metricsPublic        whether {@code /metrics} answers without a session (default false: the
 *                             metrics name cameras, sites and officials; a scraper on another host is
 *                             given a session-less view only when this is set)
 * @param mapTiles             the console map's tile URL template ({@code {z}/{x}/{y}}), or null: no
 *                             internet, the map draws sites by their coordinates only
 * @param mapAttribution       the attribution shown with those tiles, or null
 */
public record HttpConfig(String host, int port, int headerTimeoutSeconds, int maxRequestsPerClient,
                         int exportQueue, TlsConfig tls, int sessionMinutes, boolean metricsPublic,
                         String mapTiles, String mapAttribution) {
    public static final int DEFAULT_SESSION_MINUTES = 480;
    public static final int MIN_SESSION_MINUTES = 5;
    public static final int MAX_SESSION_MINUTES = 7 * 24 * 60;
    public static final int DEFAULT_HEADER_TIMEOUT_S = 5;
    public static final int DEFAULT_MAX_REQUESTS_PER_CLIENT = 8;
    public static final int DEFAULT_EXPORT_QUEUE = 4;

    public HttpConfig {
        if (headerTimeoutSeconds < 1 || headerTimeoutSeconds > 300) {
            throw new IllegalArgumentException("http.header_timeout_s must be 1..300, got " + headerTimeoutSeconds);
        }
        if (maxRequestsPerClient < 1 || maxRequestsPerClient > 1000) {
            throw new IllegalArgumentException("http.max_requests_per_client must be 1..1000, got "
                    + maxRequestsPerClient);
        }
        if (exportQueue < 0 || exportQueue > 1000) {
            throw new IllegalArgumentException("http.export_queue must be 0..1000, got " + exportQueue);
        }
        if (sessionMinutes < MIN_SESSION_MINUTES || sessionMinutes > MAX_SESSION_MINUTES) {
            throw new IllegalArgumentException("http.session_minutes must be " + MIN_SESSION_MINUTES + ".."
                    + MAX_SESSION_MINUTES + ", got " + sessionMinutes);
        }
    }

    /** The given bounds, plain HTTP, the default session expiry, metrics behind sign-in, no map tiles. */
    public HttpConfig(String host, int port, int headerTimeoutSeconds, int maxRequestsPerClient, int exportQueue) {
        this(host, port, headerTimeoutSeconds, maxRequestsPerClient, exportQueue, null, DEFAULT_SESSION_MINUTES,
                false, null, null);
    }

    /** Host and port with the default bounds. */
    public HttpConfig(String host, int port) {
        this(host, port, DEFAULT_HEADER_TIMEOUT_S, DEFAULT_MAX_REQUESTS_PER_CLIENT, DEFAULT_EXPORT_QUEUE);
    }

    /** The same bounds on another port. */
    public HttpConfig withPort(int newPort) {
        return new HttpConfig(host, newPort, headerTimeoutSeconds, maxRequestsPerClient, exportQueue, tls,
                sessionMinutes, metricsPublic, mapTiles, mapAttribution);
    }

    /** The same settings with {@code /metrics} public or not. */
    public HttpConfig withMetricsPublic(boolean open) {
        return new HttpConfig(host, port, headerTimeoutSeconds, maxRequestsPerClient, exportQueue, tls,
                sessionMinutes, open, mapTiles, mapAttribution);
    }

    /** The same settings served over HTTPS with this certificate and key. */
    public HttpConfig withTls(TlsConfig newTls) {
        return new HttpConfig(host, port, headerTimeoutSeconds, maxRequestsPerClient, exportQueue, newTls,
                sessionMinutes, metricsPublic, mapTiles, mapAttribution);
    }
}
