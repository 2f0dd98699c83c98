package io.minewatch.alerts.clips;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known of a clip beside its file ({@code <alert>.json}): the alerts it covers (overlapping
 * alerts share one clip), its state, and its SHA-256 once complete. Replaced atomically.
 *
 * @param alerts alert ids, the first names the file
 * @param state  {@link #RECORDING}, {@link #COMPLETE} or {@link #PARTIAL} (cut short: a crash, a writer
 *               error; a partial clip's alerts continue in a clip of their own)
 * @param sha256 the file's SHA-256 once complete or found partial; "" while recording
 * @param reason why a partial clip is partial; "" otherwise
 */
public record ClipSidecar(List<String> alerts, String state, String sha256, String reason) {
    public static final String RECORDING = "recording";
    public static final String COMPLETE = "complete";
    public static final String PARTIAL = "partial";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ClipSidecar {
        alerts = List.copyOf(alerts);
        reason = reason == null ? "" : reason;
    }

    /** A sidecar with no reason (recording or complete). */
    public ClipSidecar(List<String> alerts, String state, String sha256) {
        this(alerts, state, sha256, "");
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
        Path file = of(clip);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, n.toString());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The sidecar beside a clip; a missing or unreadable one reads as partial (nothing vouches for it). */
    static ClipSidecar read(Path clip, String alertId) {
        try {
            var n = JSON.readTree(Files.readString(of(clip)));
            List<String> ids = new ArrayList<>();
            n.get("alerts").forEach(a -> ids.add(a.asText()));
            return new ClipSidecar(ids, n.get("state").asText(), n.get("sha256").asText(),
                    n.has("reason") ? n.get("reason").asText() : "");
        } catch (IOException | RuntimeException e) {
            return new ClipSidecar(List.of(alertId), PARTIAL, "", "no readable sidecar");
        }
    }
}
