package io.minewatch.alerts.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.config.DatabaseConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit chain and the clips it vouches for: any change to either is found and named — including
 * a log cut short or rewritten from some entry on, by the anchors of its head.
 */
class EvidenceVerifierTest {
    @TempDir
    Path storage;
    Path log;

    @BeforeEach
    void writeEvidence() throws Exception {
        log = storage.resolve("evidence/audit.jsonl");
        Files.createDirectories(storage.resolve("clips"));
        try (AuditLog audit = AuditLog.open(log, Clock.systemUTC())) {
            for (int i = 1; i <= 3; i++) {
                Path clip = storage.resolve("clips/a" + i + ".mp4");
                Files.write(clip, ("clip bytes " + i).repeat(1000).getBytes(StandardCharsets.UTF_8));
                audit.append("system", "clip_created", "a" + i, "clips/a" + i + ".mp4", Sha256.of(clip));
            }
            audit.append("officer-li", "clip_viewed", "a1", "clips/a1.mp4", "");
        }
    }

    @Test
    void untouchedEvidenceVerifies() throws Exception {
        assertEquals(List.of(), EvidenceVerifier.verify(log, storage));
    }

    @Test
    void reopeningContinuesTheChain() throws Exception {
        try (AuditLog audit = AuditLog.open(log, Clock.systemUTC())) {
            AuditEntry e = audit.append("system", "clip_exported", "a2", "clips/a2.mp4", "");
            assertEquals(5, e.seq());
        }
        assertEquals(List.of(), EvidenceVerifier.verify(log, storage));
    }

