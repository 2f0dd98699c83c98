package io.minewatch.alerts.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Validates MQTT payloads against the JSON Schema files in {@code resources/schemas}, chosen by their {@code schema} field. */
public final class Schemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** The schema file name of a schema id, e.g. {@code minewatch.alert/1} → {@code alert.schema.json}. */
    static String file(String id) {
        String name = id.substring("minewatch.".length(), id.indexOf('/'));
        return "/schemas/" + name + ".schema.json";
    }

    /** Parses the payload and fails the test unless it validates against the schema its {@code schema} field names. */
    public static JsonNode validate(byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            return fail("payload is not JSON: " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertTrue(node.has("schema") && node.get("schema").asText().startsWith("minewatch."),
                "payload without a minewatch schema field: " + node);
        String id = node.get("schema").asText();
        JsonSchema schema = CACHE.computeIfAbsent(id, Schemas::load);
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), id + " payload does not validate: " + errors + "\n" + node);
        return node;
    }

    private static JsonSchema load(String id) {
        try (InputStream in = Schemas.class.getResourceAsStream(file(id))) {
            if (in == null) {
                return fail("no JSON Schema file " + file(id) + " for schema " + id);
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            return fail("cannot read " + file(id) + ": " + e);
        }
    }
}
