package io.minewatch.server;

import static io.minewatch.server.CaseHttp.expect;
import static io.minewatch.server.CaseHttp.get;
import static io.minewatch.server.CaseHttp.ok;
import static io.minewatch.server.CaseHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patrol districts registered at run time (issue 18, "districts as polygons, teams and members in the
 * registry"), against the real server: bad entries (a two-corner boundary, an unknown member, a team id
 * another district holds, an unknown township) are each refused naming the field and change nothing; an
 * admin adds a district (as YAML) whose team has a registry official; a case opened at a position inside
 * its polygon is placed in it and dispatched to its team without a restart; that official reads the case,
 * another official gets 404; a YAML district and a team member cannot be removed (409); the change is in
 * the audit trail; after a restart the district is still in force; removed, new cases there are no longer
 * placed in it.
 */
@Timeout(90)
class DistrictRegistryLiveTest {
    private static final String WANG_SECRET = "wang-S3cret-2201";
    /** A point in the east district registered below (east of the YAML's north and south squares). */
    private static final double EAST_LAT = 30.65;
    private static final double EAST_LON = 114.55;
    private static final String EAST_YAML = """
            id: east
            name: 东片区
            township: Xinhe
            boundary: [[30.50, 114.45], [30.50, 114.65], [30.80, 114.65], [30.80, 114.45]]
            teams:
              - {id: east-1, name: 东片一队, members: [wang]}
            """;

    @TempDir
    Path dir;

