package io.minewatch.config;

/**
 * The RTSP server for pushed streams (the optional top-level {@code rtsp_server} section): encoders
 * and drone gateways ANNOUNCE/RECORD to {@code rtsp://host:port/<camera id>}.
 *
 * @param host      bind address (default 0.0.0.0)
 * @param port      TCP port (default 8554; 0 = any free port)
 * @param username  user name pushers must give (Digest), or null for none
 * @param password  password (use ${ENV}); never shown
 */
public record RtspServerConfig(String host, int port, String username, String password) {

    /** Whether pushers must authenticate. */
    public boolean requiresAuth() {
        return username != null;
    }

    @Override
    public String toString() {
        return "RtspServerConfig[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "null" : Redact.MASK) + "]";
    }
}
