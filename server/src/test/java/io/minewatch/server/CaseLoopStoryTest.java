package io.minewatch.server;

import static io.minewatch.server.CaseHttp.expect;
import static io.minewatch.server.CaseHttp.get;
import static io.minewatch.server.CaseHttp.ok;
import static io.minewatch.server.CaseHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.testkit.PayloadSchemas;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's night-lorries story, end to end through HTTP on the real server (real database, desk,
 * outbox, embedded broker, sessions): at 22:00 in the county a heavy-vehicle alert on the north road's
 * camera (the shared freeway clip through the real pipeline and model) → the command centre opens a case from it → dispatches it
 * to the north district's team by location → the team member records on site with a photo (a frame of the
 * shared footage) and two plates → three matters → two whistles at tough (transport, traffic police) →
 * transport acknowledges and reports in time; the traffic police's acknowledgement deadline passes (the
 * clock moved an hour on) and the whistle escalates (seen by a real MQTT subscriber) → the team closes
 * the township's matter with a penalty (the police matter referred) → the legal office's review passes →
 * the month's statistics (GET /api/v1/stats/cases) count exactly this, and the months around it nothing.
 * Each role is refused what it may not do on the way; every answer matches the OpenAPI schemas.
 */
@Timeout(120)
class CaseLoopStoryTest {
    /** 22:00 in Asia/Shanghai, 20 November 2026. */
    static final Instant NIGHT = Instant.parse("2026-11-20T14:00:00Z");

    @TempDir
    Path dir;

