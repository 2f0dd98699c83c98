package io.minewatch.testkit;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a received MQTT payload against the JSON Schema (draft 7, formats asserted) its {@code schema}
 * field names: {@code minewatch.alert/1} is the class-path resource {@code /schemas/alert.schema.json}.
 * The schema files are not in the kit: they ship in the alerts module's jar, which is on every caller's
 * class path. {@link #problem} returns what is wrong instead of asserting, for use inside Paho callbacks
 * (which swallow assertion errors); {@link #validate} asserts.
 */
public final class PayloadSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private PayloadSchemas() {
    }

    /** The schema resource of a schema id, e.g. {@code minewatch.alert/1} → {@code /schemas/alert.schema.json}. */
    public static String resource(String id) {
        return "/schemas/" + id.substring("minewatch.".length(), id.indexOf('/')) + ".schema.json";
    }

    /** Parses the payload and fails the test unless it validates against the schema its {@code schema} field names. */
    public static JsonNode validate(byte[] payload) {
        assertNull(problem("payload", payload, false));
        return parse(payload);
    }

    /** Null when the payload validates against its schema and carries a {@code msg_id}; else why not. */
    public static String problem(String topic, byte[] payload) {
        return problem(topic, payload, true);
    }

    private static String problem(String topic, byte[] payload, boolean needMsgId) {
        String text = new String(payload, StandardCharsets.UTF_8);
        JsonNode node = parse(payload);
        if (node == null) {
            return topic + ": not JSON: " + text;
        }
        String id = node.path("schema").asText();
        if (!id.startsWith("minewatch.") || id.indexOf('/') < 0) {
            return topic + ": no minewatch schema field: " + text;
        }
        if (needMsgId && node.path("msg_id").asText().isEmpty()) {
            return topic + ": no msg_id: " + text;
        }
        JsonSchema schema;
        try {
            schema = CACHE.computeIfAbsent(id, k -> load(resource(k)));
        } catch (UncheckedIOException e) {
            return topic + ": " + e.getMessage();
        }
        Set<?> errors = schema.validate(node);
        return errors.isEmpty() ? null : topic + ": " + id + " does not validate: " + errors + "\n" + text;
    }

    private static JsonNode parse(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = PayloadSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("no JSON Schema file " + resource
                        + " on the class path (the alerts module ships them)"));
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
