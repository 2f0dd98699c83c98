package io.minewatch.alerts.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence zip holds what an analyst needs, with hashes that check out, and the export is audited. */
class EvidenceExportTest {
    @TempDir
    Path storage;

    @Test
    void zipHoldsClipSnapshotsAlertAuditAndSums() throws Exception {
        Path clip = storage.resolve("clips/cam-1/2026-11-29/a1.mp4");
        Path snap = storage.resolve("snapshots/cam-1/2026-11-29/cam-1-080000.000-3.jpg");
        Files.createDirectories(clip.getParent());
        Files.createDirectories(snap.getParent());
        Files.write(clip, new byte[] {1, 2, 3, 4, 5});
        Files.write(snap, new byte[] {9, 9, 9});
        Map<String, byte[]> zip = new LinkedHashMap<>();
        try (AuditLog audit = AuditLog.open(storage.resolve("evidence/audit.jsonl"), Clock.systemUTC())) {
            audit.append("system", "clip_created", "a1", "clips/cam-1/2026-11-29/a1.mp4", Sha256.of(clip));
            audit.append("system", "clip_created", "a2", "clips/cam-1/2026-11-29/a2.mp4", Sha256.of(clip));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EvidenceExport.write(out, "a1", "{\"id\":\"a1\",\"history\":[]}", clip, List.of(snap), audit, "analyst-1");
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    zip.put(e.getName(), in.readAllBytes());
                }
            }
        }
        assertEquals(List.of("alert.json", "audit.jsonl", "clip.mp4", "snapshots/cam-1-080000.000-3.jpg",
                "SHA256SUMS", "HOW-TO-VERIFY.txt"), List.copyOf(zip.keySet()));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, zip.get("clip.mp4"));
        String audit = new String(zip.get("audit.jsonl"), StandardCharsets.UTF_8);
        assertEquals(1, audit.lines().count(), "only a1's entries: " + audit);
        for (String line : new String(zip.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.split("  ", 2);
            assertEquals(Sha256.of(zip.get(f[1])), f[0], f[1]);
        }
        List<AuditEntry> entries = AuditLog.read(storage.resolve("evidence/audit.jsonl"));
        AuditEntry last = entries.get(entries.size() - 1);
        assertEquals("clip_exported", last.action());
        assertEquals("analyst-1", last.actor());
        assertTrue(EvidenceVerifier.verify(storage.resolve("evidence/audit.jsonl"), storage).stream()
                .allMatch(p -> p.startsWith("clips/cam-1/2026-11-29/a2.mp4")), "only the never-written a2 is missing");
    }
}