    @Test
    void aDistrictAddedAtRunTimePlacesDispatchesAndScopesCasesAndSurvivesARestart() throws Exception {
        Instant start = Instant.parse("2026-11-23T02:00:00Z");
        String caseId;
        try (CaseSite site = new CaseSite(dir, start, 1 << 20)) {
            ApiClient admin = site.signIn("admin");
            ApiClient cmd = site.signIn("cmd");
            expect(201, post(admin, "/api/v1/admin/officials",
                    "{\"id\":\"wang\",\"name\":\"王芳\",\"secret\":\"" + WANG_SECRET + "\"}"));
            JsonNode catalogue = ok(get(cmd, "/api/v1/catalogue"));
            JsonNode listed = ok(get(admin, "/api/v1/admin/districts"));
            assertEquals(List.of("north", "south"), ids(listed.get("districts")));
            assertEquals("yaml", listed.get("districts").get(0).get("source").asText());

            // Bad entries: one clear message naming the field; nothing changes.
            String good = "{\"id\":\"east\",\"township\":\"Xinhe\",\"boundary\":[[30.5,114.45],[30.5,114.65],"
                    + "[30.8,114.65],[30.8,114.45]],\"teams\":[{\"id\":\"east-1\",\"members\":[\"wang\"]}]}";
            refused(admin, good.replace("[[30.5,114.45],[30.5,114.65],[30.8,114.65],", "[[30.5,114.45],"), "boundary");
            refused(admin, good.replace("[30.8,114.45]]", "[95.0,114.45]]"), "boundary[3]");
            refused(admin, good.replace("[\"wang\"]", "[\"nobody\"]"), "teams[0].members");
            refused(admin, good.replace("east-1", "north-1"), "teams[0].id");
            refused(admin, good.replace("Xinhe", "Atlantis"), "township");
            assertEquals(listed, ok(get(admin, "/api/v1/admin/districts")), "nothing changed");
            assertEquals(catalogue, ok(get(cmd, "/api/v1/catalogue")), "nothing changed");
            expect(403, yaml(cmd, "POST", "/api/v1/admin/districts", EAST_YAML));

            // Added as YAML: listed with its source, in the catalogue at once.
            JsonNode added = expect(201, yaml(admin, "POST", "/api/v1/admin/districts", EAST_YAML));
            assertEquals("registry", added.get("source").asText());
            JsonNode now = ok(get(admin, "/api/v1/admin/districts")).get("districts");
            assertEquals(List.of("north", "south", "east"), ids(now));
            assertEquals("registry", now.get(2).get("source").asText());
            assertEquals("admin", now.get(2).get("updated_by").asText());
            assertEquals(4, now.get(2).get("boundary").size());
            assertEquals("wang", now.get(2).get("teams").get(0).get("members").get(0).asText());
            assertEquals(List.of("north", "south", "east"), ids(ok(get(cmd, "/api/v1/catalogue")).get("districts")));

            // The figures group by the districts in force: the new district and its team have their (zero) rows
            // before any case is placed there, without a restart.
            JsonNode before = ok(get(cmd, "/api/v1/stats/cases?period=2026-11"));
            assertEquals(0, before.get("by_district").get("east").get("dispatches").asInt(), before.toString());
            assertEquals(0, before.get("by_team").get("east-1").get("dispatches").asInt(), before.toString());

            // A case inside the new polygon is placed in it and dispatched to its team, no restart.
            caseId = openInEast(cmd);
            assertEquals("east", ok(get(cmd, "/api/v1/cases/" + caseId)).get("district").asText(), "placed at intake");
            JsonNode dispatched = ok(post(cmd, "/api/v1/cases/" + caseId + "/dispatch", "{}"));
            assertEquals("east", dispatched.get("district").asText(), dispatched.toString());
            assertEquals("east-1", dispatched.get("team").asText(), dispatched.toString());
            ApiClient wang = ApiClient.signIn(CaseHttp.HTTP, site.base, "wang", WANG_SECRET);
            assertEquals(caseId, ok(get(wang, "/api/v1/cases/" + caseId)).get("id").asText());
            assertTrue(ids(ok(get(wang, "/api/v1/cases")).get("cases")).contains(caseId));
            expect(404, get(site.signIn("li-wei"), "/api/v1/cases/" + caseId));
            // The month's figures group by the districts in force: the new district and team have their rows,
            // counting this dispatch, without a restart.
            String month = java.time.YearMonth.from(java.time.Instant.parse(dispatched.get("opened_at").asText())
                    .atZone(java.time.ZoneId.of("Asia/Shanghai"))).toString();
            JsonNode stats = ok(get(cmd, "/api/v1/stats/cases?period=" + month));
            assertEquals(1, stats.get("by_district").get("east").get("dispatches").asInt(), stats.toString());
            assertEquals(1, stats.get("by_team").get("east-1").get("dispatches").asInt(), stats.toString());

            // Read-only and in-use entries.
            expect(409, send(admin, "DELETE", "/api/v1/admin/districts/north"));
            expect(409, put(admin, "/api/v1/admin/districts/north", good.replace("east", "north")));
            JsonNode member = expect(409, send(admin, "DELETE", "/api/v1/admin/officials/wang"));
            assertTrue(member.get("error").asText().contains("east-1"), member.toString());
            expect(404, send(admin, "DELETE", "/api/v1/admin/districts/west"));
            String audit = Files.readString(site.storage.resolve("evidence/audit.jsonl"));
            assertTrue(audit.contains("\"action\":\"registry_district_added\""), "the change is audited");
            assertTrue(audit.contains("district:east"), "the audit names the district");
        }

        // After a restart the registered district is still in force.
        try (CaseSite site = new CaseSite(dir, start.plusSeconds(600), 1 << 20)) {
            ApiClient admin = site.signIn("admin");
            ApiClient cmd = site.signIn("cmd");
            ApiClient wang = ApiClient.signIn(CaseHttp.HTTP, site.base, "wang", WANG_SECRET);
            assertEquals(List.of("north", "south", "east"), ids(ok(get(admin, "/api/v1/admin/districts"))
                    .get("districts")));
            assertEquals(caseId, ok(get(wang, "/api/v1/cases/" + caseId)).get("id").asText());
            String second = openInEast(cmd);
            assertEquals("east-1", ok(post(cmd, "/api/v1/cases/" + second + "/dispatch", "{}")).get("team").asText());
            assertEquals(second, ok(get(wang, "/api/v1/cases/" + second)).get("id").asText());

            // Edited: a second team; removed: new cases there are no longer placed in a district.
            JsonNode edited = ok(put(admin, "/api/v1/admin/districts/east", "{\"township\":\"Xinhe\",\"boundary\":"
                    + "[[30.5,114.45],[30.5,114.65],[30.8,114.65],[30.8,114.45]],\"teams\":[{\"id\":\"east-1\","
                    + "\"members\":[\"wang\"]},{\"id\":\"east-2\",\"members\":[\"li-wei\"]}]}"));
            assertEquals(2, edited.get("entry").get("teams").size());
            ok(post(cmd, "/api/v1/cases/" + openInEast(cmd) + "/dispatch", "{\"team\":\"east-2\"}"));
            expect(204, send(admin, "DELETE", "/api/v1/admin/districts/east"));
            assertEquals(List.of("north", "south"), ids(ok(get(admin, "/api/v1/admin/districts")).get("districts")));
            String third = openInEast(cmd);
            JsonNode none = expect(400, post(cmd, "/api/v1/cases/" + third + "/dispatch", "{}"));
            assertTrue(none.get("error").asText().startsWith("team:"), none.toString());
            expect(404, get(wang, "/api/v1/cases/" + third));
            expect(404, get(wang, "/api/v1/cases/" + second)); // no longer in a team in force: no team's cases
        }
    }

    private static String openInEast(ApiClient cmd) throws Exception {
        JsonNode opened = expect(201, post(cmd, "/api/v1/cases", "{\"source\":\"hotline\",\"title\":\"河滩夜间运砂\","
                + "\"township\":\"Xinhe\",\"lat\":" + EAST_LAT + ",\"lon\":" + EAST_LON + "}"));
        return opened.get("id").asText();
    }

    private static void refused(ApiClient admin, String body, String field) throws Exception {
        JsonNode bad = expect(400, post(admin, "/api/v1/admin/districts", body));
        String error = bad.get("error").asText();
        assertTrue(error.startsWith("district: line 1: " + field + ":"), error);
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    private static HttpResponse<String> yaml(ApiClient as, String method, String path, String text) throws Exception {
        return CaseHttp.HTTP.send(as.request(path).header("Content-Type", "application/yaml")
                .header("X-CSRF-Token", as.csrf()).method(method, HttpRequest.BodyPublishers.ofString(text)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(ApiClient as, String path, String json) throws Exception {
        return CaseHttp.HTTP.send(as.request(path).header("Content-Type", "application/json")
                .header("X-CSRF-Token", as.csrf()).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(ApiClient as, String method, String path) throws Exception {
        return CaseHttp.HTTP.send(as.request(path).header("X-CSRF-Token", as.csrf())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
