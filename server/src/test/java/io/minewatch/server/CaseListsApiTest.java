package io.minewatch.server;

import static io.minewatch.server.CaseHttp.expect;
import static io.minewatch.server.CaseHttp.get;
import static io.minewatch.server.CaseHttp.ok;
import static io.minewatch.server.CaseHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue, the case and whistle lists and bad input, through the real server: the catalogue for
 * every role and its import (admin only; a bad line named and nothing changed; CSV with a BOM and YAML;
 * audited); keyset pages and filters of the case list, an official's list kept to their team; every bad
 * parameter or body field answered 400 naming it, a step in the wrong state 409.
 */
@Timeout(90)
class CaseListsApiTest {
    @TempDir
    Path dir;

    @Test
    void catalogueListsAndBadInput() throws Exception {
        try (CaseSite site = new CaseSite(dir, Instant.parse("2026-11-22T01:00:00Z"), 1 << 20)) {
            ApiClient admin = site.signIn("admin");
            ApiClient cmd = site.signIn("cmd");
            ApiClient li = site.signIn("li-wei");
            ApiClient police = site.signIn("police");

            // The catalogue: every role reads it, only an admin replaces it.
            JsonNode catalogue = ok(get(police, "/api/v1/catalogue"));
            ApiSchemas.check("Catalogue", catalogue);
            assertEquals(List.of(CaseFixtures.FARMLAND, CaseFixtures.OVERLOAD, CaseFixtures.ALTERED),
                    field(catalogue.get("matters"), "code"));
            assertEquals(List.of("north", "south"), field(catalogue.get("districts"), "id"));
            assertEquals(List.of("li-wei"), CaseLoopStoryTest.texts(catalogue.get("districts").get(0).get("teams").get(0)
                    .get("members")));
            assertEquals(4, catalogue.get("districts").get(0).get("boundary").size());
            assertEquals(7, catalogue.get("checklist").size());
            assertEquals(List.of("transport", "traffic-police"), field(catalogue.get("departments"), "id"));
            String csv = "\uFEFFcode,name,owner,level,rules\n"
                    + "sand-farmland,非法占用农用地采砂,township,quick,\n"
                    + "overload,货车超限超载,transport,tough,\n"
                    + "dust,扬尘污染,environment,quick,\n";
            expect(403, post(cmd, "/api/v1/admin/catalogue", "text/csv", body(csv)));
            expect(400, post(admin, "/api/v1/admin/catalogue", "text/plain", body(csv)));
            JsonNode bad = expect(400, post(admin, "/api/v1/admin/catalogue", "text/csv", body(csv)));
            assertTrue(bad.get("error").asText().contains("line 4") && bad.get("error").asText().contains("owner"),
                    bad.toString());
            assertEquals(catalogue, ok(get(police, "/api/v1/catalogue")), "nothing changed");
            JsonNode imported = ok(post(admin, "/api/v1/admin/catalogue", "text/csv; charset=utf-8",
                    body(csv.replace("environment", "transport"))));
            assertEquals(List.of(CaseFixtures.FARMLAND, CaseFixtures.OVERLOAD, "dust"), field(imported.get("matters"), "code"));
            assertEquals(imported, ok(get(li, "/api/v1/catalogue")));
            JsonNode yaml = ok(post(admin, "/api/v1/admin/catalogue", "application/yaml", body("""
                    matters:
                      - {code: sand-farmland, name: 非法占用农用地采砂, owner: township, level: quick}
                      - {code: overload, name: 货车超限超载, owner: transport, level: tough}
                      - {code: altered-body, name: 非法改装车厢, owner: traffic-police, level: tough}
                    townships: {Xinhe: [overload]}
                    """)));
            assertEquals(List.of(CaseFixtures.OVERLOAD), CaseLoopStoryTest.texts(yaml.get("townships").get("Xinhe")));
            assertTrue(Files.readString(site.storage.resolve("evidence/audit.jsonl"))
                    .contains("\"action\":\"catalogue_imported\""), "imports are audited");

            // Keyset pages and filters.
            List<String> ids = new ArrayList<>();
            for (double[] at : new double[][] {{CaseFixtures.NORTH_LAT, CaseFixtures.NORTH_LON},
                {CaseFixtures.NORTH_LAT + 0.01, CaseFixtures.NORTH_LON}, {CaseFixtures.SOUTH_LAT, CaseFixtures.SOUTH_LON}}) {
                ids.add(expect(201, post(cmd, "/api/v1/cases", "{\"source\":\"patrol\",\"lat\":" + at[0] + ",\"lon\":"
                        + at[1] + "}")).get("id").asText());
            }
            ok(post(cmd, "/api/v1/cases/" + ids.get(0) + "/dispatch", ""));
            ok(post(cmd, "/api/v1/cases/" + ids.get(2) + "/dispatch", "{}"));
            JsonNode first = ok(get(cmd, "/api/v1/cases?limit=2"));
            ApiSchemas.check("CasePage", first);
            assertEquals(List.of(ids.get(2), ids.get(1)), CaseLoopStoryTest.ids(first));
            JsonNode second = ok(get(cmd, "/api/v1/cases?limit=2&before=" + first.get("next").asText()));
            assertEquals(List.of(ids.get(0)), CaseLoopStoryTest.ids(second));
            assertTrue(second.get("next").isNull());
            assertEquals(List.of(ids.get(1)), CaseLoopStoryTest.ids(ok(get(cmd, "/api/v1/cases?state=intake"))));
            assertEquals(List.of(ids.get(2)), CaseLoopStoryTest.ids(ok(get(cmd, "/api/v1/cases?district=south"))));
            assertEquals(List.of(ids.get(0)), CaseLoopStoryTest.ids(ok(get(site.signIn("ana"), "/api/v1/cases?team=north-1"))));
            assertEquals(List.of(ids.get(0)), CaseLoopStoryTest.ids(ok(get(li, "/api/v1/cases"))), "li's team only");
            assertEquals(List.of(), CaseLoopStoryTest.ids(ok(get(li, "/api/v1/cases?team=south-1"))), "not li's team");
            assertEquals(List.of(ids.get(2)), CaseLoopStoryTest.ids(ok(get(site.signIn("zhang-min"), "/api/v1/cases"))));

            // Bad input: 400 naming what; the wrong state: 409.
            Map<String, String> badQueries = Map.of("/api/v1/cases?state=lost", "state", "/api/v1/cases?limit=0", "limit",
                    "/api/v1/cases?colour=red", "unknown parameter \"colour\"", "/api/v1/cases?since=yesterday", "since",
                    "/api/v1/cases?source=fax", "source", "/api/v1/whistles?state=lost", "state",
                    "/api/v1/whistles?overdue=maybe", "overdue");
            for (Map.Entry<String, String> e : badQueries.entrySet()) {
                JsonNode r = expect(400, get(cmd, e.getKey()));
                assertTrue(r.get("error").asText().contains(e.getValue()), e.getKey() + " -> " + r);
            }
            String c = "/api/v1/cases/" + ids.get(0);
            Map<String[], String> badBodies = Map.of(
                    new String[] {"/api/v1/cases", "{\"source\":\"patrol\",\"colour\":1}"}, "unknown field \"colour\"",
                    new String[] {"/api/v1/cases", "{\"source\":\"fax\",\"township\":\"Xinhe\"}"}, "source",
                    new String[] {"/api/v1/cases", "source=patrol"}, "not valid JSON",
                    new String[] {c + "/on-site", "{\"staff\":-1}"}, "staff",
                    new String[] {c + "/on-site", "{\"matters\":[{\"code\":\"no-such\"}]}"}, "no-such",
                    new String[] {c + "/on-site", "{\"plates\":\"豫A12345\"}"}, "plates",
                    new String[] {c + "/close", "{\"outcomes\":[{\"code\":\"x\",\"kind\":\"penalty\",\"penalty_yuan\":\"a\"}]}"},
                    "penalty_yuan");
            for (Map.Entry<String[], String> e : badBodies.entrySet()) {
                JsonNode r = expect(400, post(cmd, e.getKey()[0], e.getKey()[1]));
                assertTrue(r.get("error").asText().contains(e.getValue()), List.of(e.getKey()) + " -> " + r);
            }
            expect(409, post(cmd, c + "/dispatch", "{}"));
            expect(409, post(site.signIn("rev"), c + "/review", """
                    {"checklist":{"intake":true,"dispatch":true,"evidence":true,"matters":true,"whistles":true,
                                  "outcomes":true,"documents":true}}"""));
            expect(404, get(cmd, "/api/v1/cases/C-19990101-0001"));
            expect(404, post(cmd, "/api/v1/cases/C-19990101-0001/dispatch", "{}"));
            expect(403, get(li, "/api/v1/whistles"));
        }
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    private static List<String> field(JsonNode array, String name) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(name).asText()));
        return out;
    }
}
