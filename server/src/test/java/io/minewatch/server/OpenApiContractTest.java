package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.minewatch.server.api.OpenApi;
import io.minewatch.server.http.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at {@code /api/v1/openapi.json} against the real server: (a) it lists
 * exactly the routes of the route table; (b) every documented operation, called as the document says
 * (signed in as admin unless public, the CSRF header on state-changing ones, the documented example
 * body and path parameter), answers one of its documented statuses with a body valid against the
 * documented schema, and the same holds without a session. Routes added to the table later are
 * covered without touching this test.
 */
class OpenApiContractTest {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    @TempDir
    static Path dir;
    static SecureSite site;
    static JsonNode doc;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        site = new SecureSite(dir, "");
        String served = HTTP.send(HttpRequest.newBuilder(URI.create(site.base + "/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        doc = TestSite.JSON.readTree(served);
        assertEquals(TestSite.JSON.readTree(OpenApi.document()), doc, "served as the resource says");
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    /** "METHOD /template" of every documented operation. */
    private static Set<String> documented() {
        return documented(true);
    }

    /**
     * "METHOD /template" of the documented operations; the WebSocket routes ({@code x-websocket}) are
     * served by the upgrade handler, not the route table, and are left out unless asked for.
     */
    private static Set<String> documented(boolean webSockets) {
        Set<String> out = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            p.getValue().fields().forEachRemaining(m -> {
                if (webSockets || !m.getValue().path("x-websocket").asBoolean(false)) {
                    out.add(m.getKey().toUpperCase() + " " + p.getKey());
                }
            });
        }
        return out;
    }

    @Test
    void theDocumentListsExactlyTheRoutesOfTheTable() {
        Set<String> table = new TreeSet<>();
        for (Route r : site.app.router().routes()) {
            r.methods().forEach(m -> table.add(m.name() + " " + r.template().replace("*}", "}")));
            boolean open = isPublic(doc.at(jsonPointer(r.template().replace("*}", "}")))
                    .path(r.methods().iterator().next().name().toLowerCase()));
            assertEquals(r.access().open(), open, r.template() + ": public in the table iff security: [] in the document");
        }
        assertEquals(table, documented(false));
        assertEquals(2, documented(true).size() - documented(false).size(), "the live feed and live video WebSockets");
        assertEquals("3.1.0", doc.get("openapi").asText());
    }

    private static String jsonPointer(String path) {
        return "/paths/" + path.replace("~", "~0").replace("/", "~1");
    }

    private static boolean isPublic(JsonNode op) {
        JsonNode s = op.has("security") ? op.get("security") : doc.get("security");
        return s.isEmpty();
    }

    @Test
    void everyOperationAnswersAsDocumented() throws Exception {
        List<String> checked = new ArrayList<>();
        for (String op : documented()) {
            String method = op.substring(0, op.indexOf(' '));
            String template = op.substring(method.length() + 1);
            JsonNode spec = doc.at(jsonPointer(template)).get(method.toLowerCase());
            String path = fill(template, spec);
            String body = example(spec);
            if (isPublic(spec)) {
                check(op, spec, call(method, path, body, null));
            } else {
                ApiClient admin = ApiClient.signIn(HTTP, site.base, "admin", SecureSite.PASSWORDS.get("admin"));
                check(op + " (admin)", spec, call(method, path, body, admin));
                check(op + " (no session)", spec, call(method, path, body, null));
            }
            checked.add(op);
        }
        assertTrue(checked.size() >= 7, checked.toString());
    }

    private static HttpResponse<String> call(String method, String path, String body, ApiClient as) throws Exception {
        HttpRequest.Builder b = as == null ? HttpRequest.newBuilder(URI.create(site.base + path)) : as.request(path);
        if (as != null && STATE_CHANGING.contains(method)) {
            b.header("X-CSRF-Token", as.csrf());
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Path parameters from their {@code example}, else the id of the site's alert. */
    private static String fill(String template, JsonNode spec) {
        String path = template;
        for (JsonNode p : spec.path("parameters")) {
            JsonNode param = resolve(p);
            if (param.path("in").asText().equals("path")) {
                String value = param.has("example") ? param.get("example").asText() : site.alertId;
                path = path.replace("{" + param.get("name").asText() + "}", value);
            }
        }
        return path;
    }

    /** The request body's documented example, else {} when the operation takes a body. */
    private static String example(JsonNode spec) {
        JsonNode content = spec.path("requestBody").path("content").path("application/json");
        if (content.isMissingNode()) {
            return null;
        }
        return content.has("example") ? content.get("example").toString() : "{}";
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        while (n.has("$ref")) {
            n = doc.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    private static void check(String what, JsonNode spec, HttpResponse<String> r) throws Exception {
        JsonNode responses = spec.get("responses");
        String status = Integer.toString(r.statusCode());
        assertTrue(responses.has(status), what + " answered " + status + ", documented " + responses.fieldNames()
                .next() + "...: " + r.body());
        JsonNode documented = resolve(responses.get(status));
        String type = r.headers().firstValue("content-type").orElse("");
        JsonNode content = documented.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertTrue(r.body().isEmpty(), what + " " + status + " documents no body, sent: " + r.body());
            return;
        }
        String media = null;
        for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
            String m = it.next();
            if (type.startsWith(m)) {
                media = m;
            }
        }
        assertTrue(media != null, what + " " + status + ": content type " + type + " not among " + content);
        if (media.equals("application/json")) {
            ObjectNode schema = TestSite.JSON.createObjectNode();
            schema.putArray("allOf").add(content.get(media).get("schema"));
            schema.set("components", doc.get("components"));
            var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema)
                    .validate(TestSite.JSON.readTree(r.body()));
            assertTrue(errors.isEmpty(), what + " " + status + ": " + errors + "\n" + r.body());
        }
    }
}
