package io.minewatch.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.minewatch.server.registry.CameraProbe;
import io.minewatch.server.registry.Registry;
import io.minewatch.server.registry.RegistryException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * API v1 for admins: the run-time registry ({@code /api/v1/admin/sites}, {@code /cameras},
 * {@code /officials}, {@code /townships}, {@code /districts}: list, read, add, change, remove; YAML entries listed read-only) and
 * {@code POST /api/v1/cameras/probe}. Role admin; every change needs the CSRF token (the router checks
 * it) and is audited by the {@link Registry}. No answer holds a credential.
 */
final class AdminApi {
    private static final Access ADMIN = Access.roles(Caller.ADMIN);
    private static final String BUSY = "other probes are running; try again in a few seconds";
    private static final String[] KINDS = {"sites", "cameras", "officials", "townships", "districts"};

    private static final java.util.Set<String> YAML_TYPES = java.util.Set.of("application/yaml", "application/x-yaml",
            "text/yaml", "text/x-yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Registry registry;
    private final CameraProbe probe;

    private AdminApi(Registry registry, CameraProbe probe) {
        this.registry = registry;
        this.probe = probe;
    }

    static Router.Builder register(Router.Builder b, Registry registry, CameraProbe probe) {
        AdminApi a = new AdminApi(registry, probe);
        b.post("/api/v1/cameras/probe", ADMIN, a::probe);
        for (String kind : KINDS) {
            String base = "/api/v1/admin/" + kind;
            b.get(base, ADMIN, call -> a.list(call, kind))
                    .post(base, ADMIN, call -> a.put(call, kind, null))
                    .get(base + "/{id}", ADMIN, call -> a.get(call, kind))
                    .put(base + "/{id}", ADMIN, call -> a.put(call, kind, call.param("id")))
                    .delete(base + "/{id}", ADMIN, call -> a.delete(call, kind));
        }
        return b;
    }

    private static String singular(String kind) {
        return kind.substring(0, kind.length() - 1);
    }

    private void list(Call call, String kind) {
        ObjectNode all = registry.list();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set(kind, all.get(kind));
        call.json(HttpResponseStatus.OK, out);
    }

    private void get(Call call, String kind) {
        ObjectNode o = registry.get(singular(kind), call.param("id"));
        if (o == null) {
            call.error(HttpResponseStatus.NOT_FOUND, "no registry " + singular(kind) + " " + call.param("id")
                    + " (YAML entries are read-only and listed only)");
            return;
        }
        call.json(HttpResponseStatus.OK, o);
    }

    private void put(Call call, String kind, String id) {
        JsonNode body = body(call);
        String actor = call.caller().id();
        try {
            String saved = switch (kind) {
                case "sites" -> registry.putSite(body, id, actor);
                case "cameras" -> registry.putCamera(body, id, actor);
                case "townships" -> registry.putTownship(body, id, actor);
                case "districts" -> registry.putDistrict(body, id, actor);
                default -> registry.putOfficial(body, id, actor);
            };
            call.json(id == null ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                    registry.get(singular(kind), saved));
        } catch (RegistryException e) {
            call.error(HttpResponseStatus.valueOf(e.status()), e.getMessage());
        }
    }

    /**
     * The entry: a JSON object, or with {@code Content-Type: application/yaml} (x-yaml, text/yaml) the same
     * item as written in the YAML file. Either way the registry checks it with the loader's binders.
     */
    private static JsonNode body(Call call) {
        String type = call.request().headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        String mime = type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!YAML_TYPES.contains(mime)) {
            return call.body();
        }
        String text = call.request().content().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new BadRequest("a YAML mapping body is required");
        }
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequest("body is not valid YAML (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("body must be a YAML mapping (one entry)");
        }
        return node;
    }

    private void delete(Call call, String kind) {
        String id = call.param("id");
        String actor = call.caller().id();
        try {
            switch (kind) {
                case "sites" -> registry.deleteSite(id, actor);
                case "cameras" -> registry.deleteCamera(id, actor);
                case "townships" -> registry.deleteTownship(id, actor);
                case "districts" -> registry.deleteDistrict(id, actor);
                default -> registry.deleteOfficial(id, actor);
            }
            call.empty(HttpResponseStatus.NO_CONTENT);
        } catch (RegistryException e) {
            call.error(HttpResponseStatus.valueOf(e.status()), e.getMessage());
        }
    }

    /**
     * {@code {"url", "username"?, "password"?}} → 200 {@code {"codec","width","height","fps","auth","snapshot"}}
     * or 422 {@code {"error", "reason"}} (unreachable, credentials_needed, credentials_refused, no_video,
     * unsupported_codec, bad_url, refused, no_frame); 429 when other probes run.
     */
    private void probe(Call call) {
        JsonNode body = call.body();
        String url = body.path("url").asText("");
        if (url.isBlank()) {
            call.error(HttpResponseStatus.BAD_REQUEST, "url: required (an rtsp:// URL)");
            return;
        }
        String user = body.hasNonNull("username") ? body.get("username").asText() : null;
        String pass = body.hasNonNull("password") ? body.get("password").asText() : null;
        io.minewatch.config.Redact.remember(pass);
        io.minewatch.config.Redact.rememberCredentials(url);
        CameraProbe.Result r = probe.probe(url, user, pass);
        if (r == null) {
            call.error(HttpResponseStatus.TOO_MANY_REQUESTS, BUSY, "Retry-After", "5");
            return;
        }
        registry.probed(call.caller().id(), r.error() == null ? "ok" : r.error());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (r.error() != null) {
            out.put("error", r.message());
            out.put("reason", r.error());
            call.json(HttpResponseStatus.UNPROCESSABLE_ENTITY, out);
            return;
        }
        out.put("codec", r.codec());
        out.put("width", r.width());
        out.put("height", r.height());
        out.put("fps", r.fps());
        out.put("auth", r.authenticated());
        out.put("snapshot", r.snapshotDataUrl());
        call.json(HttpResponseStatus.OK, out);
    }
}
