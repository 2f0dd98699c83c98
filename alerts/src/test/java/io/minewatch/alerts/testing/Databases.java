package io.minewatch.alerts.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.minewatch.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Test databases: a SQLite file in a test folder, or a fresh schema in PostgreSQL's {@code test} database. */
public final class Databases {

    /** PostgreSQL of the test machine (trust auth); scripts/test starts it. */
    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";

    private Databases() {
    }

    public static DatabaseConfig sqlite(Path dir) {
        return new DatabaseConfig("jdbc:sqlite:" + dir.resolve("minewatch.db"), null, null, null);
    }

    /** The kinds a test parameterised over the database runs on: {@value #SQLITE} and {@value #POSTGRES}. */
    public static final String SQLITE = "sqlite";
    public static final String POSTGRES = "postgres";

    /** A SQLite file in {@code dir} for {@value #SQLITE}, else a fresh PostgreSQL schema (drop it after). */
    public static DatabaseConfig of(String kind, Path dir) {
        return switch (kind) {
            case SQLITE -> sqlite(dir);
            case POSTGRES -> postgres();
            default -> throw new IllegalArgumentException("unknown database kind " + kind);
        };
    }

    /** A fresh, empty schema {@code mw_test_<random>}; fails (never skips) when PostgreSQL is down. */
    public static DatabaseConfig postgres() {
        return postgres("mw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /**
     * The named schema (created on first open), e.g. for a child process that must use the parent's
     * schema; fails (never skips) when PostgreSQL is down.
     */
    public static DatabaseConfig postgres(String schema) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null)) {
            c.isValid(2);
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + POSTGRES_URL + " as " + POSTGRES_USER + " (" + e.getMessage()
                    + "). scripts/test starts it: pg_ctlcluster <version> main start");
        }
        return new DatabaseConfig(POSTGRES_URL, POSTGRES_USER, null, schema);
    }

    /** Drops a schema made by {@link #postgres()}. */
    public static void drop(DatabaseConfig config) {
        if (config.schema() == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
        } catch (SQLException e) {
            // Leftover test schemas are harmless.
        }
    }
}
