package io.minewatch.tools.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.evidence.AuditCheckpoint;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.DatabaseAnchor;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.DatabaseConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify command's answers: 0 when all is well, 1 naming the altered clip or the anchor a cut or
 * rewritten log no longer matches, 2 without a log or with a named database it cannot read.
 */
class VerifyEvidenceTest {
    @TempDir
    Path storage;

    @Test
    void verifiesThenNamesAnAlteredClip() throws Exception {
        Path clip = storage.resolve("clips/cam-1/2026-11-29/a1.mp4");
        Files.createDirectories(clip.getParent());
        Files.write(clip, new byte[5000]);
        try (AuditLog audit = AuditLog.open(storage.resolve("evidence/audit.jsonl"), Clock.systemUTC())) {
            audit.append("system", "clip_created", "a1", "clips/cam-1/2026-11-29/a1.mp4", Sha256.of(clip));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, VerifyEvidence.run(new String[] {storage.toString()}, new PrintStream(out), System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("evidence verified"));

        byte[] bytes = Files.readAllBytes(clip);
        bytes[100] = 1;
        Files.write(clip, bytes);
        out.reset();
        assertEquals(1, VerifyEvidence.run(new String[] {storage.toString()}, new PrintStream(out), System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("clips/cam-1/2026-11-29/a1.mp4: SHA-256 differs"));
    }

    /** A day's log in small: 67 entries, its head anchored in the checkpoint and the default SQLite file. */
    private Path log67() throws Exception {
        Path log = storage.resolve("evidence/audit.jsonl");
        try (Database db = Database.open(new DatabaseConfig("jdbc:sqlite:" + storage.resolve("minewatch.db"),
                null, null, null)); AuditLog audit = AuditLog.open(log, Clock.systemUTC())) {
            audit.addAnchor(new DatabaseAnchor(db, Clock.systemUTC()));
            for (int i = 0; i < 67; i++) {
                audit.append("officer-li", "clip_viewed", "a1", "", "");
            }
        }
        return log;
    }

    private String run(int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = VerifyEvidence.run(new String[] {storage.toString()}, new PrintStream(out), new PrintStream(err));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, rc, text);
        return text;
    }

    @Test
    void anUntouchedLogVerifiesAgainstItsCheckpointAndTheDatabase() throws Exception {
        log67();
        assertTrue(run(0).startsWith("evidence verified"));
        assertTrue(run(0).contains("anchors: checkpoint, 0 clip sidecars, database"));
    }

    // Regression: a log cut from 67 entries to 5 verified (exit 0), every entry left still linking.
    @Test
    void aLogCutFrom67To5IsExitOneNamingTheAnchors() throws Exception {
        Path log = log67();
        Files.write(log, Files.readAllLines(log).subList(0, 5));
        String text = run(1);
        assertTrue(text.contains("audit log cut short: checkpoint audit.head records entry 67 but the log ends at entry 5"),
                text);
        assertTrue(text.contains("audit log cut short: database table audit_anchor records entry 67 but the log ends "
                + "at entry 5"), text);
    }

    @Test
    void aLogWithItsLastEntriesCutIsExitOne() throws Exception {
        Path log = log67();
        Files.write(log, Files.readAllLines(log).subList(0, 66));
        assertTrue(run(1).contains("records entry 67 but the log ends at entry 66"));
    }

    @Test
    void aLogAndCheckpointRewrittenTogetherAreNamedByTheDatabase() throws Exception {
        Path log = log67();
        Files.write(log, Files.readAllLines(log).subList(0, 5));
        Files.delete(log.resolveSibling(AuditCheckpoint.FILE_NAME));
        try (AuditLog forged = AuditLog.open(log, Clock.systemUTC())) {
            for (int i = 5; i < 67; i++) {
                forged.append("officer-xx", "clip_viewed", "a1", "", "");
            }
        }
        assertEquals("audit entry 67: hash differs from the one database table audit_anchor records (the log was "
                + "rewritten from there on)\n", run(1));
    }

    @Test
    void aRemovedCheckpointIsNamed() throws Exception {
        Path log = log67();
        Files.delete(log.resolveSibling(AuditCheckpoint.FILE_NAME));
        Files.delete(storage.resolve("minewatch.db"));
        assertEquals("checkpoint audit.head: missing, though the log has 67 entries (the server writes it with "
                + "every entry)\n", run(1));
    }

    @Test
    void aNamedDatabaseThatCannotBeReadIsExitTwoWithoutItsPassword() throws Exception {
        log67();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = VerifyEvidence.run(new String[] {"--db", "jdbc:postgresql://u:s3cret@127.0.0.1:1/none",
                storage.toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, rc);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("not checked"), text);
        assertFalse(text.contains("s3cret"), text);
    }

    @Test
    void noLogIsExitTwo() {
        assertEquals(2, VerifyEvidence.run(new String[] {storage.toString()}, System.out, new PrintStream(new ByteArrayOutputStream())));
    }
}