    @Test
    void oneChangedByteInAClipIsNamed() throws Exception {
        Path clip = storage.resolve("clips/a2.mp4");
        byte[] bytes = Files.readAllBytes(clip);
        bytes[bytes.length / 2] ^= 1;
        Files.write(clip, bytes);
        List<String> problems = EvidenceVerifier.verify(log, storage);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("clips/a2.mp4: SHA-256 differs from audit entry 2"), problems.get(0));
    }

    @Test
    void aRemovedEntryIsNamed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(1);
        Files.write(log, lines);
        List<String> problems = EvidenceVerifier.verify(log, storage);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("audit entry 3: expected entry 2")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("audit entry 3: does not link")), problems.toString());
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(3, lines.get(3).replace("officer-li", "officer-xx"));
        Files.write(log, lines);
        List<String> problems = EvidenceVerifier.verify(log, storage);
        assertEquals(List.of("audit entry 4: content does not match its hash (the entry was edited)"), problems);
    }

    /** Appends views up to {@code n} entries in all (the log of a working day, in small). */
    private void growTo(int n) throws Exception {
        try (AuditLog audit = AuditLog.open(log, Clock.systemUTC())) {
            while (audit.head().seq() < n) {
                audit.append("officer-li", "clip_viewed", "a1", "clips/a1.mp4", "");
            }
        }
    }

    private void keepFirst(int n) throws Exception {
        Files.write(log, Files.readAllLines(log).subList(0, n));
    }

    // Regression: the chain alone passed a log cut from 67 entries to 5 (every entry left still links).
    @Test
    void aLogCutFrom67To5EntriesIsNamed() throws Exception {
        growTo(67);
        assertEquals(List.of(), EvidenceVerifier.verify(log, storage));
        keepFirst(5);
        assertEquals(List.of("audit log cut short: checkpoint audit.head records entry 67 but the log ends at entry 5"),
                EvidenceVerifier.verify(log, storage));
    }

    @Test
    void aLogWithItsLastEntriesCutIsNamed() throws Exception {
        growTo(67);
        keepFirst(64);
        assertEquals(List.of("audit log cut short: checkpoint audit.head records entry 67 but the log ends at entry 64"),
                EvidenceVerifier.verify(log, storage));
    }

    /** Cuts the log to {@code keep} entries and writes a valid chain of views after them, back up to 67. */
    private void replaceTailAfter(int keep) throws Exception {
        keepFirst(keep);
        Path head = log.resolveSibling(AuditCheckpoint.FILE_NAME);
        byte[] checkpoint = Files.readAllBytes(head);
        Files.delete(head);   // else the log refuses to open
        growTo(67);
        Files.write(head, checkpoint);
    }

    @Test
    void aReplacedTailIsNamedByTheCheckpoint() throws Exception {
        growTo(67);
        replaceTailAfter(5);
        assertEquals(List.of("audit entry 67: hash differs from the one checkpoint audit.head records "
                + "(the log was rewritten from there on)"), EvidenceVerifier.verify(log, storage));
    }

    @Test
    void aReplacedTailWithANewCheckpointIsNamedBySqlite() throws Exception {
        replacedTailNamedByTheDatabase(Databases.sqlite(storage));
    }

    @Test
    void aReplacedTailWithANewCheckpointIsNamedByPostgres() throws Exception {
        DatabaseConfig config = Databases.postgres();
        try {
            replacedTailNamedByTheDatabase(config);
        } finally {
            Databases.drop(config);
        }
    }

    private void replacedTailNamedByTheDatabase(DatabaseConfig config) throws Exception {
        try (Database db = Database.open(config); AuditLog audit = AuditLog.open(log, Clock.systemUTC())) {
            audit.addAnchor(new DatabaseAnchor(db, Clock.systemUTC()));
            while (audit.head().seq() < 67) {
                audit.append("officer-li", "clip_viewed", "a1", "clips/a1.mp4", "");
            }
        }
        // The attacker rewrites the log from entry 6 and the checkpoint with it: the chain and the
        // checkpoint agree; only the database remembers entry 67 as it was.
        keepFirst(5);
        Files.delete(log.resolveSibling(AuditCheckpoint.FILE_NAME));
        growTo(60);
        assertEquals(List.of(), EvidenceVerifier.verify(log, storage), "the chain and checkpoint alone pass");
        try (Database db = Database.open(config)) {
            var mark = DatabaseAnchor.read(db).orElseThrow();
            assertEquals(67, mark.seq());
            assertEquals(List.of("audit log cut short: database table audit_anchor records entry 67 but the log "
                    + "ends at entry 60"), EvidenceVerifier.verify(log, storage, List.of(mark), null));
        }
    }

    @Test
    void aCheckpointForgedWithoutTheKeyIsNamed() throws Exception {
        byte[] key = "a key of more than sixteen chars".getBytes(StandardCharsets.UTF_8);
        // The key is new: the unsigned checkpoint is removed once the log verifies, as documented.
        assertThrows(IOException.class, () -> AuditLog.open(log, Clock.systemUTC(), key));
        Files.delete(log.resolveSibling(AuditCheckpoint.FILE_NAME));
        try (AuditLog audit = AuditLog.open(log, Clock.systemUTC(), key)) {
            audit.append("officer-li", "clip_viewed", "a1", "clips/a1.mp4", "");
        }
        assertEquals(List.of(), EvidenceVerifier.verify(log, storage, List.of(), key));
        keepFirst(3);
        Files.delete(log.resolveSibling(AuditCheckpoint.FILE_NAME));
        growTo(3);   // rewrites the checkpoint, without the key
        try (AuditLog audit = AuditLog.open(log, Clock.systemUTC())) {
            audit.append("officer-xx", "clip_viewed", "a1", "clips/a1.mp4", "");
        }
        assertEquals(List.of(), EvidenceVerifier.verify(log, storage), "unsigned, the forged checkpoint passes");
        assertEquals(List.of("checkpoint audit.head: signature missing (written without the key in "
                + "MINEWATCH_AUDIT_KEY, or forged)"), EvidenceVerifier.verify(log, storage, List.of(), key));
        // Nor does the server sign it over at its next start.
        IOException e = assertThrows(IOException.class, () -> AuditLog.open(log, Clock.systemUTC(), key));
        assertTrue(e.getMessage().startsWith("checkpoint audit.head: signature missing"), e.getMessage());
    }

    @Test
    void aCutLogIsNotContinued() throws Exception {
        growTo(10);
        keepFirst(7);
        IOException e = assertThrows(IOException.class, () -> AuditLog.open(log, Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("audit log cut short: checkpoint audit.head records entry 10 but "
                + "the log ends at entry 7"), e.getMessage());
    }

    @Test
    void aMissingClipIsNamedUnlessItsDeletionIsRecorded() throws Exception {
        Files.delete(storage.resolve("clips/a3.mp4"));
        assertEquals(List.of("clips/a3.mp4: missing (recorded in audit entry 3)"), EvidenceVerifier.verify(log, storage));
        try (AuditLog audit = AuditLog.open(log, Clock.systemUTC())) {
            audit.append("retention", "clip_deleted", "a3", "clips/a3.mp4", "");
        }
        assertEquals(List.of(), EvidenceVerifier.verify(log, storage));
    }
}