    @Test
    void nightLorries() throws Exception {
        try (CaseSite site = new CaseSite(dir, NIGHT, 1 << 20, true)) {
            List<String[]> messages = new CopyOnWriteArrayList<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            MqttClient sub = new MqttClient(site.app.mqttUrl(), "sub-" + UUID.randomUUID(), new MemoryPersistence());
            sub.connect(new MqttConnectOptions());
            for (String topic : List.of(site.prefix + "/cases/events", site.prefix + "/departments/+/whistles")) {
                sub.subscribe(topic, 1, (t, m) -> {
                    String problem = PayloadSchemas.problem(t, m.getPayload());
                    if (problem != null) {
                        problems.add(problem);
                    }
                    messages.add(new String[] {t, new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8)});
                });
            }
            ApiClient cmd = site.signIn("cmd");
            ApiClient li = site.signIn("li-wei");
            ApiClient zhang = site.signIn("zhang-min");
            ApiClient rev = site.signIn("rev");
            ApiClient transport = site.signIn("transport");
            ApiClient police = site.signIn("police");
            String alert = site.footageAlert();

            // Intake: a case from the alert.
            JsonNode opened = expect(201, post(cmd, "/api/v1/cases", """
                    {"source":"alert","alerts":["%s"],"title":"夜间运砂车 / sand lorries at night"}""".formatted(alert)));
            ApiSchemas.check("Case", opened);
            String id = opened.get("id").asText();
            assertTrue(id.matches("C-20261120-0001"), id);
            assertEquals("intake", opened.get("state").asText());
            assertEquals("Xinhe", opened.get("township").asText());
            assertEquals(List.of(alert), texts(opened.get("alerts")));
            assertFalse(opened.get("first_alert_at").isNull());
            assertEquals(409, post(cmd, "/api/v1/cases", "{\"source\":\"alert\",\"alerts\":[\"" + alert + "\"]}")
                    .statusCode(), "an alert already in a case");
            expect(404, get(li, "/api/v1/cases/" + id)); // not dispatched to li's team yet
            assertEquals(0, ok(get(li, "/api/v1/cases")).get("cases").size());

            // Dispatch: by location, to the north district's first team.
            expect(403, post(rev, "/api/v1/cases/" + id + "/dispatch", "{}"));
            expect(403, post(li, "/api/v1/cases/" + id + "/dispatch", "{}"));
            JsonNode dispatched = ok(post(cmd, "/api/v1/cases/" + id + "/dispatch", "{}"));
            assertEquals("dispatched", dispatched.get("state").asText());
            assertEquals("north", dispatched.get("district").asText());
            assertEquals("north-1", dispatched.get("team").asText());
            assertFalse(dispatched.get("on_site_deadline").isNull());
            assertEquals(List.of(id), ids(ok(get(li, "/api/v1/cases"))), "li's team's cases");
            assertEquals(0, ok(get(zhang, "/api/v1/cases")).get("cases").size(), "the south team sees none");
            expect(404, get(zhang, "/api/v1/cases/" + id));
            expect(404, post(zhang, "/api/v1/cases/" + id + "/on-site", "{\"notes\":\"x\"}"));

            // On site 25 minutes after the alert: a photo, two plates, three matters.
            site.clock.advance(Duration.ofMinutes(25));
            byte[] jpeg = Files.readAllBytes(CaseSite.frame());
            expect(404, post(zhang, "/api/v1/cases/" + id + "/photos", "image/jpeg",
                    HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(jpeg, 256))));
            JsonNode photo = expect(201, post(li, "/api/v1/cases/" + id + "/photos", "image/jpeg",
                    HttpRequest.BodyPublishers.ofByteArray(jpeg)));
            ApiSchemas.check("Photo", photo);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)),
                    photo.get("sha256").asText());
            JsonNode onSite = ok(post(li, "/api/v1/cases/" + id + "/on-site", """
                    {"notes":"两辆运砂车被拦下：一辆超载，一辆车厢改装，砂来自农田","staff":4,"vehicles_sent":2,
                     "inspection":true,"joint_action":false,"plates":["豫A12345","豫B67890"],"persons":["王某","赵某"],
                     "matters":[{"code":"sand-farmland"},{"code":"overload","level":"tough"},
                                {"code":"altered-body","level":"tough"}]}"""));
            ApiSchemas.check("Case", onSite);
            assertEquals("on_site", onSite.get("state").asText());
            assertEquals(List.of("豫A12345", "豫B67890"), texts(onSite.get("on_site").get(0).get("record").get("plates")));
            assertEquals(Map.of("sand-farmland", "township", "overload", "transport", "altered-body", "traffic-police"),
                    handlers(onSite));
            assertEquals(1, onSite.get("photos").size());
            JsonNode whistles = onSite.get("whistles");
            assertEquals(2, whistles.size(), whistles.toString());
            String transportWhistle = whistleOf(whistles, "transport");
            String policeWhistle = whistleOf(whistles, "traffic-police");
            for (JsonNode w : whistles) {
                assertEquals("tough", w.get("level").asText());
                assertEquals("issued", w.get("state").asText());
            }
            awaitMessage(messages, m -> m[0].endsWith("/departments/traffic-police/whistles")
                    && m[1].contains(policeWhistle) && m[1].contains("\"state\":\"issued\""), "police whistle issued");

            // The departments: each sees only its own whistle; neither reads cases or alerts.
            assertEquals(List.of(transportWhistle), whistleIds(ok(get(transport, "/api/v1/whistles"))));
            assertEquals(List.of(policeWhistle), whistleIds(ok(get(police, "/api/v1/whistles?case=" + id))));
            expect(403, get(police, "/api/v1/cases"));
            expect(403, get(police, "/api/v1/cases/" + id));
            expect(403, get(police, "/api/v1/alerts"));
            expect(404, post(transport, "/api/v1/whistles/" + policeWhistle + "/ack", "{}"));
            expect(404, post(transport, "/api/v1/whistles/" + policeWhistle + "/report", "{\"kind\":\"rectified\"}"));
            expect(403, post(cmd, "/api/v1/whistles/" + transportWhistle + "/ack", "{}"));
            site.clock.advance(Duration.ofMinutes(20));
            JsonNode acked = ok(post(transport, "/api/v1/whistles/" + transportWhistle + "/ack", "{}"));
            ApiSchemas.check("Whistle", acked);
            assertEquals("acknowledged", acked.get("state").asText());
            site.clock.advance(Duration.ofMinutes(20));
            HttpResponse<String> report = post(transport, "/api/v1/whistles/" + transportWhistle + "/report", """
                    {"kind":"penalty","notice_no":"交罚-2026-017","penalty_yuan":5000,"note":"超载 32 吨"}""");
            assertEquals("reported", ok(report).get("state").asText());
            assertTrue(report.body().contains("\"penalty_yuan\":5000.00"), "two decimals: " + report.body());

            // The traffic police's acknowledgement deadline (tough: 1 h) passes: the whistle escalates.
            site.clock.advance(Duration.ofMinutes(25));
            awaitMessage(messages, m -> m[0].endsWith("/departments/traffic-police/whistles")
                    && m[1].contains(policeWhistle) && m[1].contains("\"state\":\"escalated\""), "police whistle escalated");
            awaitMessage(messages, m -> m[0].endsWith("/cases/events") && m[1].contains("\"step\":\"whistle_escalated\"")
                    && m[1].contains(policeWhistle), "case event whistle_escalated");
            JsonNode policeNow = ok(get(police, "/api/v1/whistles")).get("whistles").get(0);
            assertTrue(policeNow.get("overdue").asBoolean(), policeNow.toString());
            assertEquals(1, policeNow.get("escalations").asInt(), policeNow.toString());
            JsonNode transportNow = ok(get(transport, "/api/v1/whistles")).get("whistles").get(0);
            assertFalse(transportNow.get("overdue").asBoolean(), transportNow.toString());
            assertEquals(0, transportNow.get("escalations").asInt());
            assertEquals(List.of(policeWhistle), whistleIds(ok(get(cmd, "/api/v1/whistles?overdue=true"))));
            assertTrue(messages.stream().noneMatch(m -> m[1].contains(transportWhistle) && m[1].contains("escalated")),
                    "the answered whistle never escalates");

            // Close: the township's matter with a penalty; the unanswered police matter referred.
            HttpResponse<String> missing = post(li, "/api/v1/cases/" + id + "/close",
                    "{\"outcomes\":[{\"code\":\"altered-body\",\"kind\":\"referred\"}]}");
            assertTrue(Set.of(400, 409).contains(missing.statusCode()) && missing.body().contains("sand-farmland"),
                    missing.body());
            expect(403, post(police, "/api/v1/cases/" + id + "/close", "{\"outcomes\":[]}"));
            HttpResponse<String> closing = post(li, "/api/v1/cases/" + id + "/close", """
                    {"outcomes":[{"code":"sand-farmland","kind":"penalty","notice_no":"罚-2026-001","penalty_yuan":20000,
                                  "note":"没收砂石，恢复农田"},
                                 {"code":"altered-body","kind":"referred","note":"交警大队未报到，移交"}]}""");
            JsonNode closed = ok(closing);
            ApiSchemas.check("Case", closed);
            assertEquals("closed", closed.get("state").asText());
            assertTrue(closing.body().contains("\"penalty_yuan\":20000.00"), closing.body());
            assertTrue(closing.body().contains("\"penalty_yuan\":5000.00"), "the department's report: " + closing.body());
            Map<String, String> kinds = new java.util.TreeMap<>();
            closed.get("matters").forEach(m -> kinds.put(m.get("code").asText(), m.get("outcome").get("kind").asText()));
            assertEquals(Map.of("sand-farmland", "penalty", "overload", "penalty", "altered-body", "referred"), kinds);

            // Review: the legal office passes it; nobody else may review.
            String allMet = """
                    {"checklist":{"intake":true,"dispatch":true,"evidence":true,"matters":true,"whistles":true,
                                  "outcomes":true,"documents":true},"note":"材料齐全"}""";
            expect(403, post(cmd, "/api/v1/cases/" + id + "/review", allMet));
            expect(400, post(rev, "/api/v1/cases/" + id + "/review", "{\"checklist\":{\"intake\":true}}"));
            JsonNode reviewed = ok(post(rev, "/api/v1/cases/" + id + "/review", allMet));
            ApiSchemas.check("Case", reviewed);
            assertEquals("reviewed", reviewed.get("state").asText());
            assertTrue(reviewed.get("review_passed").asBoolean());
            assertEquals(100, reviewed.get("reviews").get(0).get("score").asInt());
            Set<String> steps = new TreeSet<>();
            reviewed.get("steps").forEach(s -> steps.add(s.get("step").asText()));
            assertTrue(steps.containsAll(Set.of("case_opened", "case_dispatched", "case_on_site", "case_photo",
                    "whistle_issued", "whistle_acknowledged", "whistle_reported", "whistle_escalated", "case_closed",
                    "case_reviewed")), steps.toString());

            // The audit log has every step; MQTT carried the case's events, each valid against its schema.
            String audit = Files.readString(site.storage.resolve("evidence/audit.jsonl"));
            for (String action : List.of("case_opened", "case_dispatched", "case_on_site", "case_photo",
                    "whistle_reported", "whistle_escalated", "case_closed", "case_reviewed")) {
                assertTrue(audit.contains("\"action\":\"" + action + "\""), action + " audited");
            }
            awaitMessage(messages, m -> m[1].contains("\"step\":\"case_reviewed\""), "case_reviewed event");
            assertEquals(List.of(), problems);

            // The month's statistics count exactly this story; the months around it are untouched.
            ApiClient ana = site.signIn("ana");
            expect(403, get(police, "/api/v1/stats/cases?period=2026-11"));
            JsonNode nov = ok(get(ana, "/api/v1/stats/cases?period=2026-11"));
            assertEquals("Asia/Shanghai", nov.get("zone").asText());
            JsonNode total = nov.get("total");
            Map<String, Object> exact = new java.util.LinkedHashMap<>();
            exact.put("cases_opened", 1);
            exact.put("cases_by_source", Map.of("alert", 1, "flight", 0, "hotline", 0, "patrol", 0));
            exact.put("cases_closed", 1);
            exact.put("closure_rate", 1.0);
            exact.put("dispatches", 1);
            exact.put("on_site_records", 1);
            exact.put("late_on_site", 0);
            exact.put("person_times", 4);
            exact.put("vehicle_times", 2);
            exact.put("inspections", 1);
            exact.put("joint_actions", 0);
            exact.put("whistles", 2);
            exact.put("whistles_by_level", Map.of("quick", 0, "tough", 2, "emergency", 0));
            exact.put("whistles_overdue", 1);
            exact.put("notices", 2);
            exact.put("penalties", 2);
            exact.put("reviews", 1);
            exact.put("reviews_passed", 1);
            exact.put("review_pass_rate", 1.0);
            exact.forEach((k, v) -> assertEquals(TestSite.JSON.valueToTree(v), total.get(k), k + " in " + total));
            assertEquals(0, new java.math.BigDecimal("25000").compareTo(total.get("penalty_yuan").decimalValue()),
                    "the township's 20,000 and transport's 5,000: " + total);
            // The clock runs on between the moves by hand: the times are the moves plus a few seconds.
            between(total, "alert_to_on_site_minutes_p50", 25, 26.5);
            between(total, "alert_to_on_site_minutes_p90", 25, 26.5);
            between(total, "whistle_ack_minutes_p50", 20, 21.5);
            between(total, "whistle_report_hours_p50", 0.66, 0.7);
            assertEquals(total, nov.get("by_township").get("Xinhe"));
            assertEquals(total, nov.get("by_district").get("north"));
            assertEquals(total, nov.get("by_team").get("north-1"));
            JsonNode tr = nov.get("by_department").get("transport");
            JsonNode tp = nov.get("by_department").get("traffic-police");
            assertEquals(List.of(1, 1, 0, 1, 1), List.of(tr.get("whistles").asInt(), tr.get("by_level").get("tough").asInt(),
                    tr.get("overdue").asInt(), tr.get("acknowledged").asInt(), tr.get("reported").asInt()), tr.toString());
            assertEquals(List.of(1, 1, 1, 0, 0), List.of(tp.get("whistles").asInt(), tp.get("by_level").get("tough").asInt(),
                    tp.get("overdue").asInt(), tp.get("acknowledged").asInt(), tp.get("reported").asInt()), tp.toString());
            assertTrue(tp.get("ack_minutes_p50").isNull() && tp.get("report_hours_p50").isNull(), tp.toString());
            for (String other : List.of("2026-10", "2026-12")) {
                JsonNode month = ok(get(ana, "/api/v1/stats/cases?period=" + other)).get("total");
                for (String k : List.of("cases_opened", "dispatches", "on_site_records", "person_times", "whistles",
                        "notices", "penalties", "reviews")) {
                    assertEquals(0, month.get(k).asInt(), other + " " + k + ": " + month);
                }
                assertTrue(month.get("closure_rate").isNull() && month.get("alert_to_on_site_minutes_p50").isNull(),
                        other + ": " + month);
            }
            sub.disconnect();
            sub.close();
        }
    }

    static void between(JsonNode figures, String key, double from, double to) {
        double v = figures.get(key).asDouble(Double.NaN);
        assertTrue(v >= from && v < to, key + " = " + figures.get(key) + ", expected in [" + from + ", " + to + ")");
    }

    static void awaitMessage(List<String[]> messages, Predicate<String[]> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (messages.stream().noneMatch(wanted)) {
            if (System.nanoTime() > deadline) {
                List<String> seen = new ArrayList<>();
                messages.forEach(m -> seen.add(m[0] + " " + m[1]));
                fail(what + " never arrived; seen: " + seen);
            }
            Thread.sleep(50);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("cases").forEach(c -> out.add(c.get("id").asText()));
        return out;
    }

    static List<String> whistleIds(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("whistles").forEach(w -> out.add(w.get("id").asText()));
        return out;
    }

    static Map<String, String> handlers(JsonNode c) {
        Map<String, String> out = new java.util.HashMap<>();
        c.get("matters").forEach(m -> out.put(m.get("code").asText(), m.get("handler").asText()));
        return out;
    }

    static String whistleOf(JsonNode whistles, String department) {
        for (JsonNode w : whistles) {
            if (w.get("department").asText().equals(department)) {
                return w.get("id").asText();
            }
        }
        fail("no whistle to " + department + ": " + whistles);
        return null;
    }
}
