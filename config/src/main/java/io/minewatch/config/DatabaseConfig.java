package io.minewatch.config;

/**
 * The alerts database (outbox and audit trail).
 *
 * @param url      JDBC URL: {@code jdbc:sqlite:<file>} (default {@code <storage.dir>/minewatch.db}) or
 *                 {@code jdbc:postgresql://host:port/db}
 * @param username user name, or null
 * @param password password (use {@code ${ENV}}), or null; never logged
 * @param schema   PostgreSQL schema to use (created if missing), or null for the default
 */
public record DatabaseConfig(String url, String username, String password, String schema) {

    /** True for a PostgreSQL URL. */
    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + Redact.text(url) + ", username=" + username
                + ", password=" + (password == null ? "null" : Redact.MASK) + ", schema=" + schema + "]";
    }
}
