package io.minewatch.server.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify command's answers: 0 when all is well, 1 naming the altered clip, 2 without a log. */
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

    @Test
    void noLogIsExitTwo() {
        assertEquals(2, VerifyEvidence.run(new String[] {storage.toString()}, System.out, new PrintStream(new ByteArrayOutputStream())));
    }
}
