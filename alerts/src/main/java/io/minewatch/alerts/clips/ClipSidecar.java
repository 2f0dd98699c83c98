package io.minewatch.alerts.clips;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known of a clip beside its file ({@code <alert>.json}): the alerts it covers (overlapping
 * alerts share one clip), its state, and its SHA-256 once complete. Replaced atomically.
 *
 * <p>A closed clip's sidecar also anchors the audit log: {@code audit_seq}/{@code audit_hash} are the
 * sequence number and hash of the log's last entry when the clip was closed (its own
 * {@code clip_created}/{@code clip_partial} entry). {@code verify-evidence} checks the log still
 * holds that entry with that hash, so a log cut or rewritten before that point is found.
 *
 * @param alerts    alert ids, the first names the file
 * @param state     {@link #RECORDING}, {@link #COMPLETE} or {@link #PARTIAL} (cut short: a crash, a
 *                  writer error, the camera gone quiet or its stream closed, the server stopped)
 * @param sha256    the file's SHA-256 once complete or found partial; "" while recording
 * @param reason    why a partial clip ended early ("" otherwise)
 * @param auditSeq  the audit log's head entry when the clip was closed (0: none recorded)
 * @param auditHash that entry's hash ("" when none)
 * @param startUs   {@code start_us}: the capture time (microseconds since the epoch, the camera's capture
 *                  clock) of the clip's first access unit, the key frame the file's time 0 is; a detect
 *                  frame captured at {@code t} is at {@code (t - start_us) / 1e6} seconds into the file
 *                  (0: not known yet — no key frame written)
 * @param startPtsUs {@code start_pts_us}: that access unit's RTP presentation time ({@code AccessUnit.ptsMicros});
 *                  a detect frame of the same connection presented at {@code p} is at exactly
 *                  {@code (p - start_pts_us) / 1e6} seconds into the file (-1: not known)
 * @param startEpoch {@code start_epoch}: that access unit's connection ({@code AccessUnit.epoch}), -1 when not known
 */
public record ClipSidecar(List<String> alerts, String state, String sha256, String reason, long auditSeq,
                          String auditHash, long startUs, long startPtsUs, int startEpoch) {
    public static final String RECORDING = "recording";
    public static final String COMPLETE = "complete";
    public static final String PARTIAL = "partial";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ClipSidecar {
        alerts = List.copyOf(alerts);
        reason = reason == null ? "" : reason;
        auditHash = auditHash == null ? "" : auditHash;
    }

    /** A sidecar with no reason and no audit anchor (a clip being recorded). */
    public ClipSidecar(List<String> alerts, String state, String sha256) {
        this(alerts, state, sha256, "", 0, "", 0, -1, -1);
    }

    /** A sidecar whose start is not known. */
    public ClipSidecar(List<String> alerts, String state, String sha256, String reason, long auditSeq,
                       String auditHash) {
        this(alerts, state, sha256, reason, auditSeq, auditHash, 0, -1, -1);
    }

    /** The same sidecar with the clip's start (its first key frame: capture time, RTP time, connection). */
    ClipSidecar startingAt(Start start) {
        return new ClipSidecar(alerts, state, sha256, reason, auditSeq, auditHash, start.wallUs, start.ptsUs,
                start.epoch);
    }

    /** The clip's first access unit: capture time and RTP presentation time (microseconds), connection epoch. */
    record Start(long wallUs, long ptsUs, int epoch) {
        static final Start UNKNOWN = new Start(0, -1, -1);
    }

    /** This sidecar's start. */
    Start start() {
        return new Start(startUs, startPtsUs, startEpoch);
    }

    /** A closed clip's sidecar, anchored at the audit entry {@code head}. */
    static ClipSidecar closed(List<String> alerts, String state, String sha256, String reason, AuditEntry head,
                              Start start) {
        return new ClipSidecar(alerts, state, sha256, reason, head == null ? 0 : head.seq(),
                head == null ? "" : head.hash(), start.wallUs, start.ptsUs, start.epoch);
    }

    /** The sidecar of a clip file. */
    static Path of(Path clip) {
        String name = clip.getFileName().toString();
        return clip.resolveSibling(name.substring(0, name.length() - ".mp4".length()) + ".json");
    }

    void write(Path clip) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode ids = n.putArray("alerts");
        alerts.forEach(ids::add);
        n.put("state", state);
        n.put("sha256", sha256);
        if (!reason.isEmpty()) {
            n.put("reason", reason);
        }
        if (startUs != 0) {
            n.put("start_us", startUs);
        }
        if (startEpoch >= 0) {
            n.put("start_pts_us", startPtsUs);
            n.put("start_epoch", startEpoch);
        }
        if (auditSeq > 0) {
            n.put("audit_seq", auditSeq);
            n.put("audit_hash", auditHash);
        }
        DurableFile.replace(of(clip), n.toString(), "");
    }

    /** The sidecar beside a clip; a missing or unreadable one reads as partial (nothing vouches for it). */
    static ClipSidecar read(Path clip, String alertId) {
        try {
            var n = JSON.readTree(Files.readString(of(clip)));
            List<String> ids = new ArrayList<>();
            n.get("alerts").forEach(a -> ids.add(a.asText()));
            return new ClipSidecar(ids, n.get("state").asText(), n.get("sha256").asText(),
                    n.path("reason").asText(""), n.path("audit_seq").asLong(0), n.path("audit_hash").asText(""),
                    n.path("start_us").asLong(0), n.path("start_pts_us").asLong(-1), n.path("start_epoch").asInt(-1));
        } catch (IOException | RuntimeException e) {
            return new ClipSidecar(List.of(alertId), PARTIAL, "", "no readable sidecar", 0, "");
        }
    }
}
