package io.minewatch.server.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The registry's JSON handling: entries as stored, their ids, their SHA-256 for the audit trail. */
final class RegistryJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private RegistryJson() {
    }

    /** Pins the entry's id to the one being edited ({@code id} null: an addition, nothing to pin). */
    static void fixId(ObjectNode entry, String id) throws RegistryException {
        if (id == null) {
            return;
        }
        String given = CameraEntries.text(entry, "id");
        if (given != null && !given.equals(id)) {
            throw new RegistryException(400, "id: cannot change (" + id + "); remove the entry and add a new one");
        }
        entry.put("id", id);
    }

    static ObjectNode object(JsonNode n) {
        if (n == null || !n.isObject()) {
            return JSON.createObjectNode();
        }
        return ((ObjectNode) n).deepCopy();
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored registry entry is not JSON");
        }
    }

    static String write(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
