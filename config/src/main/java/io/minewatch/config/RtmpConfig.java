package io.minewatch.config;

import java.time.Duration;

/**
 * The RTMP publish server (the optional top-level {@code rtmp} section): drones and encoders publish
 * H.264 to {@code rtmp://host:port/live/<camera id>?user=U&pass=P} for cameras configured with
 * {@code detect: rtmp}. RTMP has no authentication of its own that drone apps can use, so the
 * credentials travel in the stream key's query, as MediaMTX does (see the README).
 *
 * @param enabled        whether the server runs (default true when the section is present)
 * @param host           bind address (default 127.0.0.1)
 * @param port           TCP port (default 1935; 0 = any free port)
 * @param username       user name publishers must give ({@code user=} in the stream key), or null for none
 * @param password       password ({@code pass=}; use ${ENV}); never shown
 * @param allowAnonymous whether a non-loopback bind may go without credentials (default false)
 * @param idleTimeout    a publisher that sends no video for this long is disconnected and its camera
 *                       released (default 10 s, 2..300)
 */
public record RtmpConfig(boolean enabled, String host, int port, String username, String password,
                         boolean allowAnonymous, Duration idleTimeout) {
    /** Default {@code rtmp.port}. */
    public static final int DEFAULT_PORT = 1935;
    /** The one application name accepted: publish URLs are {@code rtmp://host:port/live/<camera id>}. */
    public static final String APP = "live";

    /** Checks the bounds; a null idle timeout is the default. */
    public RtmpConfig {
        if (idleTimeout == null) {
            idleTimeout = RtspServerConfig.DEFAULT_IDLE_TIMEOUT;
        }
        if (idleTimeout.toMillis() < RtspServerConfig.MIN_IDLE_S * 1000
                || idleTimeout.toMillis() > RtspServerConfig.MAX_IDLE_S * 1000) {
            throw new IllegalArgumentException("idle timeout must be between 2 and 300 seconds");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("give both username and password, or neither");
        }
    }

    /** An enabled server with credentials (or none) and the default idle timeout; anonymous only on loopback. */
    public RtmpConfig(String host, int port, String username, String password) {
        this(true, host, port, username, password, false, null);
    }

    /** Whether publishers must give credentials. */
    public boolean requiresAuth() {
        return username != null;
    }

    /** Whether anyone who can reach the bind address could publish (no credentials, not loopback, not allowed). */
    public boolean anonymousOnNetwork() {
        return !requiresAuth() && !allowAnonymous && !RtspServerConfig.isLoopback(host);
    }

    @Override
    public String toString() {
        return "RtmpConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "null" : Redact.MASK) + ", allowAnonymous=" + allowAnonymous
                + ", idleTimeout=" + idleTimeout + "]";
    }
}
