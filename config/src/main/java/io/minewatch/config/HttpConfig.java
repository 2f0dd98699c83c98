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
 */
public record HttpConfig(String host, int port, int headerTimeoutSeconds, int maxRequestsPerClient,
                         int exportQueue) {
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
    }

    /** Host and port with the default bounds. */
    public HttpConfig(String host, int port) {
        this(host, port, DEFAULT_HEADER_TIMEOUT_S, DEFAULT_MAX_REQUESTS_PER_CLIENT, DEFAULT_EXPORT_QUEUE);
    }

    /** The same bounds on another port. */
    public HttpConfig withPort(int newPort) {
        return new HttpConfig(host, newPort, headerTimeoutSeconds, maxRequestsPerClient, exportQueue);
    }
}
