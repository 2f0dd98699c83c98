package io.minewatch.alerts.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.AlertJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;

/** The JSON shapes of API v1's alerts (AlertSummary and its parts), from stored rows. */
final class AlertViews {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Path storageDir;
    private final Predicate<String> hasClip;

    AlertViews(Path storageDir, Predicate<String> hasClip) {
        this.storageDir = storageDir.toAbsolutePath().normalize();
        this.hasClip = hasClip;
    }

    /** One {@code alert_case} row as read. */
    record Row(String id, String camera, String site, String rule, String level, String state, boolean ended,
            long createdAt, long updatedAt, String payload, String verdict) {
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    /** The stored payload as a JSON object (an empty object if it cannot be read, which a desk never writes). */
    static ObjectNode payload(Row r) {
        try {
            JsonNode n = AlertJson.mapper().readTree(r.payload());
            return n instanceof ObjectNode o ? o : JSON.objectNode();
        } catch (IOException e) {
            return JSON.objectNode();
        }
    }

    /** AlertSummary. */
    ObjectNode summary(Row r, ObjectNode payload) {
        ObjectNode o = JSON.objectNode();
        o.put("id", r.id());
        o.put("camera", r.camera());
        o.put("site", r.site());
        o.put("rule", r.rule());
        o.put("level", r.level());
        o.put("state", r.state());
        o.put("ended", r.ended());
        o.put("created_at", iso(r.createdAt()));
        o.put("updated_at", iso(r.updatedAt()));
        o.put("verdict", r.verdict());
        o.set("category", text(payload, "category"));
        o.set("label", text(payload, "label"));
        JsonNode score = payload.get("score");
        o.set("score", score != null && score.isNumber() ? score : JSON.nullNode());
        JsonNode box = payload.get("box_norm");
        if (box != null && box.isArray() && box.size() == 4) {
            ArrayNode a = o.putArray("box_norm");
            box.forEach(v -> a.add(v.asDouble()));
        } else {
            o.putNull("box_norm");
        }
        if (snapshotFile(payload) != null) {
            o.put("snapshot", "/api/v1/alerts/" + r.id() + "/snapshot");
        } else {
            o.putNull("snapshot");
        }
        if (hasClip.test(r.id())) {
            o.put("clip", "/api/clips/" + r.id());
        } else {
            o.putNull("clip");
        }
        return o;
    }

    /** The snapshot named by the payload, resolved under storage; null when none or outside storage. */
    Path snapshotFile(ObjectNode payload) {
        JsonNode s = payload.get("snapshot");
        if (s == null || !s.isTextual() || s.asText().isEmpty() || s.asText().indexOf('\0') >= 0) {
            return null;
        }
        Path file;
        try {
            file = storageDir.resolve(s.asText()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        return file.startsWith(storageDir) && !file.equals(storageDir) ? file : null;
    }

    private static JsonNode text(ObjectNode payload, String field) {
        JsonNode v = payload.get(field);
        return v != null && v.isTextual() ? v : JSON.nullNode();
    }
}
