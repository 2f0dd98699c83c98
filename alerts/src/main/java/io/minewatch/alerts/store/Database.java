package io.minewatch.alerts.store;

import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.Redact;
import io.minewatch.config.RedactedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts database: migrated by Flyway on open, then used through one connection that
 * {@link #tx(Work)} lends to one caller at a time.
 *
 * <p>One connection is enough: the server is the only writer, each transaction is a few rows, and
 * SQLite serialises writers anyway. SQLite runs in WAL mode with {@code synchronous=FULL}, so a
 * committed row survives a crash of the process and of the machine.
 */
public final class Database implements AutoCloseable {

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Connection connection;
    private final String safeUrl;
    private final boolean postgres;
    private boolean closed;

    private Database(Connection connection, String safeUrl, boolean postgres) {
        this.connection = connection;
        this.safeUrl = safeUrl;
        this.postgres = postgres;
    }

    /**
     * Migrates the schema and opens the connection.
     *
     * @throws DatabaseException naming the (masked) URL when the database cannot be reached or migrated;
     *         neither its message nor its causes hold the password or any other remembered secret
     */
    public static Database open(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        // However the config was made, its password is masked in whatever a driver or Flyway says.
        Redact.remember(config.password());
        Redact.rememberCredentials(config.url());
        String safe = Redact.text(config.url());
        boolean pg = config.postgres();
        String url = config.url();
        if (!pg) {
            createParent(url);
        } else if (config.schema() != null) {
            url = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + config.schema();
        }
        try {
            var flyway = Flyway.configure()
                    .dataSource(url, config.username(), config.password())
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("binary", pg ? "BYTEA" : "BLOB"))
                    .loggers("slf4j");
            if (pg && config.schema() != null) {
                flyway = flyway.schemas(config.schema()).createSchemas(true);
            }
            var result = flyway.load().migrate();
            if (result.migrationsExecuted > 0) {
                log.info("database {}: {} migration(s) applied, schema version {}", safe,
                        result.migrationsExecuted, result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            // Flyway's message names the JDBC URL as written, with any ?password= in it: cause and message masked.
            throw new DatabaseException("cannot migrate database " + safe + ": " + Redact.text(e.getMessage()),
                    RedactedException.of(e));
        }
        Properties props = new Properties();
        if (config.username() != null) {
            props.setProperty("user", config.username());
        }
        if (config.password() != null) {
            props.setProperty("password", config.password());
        }
        try {
            Connection c = DriverManager.getConnection(url, props);
            if (!pg) {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA journal_mode=WAL");
                    // Every commit reaches the disk before the message is published: alerts are evidence.
                    st.execute("PRAGMA synchronous=FULL");
                    st.execute("PRAGMA busy_timeout=5000");
                }
            }
            c.setAutoCommit(false);
            return new Database(c, safe, pg);
        } catch (SQLException e) {
            throw new DatabaseException("cannot open database " + safe + ": " + Redact.text(e.getMessage()),
                    RedactedException.of(e));
        }
    }

    private static void createParent(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) {
            file = file.substring(0, q);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create database folder " + parent, e);
        }
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    public synchronized <T> T tx(Work<T> work) {
        if (closed) {
            throw new DatabaseException("database " + safeUrl + " is closed", null);
        }
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            if (e instanceof DatabaseException d) {
                throw d;
            }
            throw new DatabaseException("database " + safeUrl + ": " + Redact.text(e.getMessage()), e);
        }
    }

    /** True for PostgreSQL. */
    public boolean postgres() {
        return postgres;
    }

    /** The URL with any password masked. */
    public String safeUrl() {
        return safeUrl;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing database {}: {}", safeUrl, Redact.text(e.getMessage()));
        }
    }
}
