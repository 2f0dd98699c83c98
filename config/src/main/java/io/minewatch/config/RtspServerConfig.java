package io.minewatch.config;

import java.time.Duration;
import java.util.Locale;

/**
 * The RTSP server for pushed streams (the optional top-level {@code rtsp_server} section): encoders
 * and drone gateways ANNOUNCE/RECORD to {@code rtsp://host:port/<camera id>}.
 *
 * @param host           bind address (default 127.0.0.1)
 * @param port           TCP port (default 8554; 0 = any free port)
 * @param username       user name pushers must give (Digest), or null for none
 * @param password       password (use ${ENV}); never shown
 * @param allowAnonymous whether a non-loopback bind may go without credentials (default false)
 * @param idleTimeout    a pusher that sends no media for this long is disconnected and its camera
 *                       path released (default 10 s)
 */
public record RtspServerConfig(String host, int port, String username, String password, boolean allowAnonymous,
                               Duration idleTimeout) {
    /** Default {@code rtsp_server.idle_timeout_s}. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Bounds of {@code rtsp_server.idle_timeout_s}, in seconds. */
    public static final double MIN_IDLE_S = 2;
    /** Upper bound of {@code rtsp_server.idle_timeout_s}, in seconds. */
    public static final double MAX_IDLE_S = 300;

    /** Validates the idle timeout bounds. */
    public RtspServerConfig {
        if (idleTimeout == null) {
            idleTimeout = DEFAULT_IDLE_TIMEOUT;
        }
        if (idleTimeout.toMillis() < MIN_IDLE_S * 1000 || idleTimeout.toMillis() > MAX_IDLE_S * 1000) {
            throw new IllegalArgumentException("idle timeout must be between 2 and 300 seconds");
        }
    }

    /** A server with credentials (or none) and the default limits; anonymous only on loopback. */
    public RtspServerConfig(String host, int port, String username, String password) {
        this(host, port, username, password, false, DEFAULT_IDLE_TIMEOUT);
    }

    /** Whether pushers must authenticate. */
    public boolean requiresAuth() {
        return username != null;
    }

    /**
     * Whether this configuration would let anyone who can reach the bind address push: no credentials,
     * a bind address that is not loopback, and no explicit {@code allow_anonymous}.
     */
    public boolean anonymousOnNetwork() {
        return !requiresAuth() && !allowAnonymous && !isLoopback(host);
    }

    /**
     * Whether a bind address is loopback, judged from its text only (no name lookup): {@code localhost},
     * {@code 127.x.x.x} or {@code ::1}. Anything else, names included, counts as reachable from the network.
     */
    public static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "RtspServerConfig[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "null" : Redact.MASK) + ", allowAnonymous=" + allowAnonymous
                + ", idleTimeout=" + idleTimeout + "]";
    }
}
