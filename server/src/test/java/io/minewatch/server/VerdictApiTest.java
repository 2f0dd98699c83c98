package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FreePorts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verdicts and the analysts' exports on the running server, over the heavy-vehicle alerts the tanker
 * clip raises (real footage, real model, real desk), through HTTP with real sessions: who may judge
 * (analyst, admin; not command; not without the CSRF token), 400s naming the field, the verdict filter,
 * the history row and the audit log entries, the CSV, the labels file (times and box from the alert,
 * the false alarm a comment), the YOLO/COCO dataset built from the stored snapshots, precision per
 * camera and rule; and after a restart the verdicts are still there.
 */
@Timeout(400)
class VerdictApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> ENV = Map.of("ANA_PW", "ana-Pw-3391", "CMD_PW", "cmd-Pw-4402");

    @TempDir
    Path dir;

    private static HttpResponse<String> post(ApiClient as, String path, String body, boolean csrf) throws Exception {
        HttpRequest.Builder b = as.request(path).header("Content-Type", "application/json");
        if (csrf) {
            b.header("X-CSRF-Token", as.csrf());
        }
        return HTTP.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ApiClient as, String path) throws Exception {
        return HTTP.send(as.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return TestSite.JSON.readTree(r.body());
    }

    private static List<String> ids(ApiClient as, String query) throws Exception {
        HttpResponse<String> r = get(as, "/api/v1/alerts?" + query);
        assertEquals(200, r.statusCode(), r.body());
        List<String> out = new ArrayList<>();
        json(r).get("alerts").forEach(a -> out.add(a.get("id").asText()));
        return out;
    }

    @Test
    void analystsJudgeExportAndCount() throws Exception {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - {id: river-north, lat: 30.59, lon: 114.30, officials: [li-wei]}
                cameras:
                  - id: overpass-1
                    site: river-north
                    detect: %s
                    fps: 5
                    realtime: false
                  - id: street-1
                    site: river-north
                    detect: %s
                    fps: 5
                    realtime: false
                officials:
                  - {id: li-wei, name: Li Wei, secret: "li-Secret-1"}
                users:
                  - {id: ana, role: analyst, password: "${ANA_PW}"}
                  - {id: cmd, role: command, password: "${CMD_PW}"}
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(TestSite.HAAR.toAbsolutePath(), TestSite.TRAFFIC.toAbsolutePath(), FreePorts.freePort(),
                FreePorts.topicPrefix()));
        MinewatchConfig cfg = ConfigLoader.load(config, ENV);
        String a;
        String b;
        try (Application app = Application.create(cfg, MODEL)) {
            app.startCameras();
            assertTrue(app.awaitCameras(Duration.ofMinutes(4)), "the clip did not finish");
            app.desk().awaitIdle(10_000);
            String base = "http://127.0.0.1:" + app.httpPort();
            ApiClient ana = ApiClient.signIn(HTTP, base, "ana", ENV.get("ANA_PW"));
            ApiClient cmd = ApiClient.signIn(HTTP, base, "cmd", ENV.get("CMD_PW"));
            List<String> all = ids(ana, "limit=200");
            List<String> overpass = ids(ana, "camera=overpass-1");
            List<String> street = ids(ana, "camera=street-1");
            assertFalse(overpass.isEmpty(), "the tanker clip raises a heavy-vehicle alert");
            assertFalse(street.isEmpty(), "the street clip raises heavy-vehicle alerts");
            a = overpass.get(0);
            b = street.get(street.size() - 1);
            JsonNode first = json(get(ana, "/api/v1/alerts?limit=200")).get("alerts");
            first.forEach(x -> assertTrue(x.get("verdict").isNull(), "nothing judged yet: " + x));
            List<String> rest = new ArrayList<>(all);
            rest.removeAll(List.of(a, b));

            // Who may judge, and what is refused.
            String good = "{\"verdict\":\"false_alarm\",\"reason\":\"shadow\",\"note\":\"树影\"}";
            assertEquals(403, post(ana, "/api/v1/alerts/" + b + "/verdict", good, false).statusCode(), "no CSRF token");
            assertEquals(403, post(cmd, "/api/v1/alerts/" + b + "/verdict", good, true).statusCode(), "command may not");
            assertEquals(404, post(ana, "/api/v1/alerts/no-such-alert/verdict", good, true).statusCode());
            Map<String, String> bad = new HashMap<>();
            bad.put("{\"verdict\":\"false_alarm\"}", "reason is required");
            bad.put("{\"verdict\":\"confirmed\",\"box_norm\":[0.5,0.1,0.2,0.9]}", "box_norm must be fractions");
            bad.put("{\"verdict\":\"confirmed\",\"colour\":\"red\"}", "unknown field \"colour\"");
            bad.put("{\"verdict\":\"yes\"}", "verdict must be confirmed or false_alarm");
            bad.put("verdict=confirmed", "body is not valid JSON");
            for (Map.Entry<String, String> e : bad.entrySet()) {
                HttpResponse<String> r = post(ana, "/api/v1/alerts/" + a + "/verdict", e.getKey(), true);
                assertEquals(400, r.statusCode(), e.getKey() + " -> " + r.body());
                assertTrue(json(r).get("error").asText().startsWith(e.getValue()), e.getKey() + " -> " + r.body());
            }
            assertEquals(all, ids(ana, "verdict=none&limit=200"), "nothing refused was stored");

            HttpResponse<String> judged = post(ana, "/api/v1/alerts/" + a + "/verdict",
                    "{\"verdict\":\"confirmed\",\"box_norm\":[0.2,0.3,0.6,0.8],\"note\":\"tanker\"}", true);
            assertEquals(200, judged.statusCode(), judged.body());
            assertEquals("ana", json(judged).get("by").asText());
            assertEquals(200, post(ana, "/api/v1/alerts/" + b + "/verdict", good, true).statusCode());

            assertEquals(List.of(b), ids(ana, "verdict=false_alarm"));
            assertEquals(List.of(a), ids(ana, "verdict=confirmed"));
            assertEquals(rest, ids(ana, "verdict=none&limit=200"));
            HttpResponse<String> badFilter = get(ana, "/api/v1/alerts?verdict=maybe");
            assertEquals(400, badFilter.statusCode());
            assertTrue(json(badFilter).get("error").asText().startsWith("verdict must be one of"), badFilter.body());

            JsonNode detail = json(get(ana, "/api/v1/alerts/" + b));
            ApiSchemas.check("AlertDetail", detail);
            assertEquals("false_alarm", detail.get("verdict").asText());
            assertEquals("shadow", detail.get("verdicts").get(0).get("reason").asText());
            assertEquals("树影", detail.get("verdicts").get(0).get("note").asText());
            JsonNode last = null;
            for (JsonNode h : detail.get("history")) {
                if (h.get("kind").asText().equals("verdict")) {
                    last = h;
                }
            }
            assertTrue(last != null && last.get("actor").asText().equals("ana")
                    && last.get("detail").asText().contains("\"reason\":\"shadow\""), detail.get("history").toString());

            // CSV of the current filter.
            HttpResponse<String> csv = get(ana, "/api/v1/alerts.csv?verdict=false_alarm");
            assertEquals(200, csv.statusCode(), csv.body());
            assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
            String[] lines = csv.body().split("\r\n");
            assertEquals(2, lines.length, csv.body());
            assertTrue(lines[0].startsWith("\uFEFFid,created_at,"), lines[0]);
            assertTrue(lines[1].startsWith(b + ",") && lines[1].contains(",false_alarm,"), lines[1]);
            HttpResponse<String> csvAll = get(ana, "/api/v1/alerts.csv");
            assertEquals(Integer.toString(all.size()), csvAll.headers().firstValue("X-Minewatch-Rows").orElseThrow());
            assertEquals(all.size() + 1, csvAll.body().split("\r\n").length);
            assertEquals(400, get(ana, "/api/v1/alerts.csv?level=loud").statusCode());

            // Labels: the confirmed alert an appearance with its box, the false alarm a comment.
            HttpResponse<String> labels = get(ana, "/api/v1/labels?camera=overpass-1");
            assertEquals(200, labels.statusCode(), labels.body());
            JsonNode payloadA = json(get(ana, "/api/v1/alerts/" + a)).get("payload");
            double end = payloadA.get("stream_offset_s").asDouble();
            double start = Math.max(0, end - Duration.between(Instant.parse(payloadA.get("started").asText()),
                    Instant.parse(payloadA.get("time").asText())).toMillis() / 1000.0);
            Matcher m = Pattern.compile("(?m)^(\\d+\\.\\d\\d) (\\d+\\.\\d\\d) heavy_vehicle -  # alert " + a
                    + " confirmed by ana .*\\n  box (\\S+) 0\\.2000 0\\.3000 0\\.6000 0\\.8000$").matcher(labels.body());
            assertTrue(m.find(), labels.body());
            assertEquals(start, Double.parseDouble(m.group(1)), 0.006);
            assertEquals(end, Double.parseDouble(m.group(2)), 0.006);
            assertFalse(labels.body().contains(b), "another camera's alert");
            HttpResponse<String> streetLabels = get(ana, "/api/v1/labels?camera=street-1");
            assertTrue(streetLabels.body().matches("(?s).*\\n# false_alarm [0-9.]+ [0-9.]+ heavy_vehicle -  # alert " + b
                    + " false_alarm shadow by ana .*"), streetLabels.body());
            assertEquals(0, streetLabels.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count(),
                    "a false alarm is no appearance: " + streetLabels.body());
            long appearances = labels.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")
                    && !l.startsWith("  box")).count();
            assertEquals(1, appearances, labels.body());
            assertEquals(400, get(ana, "/api/v1/labels").statusCode(), "camera is required");
            assertEquals(403, get(cmd, "/api/v1/labels?camera=overpass-1").statusCode());

            // The dataset: both snapshots, a YOLO box for the confirmed one, none for the false alarm.
            HttpResponse<byte[]> zip = ana.get("/api/v1/labels/dataset.zip");
            assertEquals(200, zip.statusCode());
            Map<String, byte[]> entries = new HashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
            assertTrue(entries.containsKey("images/" + a + ".jpg") && entries.containsKey("images/" + b + ".jpg"),
                    entries.keySet().toString());
            assertEquals(2, entries.keySet().stream().filter(n -> n.startsWith("images/")).count());
            assertEquals("0 0.400000 0.550000 0.400000 0.500000\n",
                    new String(entries.get("labels/" + a + ".txt"), StandardCharsets.UTF_8));
            assertEquals(0, entries.get("labels/" + b + ".txt").length, "a false alarm is a negative example");
            assertEquals("heavy_vehicle\n", new String(entries.get("classes.txt"), StandardCharsets.UTF_8));
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(entries.get("images/" + a + ".jpg")));
            JsonNode coco = TestSite.JSON.readTree(entries.get("annotations.json"));
            assertEquals(2, coco.get("images").size());
            assertEquals(1, coco.get("annotations").size());
            JsonNode bbox = coco.get("annotations").get(0).get("bbox");
            assertEquals(0.2 * img.getWidth(), bbox.get(0).asDouble(), 0.01);
            assertEquals(0.3 * img.getHeight(), bbox.get(1).asDouble(), 0.01);
            assertEquals(0.4 * img.getWidth(), bbox.get(2).asDouble(), 0.01);
            assertEquals(0.5 * img.getHeight(), bbox.get(3).asDouble(), 0.01);

            // Precision per camera and rule.
            HttpResponse<String> precision = get(cmd, "/api/v1/precision");
            assertEquals(200, precision.statusCode(), precision.body());
            JsonNode rows = json(precision).get("rows");
            assertEquals(2, rows.size(), precision.body());
            JsonNode row = rows.get(0);
            assertEquals("overpass-1", row.get("camera").asText());
            assertEquals("heavy_vehicle", row.get("rule").asText());
            assertEquals(1, row.get("confirmed").asInt());
            assertEquals(0, row.get("false_alarm").asInt());
            assertEquals(overpass.size() - 1, row.get("unjudged").asInt());
            assertEquals(1.0, row.get("precision").asDouble());
            JsonNode streetRow = rows.get(1);
            assertEquals("street-1", streetRow.get("camera").asText());
            assertEquals(1, streetRow.get("false_alarm").asInt());
            assertEquals(street.size() - 1, streetRow.get("unjudged").asInt());
            assertEquals(0.0, streetRow.get("precision").asDouble());
            assertEquals(400, get(cmd, "/api/v1/precision?since=yesterday").statusCode());
            assertEquals(0, json(get(cmd, "/api/v1/precision?since=2099-01-01T00:00:00Z")).get("rows").size());
        }

        // Audited: both verdicts and every export, by the analyst.
        List<AuditEntry> audit = AuditLog.read(cfg.storage().dir().resolve("evidence/audit.jsonl"));
        List<String> acts = audit.stream().filter(e -> e.actor().equals("ana")).map(e -> e.action() + " " + e.alert())
                .toList();
        assertTrue(acts.contains("verdict " + a) && acts.contains("verdict " + b), acts.toString());
        for (String export : List.of("alerts_exported ", "labels_exported ", "dataset_exported ")) {
            assertTrue(acts.contains(export), export + " in " + acts);
        }
        assertFalse(audit.stream().anyMatch(e -> e.subject().contains(ENV.get("ANA_PW"))));

        // A restart keeps them.
        try (Application again = Application.create(cfg, MODEL)) {
            String base = "http://127.0.0.1:" + again.httpPort();
            ApiClient ana = ApiClient.signIn(HTTP, base, "ana", ENV.get("ANA_PW"));
            assertEquals(List.of(b), ids(ana, "verdict=false_alarm"));
            assertEquals(List.of(a), ids(ana, "verdict=confirmed"));
        }
    }
}
