package io.minewatch.alerts.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.store.DatabaseException;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.config.DatabaseConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox table on SQLite and on PostgreSQL (a fresh schema): one schema, same behaviour. */
class OutboxStoreTest {

    @TempDir
    Path dir;

    private DatabaseConfig config(String kind) {
        return kind.equals("postgres") ? Databases.postgres() : Databases.sqlite(dir);
    }

    private static OutboundMessage message(int n) {
        return new OutboundMessage("m-" + n, "alert", "t/" + n, new byte[] {(byte) n, 0, (byte) 0xff}, n % 2 == 0, "a-" + n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void pendingRowsComeBackInOrderAndSurviveAReopen(String kind) {
        DatabaseConfig cfg = config(kind);
        try {
            try (Database db = Database.open(cfg)) {
                OutboxStore store = new OutboxStore(db);
                long[] seqs = db.tx(c -> store.append(c, List.of(message(1), message(2), message(3)), 1000));
                assertArrayEquals(new long[] {1, 2, 3}, seqs);
                store.markDelivered(List.of(2L), 2000);
                List<PendingMessage> pending = store.pending(0, 10);
                assertEquals(List.of(1L, 3L), pending.stream().map(PendingMessage::seq).toList());
                assertArrayEquals(new byte[] {3, 0, (byte) 0xff}, pending.get(1).payload());
                assertEquals("a-3", pending.get(1).alertId());
                assertEquals(List.of(3L), store.pending(1, 10).stream().map(PendingMessage::seq).toList());
            }
            // Reopen (a restart): Flyway finds the schema current, numbering continues, pending stays pending.
            try (Database db = Database.open(cfg)) {
                OutboxStore store = new OutboxStore(db);
                assertEquals(2, store.pendingCount());
                long[] seqs = db.tx(c -> store.append(c, List.of(message(4)), 3000));
                assertArrayEquals(new long[] {4}, seqs);
                assertTrue(store.pending(0, 10).get(0).retained() == false);
            }
        } finally {
            Databases.drop(cfg);
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPassword() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> Database.open(new DatabaseConfig(
                "jdbc:postgresql://127.0.0.1:1/nowhere", "u", "hunter2", null)));
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/nowhere"), e.getMessage());
        assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
    }

    /**
     * Regression (issue 10): a password in the JDBC URL itself was printed, in the URL and in Flyway's
     * message quoting it; the cause chain (what a stack trace shows) held it too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:1/x?password=", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=",
            "jdbc:postgresql://127.0.0.1:1/x?sslpassword=", "jdbc:postgresql://127.0.0.1:1/x;password="})
    void aPasswordInTheUrlIsInNeitherMessageNorCause(String url) {
        String secret = "url-" + java.util.UUID.randomUUID().toString().substring(0, 12);
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> Database.open(new DatabaseConfig(url + secret, null, null, null)));
        assertTrue(e.getMessage().contains("127.0.0.1:1/x"), e.getMessage());
        java.io.StringWriter printed = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(printed));
        assertTrue(printed.toString().contains("Caused by"), "the cause is kept for debugging: " + printed);
        assertTrue(!printed.toString().contains(secret), secret + " leaked:\n" + printed);
    }
}
