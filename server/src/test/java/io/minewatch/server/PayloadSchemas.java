package io.minewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is wrong with a received MQTT payload against the JSON Schema file (from the alerts jar) its
 * {@code schema} field names, or null when it validates and has a {@code msg_id}. Returns rather than
 * asserts: it runs inside Paho callbacks, which would swallow an assertion; tests collect the
 * problems and assert after.
 */
final class PayloadSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private PayloadSchemas() {
    }

    /** Null when the payload validates against its schema file and carries a msg_id; else why not. */
    static String problem(String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = TestSite.JSON.readTree(payload);
        } catch (IOException e) {
            return topic + ": not JSON: " + text;
        }
        String id = node.path("schema").asText();
        if (!id.startsWith("minewatch.") || id.indexOf('/') < 0) {
            return topic + ": no schema field: " + text;
        }
        if (node.path("msg_id").asText().isEmpty()) {
            return topic + ": no msg_id: " + text;
        }
        String file = "/schemas/" + id.substring("minewatch.".length(), id.indexOf('/')) + ".schema.json";
        JsonSchema schema;
        try {
            schema = CACHE.computeIfAbsent(id, k -> load(file));
        } catch (UncheckedIOException e) {
            return topic + ": " + e.getMessage();
        }
        var errors = schema.validate(node);
        return errors.isEmpty() ? null : topic + ": " + id + " does not validate: " + errors + ": " + text;
    }

    private static JsonSchema load(String file) {
        try (InputStream in = PayloadSchemas.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("no JSON Schema file " + file));
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
