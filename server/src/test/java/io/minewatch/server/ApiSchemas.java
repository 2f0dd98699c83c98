package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Checks API v1 answers against the schemas of the OpenAPI document {@code /api/openapi.json}. */
final class ApiSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMAS = load();

    private ApiSchemas() {
    }

    private static JsonNode load() {
        try (InputStream in = ApiSchemas.class.getResourceAsStream("/api/openapi.json")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("#/components/schemas/", "#/$defs/");
            return JSON.readTree(text).get("components").get("schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless the answer validates against the named schema (formats asserted). */
    static void check(String schema, JsonNode answer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", SCHEMAS);
        root.put("$ref", "#/$defs/" + schema);
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root,
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        Set<ValidationMessage> problems = s.validate(answer);
        assertEquals(List.of(), problems.stream().map(ValidationMessage::getMessage).toList(),
                schema + ": " + answer);
    }
}
