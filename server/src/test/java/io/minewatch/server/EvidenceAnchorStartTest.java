package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.DatabaseAnchor;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server anchors its audit log in the database as it appends, and will not continue a log that
 * was cut short or rewritten while it was down (continuing would bury the cut under new entries).
 */
class EvidenceAnchorStartTest {
    @TempDir
    Path dir;

    @Test
    void aLogCutWhileTheServerWasDownStopsStartUpNamingTheAnchor() throws Exception {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(FreePorts.freePort(), "mwanchor-" + UUID.randomUUID().toString().substring(0, 8) + "/v1"));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
        Path log = cfg.storage().dir().resolve("evidence/audit.jsonl");
        try (Application app = Application.create(cfg, MODEL)) {
            assertTrue(Files.isRegularFile(log));
        }
        // A day's entries, written as the server writes them: the database anchor follows each append.
        try (Database db = Database.open(cfg.database()); AuditLog audit = AuditLog.open(log, Clock.systemUTC())) {
            audit.addAnchor(new DatabaseAnchor(db, Clock.systemUTC()));
            for (int i = 0; i < 20; i++) {
                audit.append("officer-li", "clip_viewed", "a1", "", "");
            }
        }
        try (Application app = Application.create(cfg, MODEL)) {
            assertTrue(app.httpPort() > 0, "an untouched log starts");
        }

        Files.write(log, Files.readAllLines(log).subList(0, 5));
        IOException cut = assertThrows(IOException.class, () -> Application.create(cfg, MODEL).close());
        assertTrue(cut.getMessage().startsWith("audit log cut short: database table audit_anchor records entry 20 "
                + "but the log ends at entry 5"), cut.getMessage());
        try (Database d = Database.open(cfg.database())) {
            assertEquals(20, DatabaseAnchor.read(d).orElseThrow().seq(), "the refused start moved the anchor");
        }

        // Whoever also resets the database row is still stopped by the checkpoint beside the log.
        try (Database d = Database.open(cfg.database())) {
            d.tx(c -> {
                try (var st = c.createStatement()) {
                    return st.executeUpdate("UPDATE audit_anchor SET seq = 0, hash = '' WHERE id = 1");
                }
            });
        }
        IOException checkpoint = assertThrows(IOException.class, () -> Application.create(cfg, MODEL).close());
        assertTrue(checkpoint.getMessage().startsWith("audit log cut short: checkpoint audit.head records entry 20 "
                + "but the log ends at entry 5"), checkpoint.getMessage());
    }
}
