package io.minewatch.alerts.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit chain and the clips it vouches for: any change to either is found and named. */
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
