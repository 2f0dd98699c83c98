package io.minewatch.alerts.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs an alert's evidence into one zip: the clip, the snapshots, the alert with its full history
 * (JSON), the audit entries that concern it, a {@code SHA256SUMS} of every file, and a short text on
 * how to check them. The export itself is audited.
 */
public final class EvidenceExport {
    static final String HOW_TO = """
            minewatch evidence export

            Files
              alert.json     the alert as published, with every state change (time, actor)
              clip.mp4       the camera's own video around the alert, by stream copy (no re-encoding)
              snapshots/     the frames the detector confirmed the alert on, boxes drawn
              audit.jsonl    the audit-log entries for this alert; each entry's "hash" is the SHA-256
                             of its fields and "prev" is the hash of the entry before it in the full log
              SHA256SUMS     SHA-256 of each file above

            To check
              1. sha256sum -c SHA256SUMS                      (every file unaltered since export)
              2. compare the clip's SHA-256 with the "sha256" of its clip_created entry in audit.jsonl
                 (the clip unaltered since it was recorded)
              3. on the server: scripts/verify-evidence STORAGE_DIR checks the whole audit chain, every
                 clip it records, and the log's head against its anchors (evidence/audit.head, the
                 clips' sidecars, the database), so a log cut short or rewritten is found; it names
                 any entry, file or anchor that fails
            """;

    private EvidenceExport() {
    }

    /**
     * Writes the zip.
     *
     * @param alertJson  the alert with its history, as JSON text
     * @param clip       the clip file, or null when there is none
     * @param snapshots  snapshot files
     * @param audit      the audit log; its entries for the alert are included, and the export is appended
     * @param actor      who asked for the export (audited)
     */
    public static void write(OutputStream out, String alertId, String alertJson, Path clip, List<Path> snapshots,
                             AuditLog audit, String actor) throws IOException {
        Map<String, byte[]> small = new LinkedHashMap<>();
        small.put("alert.json", alertJson.getBytes(StandardCharsets.UTF_8));
        StringBuilder entries = new StringBuilder();
        for (AuditEntry e : AuditLog.read(audit.file())) {
            if (e.alert().equals(alertId)) {
                entries.append(AuditLog.toJson(e)).append('\n');
            }
        }
        small.put("audit.jsonl", entries.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Path> files = new LinkedHashMap<>();
        if (clip != null && Files.isRegularFile(clip)) {
            files.put("clip.mp4", clip);
        }
        for (Path s : snapshots) {
            if (Files.isRegularFile(s)) {
                files.put("snapshots/" + s.getFileName(), s);
            }
        }
        try (HashedZip zip = new HashedZip(out)) {
            for (var f : small.entrySet()) {
                zip.bytes(f.getKey(), f.getValue());
            }
            for (var f : files.entrySet()) {
                zip.file(f.getKey(), f.getValue());
            }
            zip.finish(HOW_TO);
        }
        audit.append(actor, "clip_exported", alertId, "", "");
    }
}
