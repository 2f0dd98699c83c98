package io.minewatch.alerts.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.verdict.LabelsExport;
import io.minewatch.alerts.verdict.Verdict;
import io.minewatch.alerts.verdict.VerdictStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verdicts on SQLite and PostgreSQL over alerts raised by the real desk: the latest verdict shows in the
 * summary and filters the list (confirmed, false_alarm, none) without breaking the keyset pages; every
 * verdict is an alert_event row of the alert's history; precision per camera and rule counts the latest
 * verdicts only; the judged alerts of a camera and period feed the labels file.
 */
class VerdictQueriesTest {

    @TempDir
    Path dir;

    private static AlertFilter parse(Map<String, String> q) {
        Map<String, List<String>> m = new HashMap<>();
        q.forEach((k, v) -> m.put(k, List.of(v)));
        return AlertFilter.parse(m);
    }

    private static List<String> ids(AlertQueries q, AlertFilter f) {
        List<String> out = new ArrayList<>();
        AlertFilter page = f;
        while (true) {
            ObjectNode o = q.list(page, null);
            o.get("alerts").forEach(a -> out.add(a.get("id").asText()));
            if (o.get("next").isNull()) {
                return out;
            }
            page = page.after(PageCursor.decode(o.get("next").asText()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void verdictsFilterCountAndLabel(String db) throws Exception {
        try (QueryDesk desk = new QueryDesk(db, dir)) {
            QueryDesk.Raised a = desk.raise(0, "pit", "cam-1", "heavy_vehicle", 1, null);
            QueryDesk.Raised b = desk.raise(1000, "pit", "cam-1", "excavator", 2, null);
            QueryDesk.Raised c = desk.raise(2000, "pit", "cam-2", "heavy_vehicle", 3, null);
            QueryDesk.Raised d = desk.raise(2000, "quarry", "cam-q", "heavy_vehicle", 4, null);
            AlertQueries q = new AlertQueries(desk.database, desk.storage, desk.config.alerts(), desk.config.sites(),
                    desk.config.officials(), id -> false);
            VerdictStore store = new VerdictStore(desk.database, desk.desk.cases());
            long now = Instant.parse("2026-05-01T07:00:00Z").toEpochMilli();
            // b is first called a false alarm, then confirmed with a corrected category and box: the latest counts.
            store.record(b.id(), new Verdict("false_alarm", "shadow", null, null, "looked like a shadow"), "ana", now);
            store.record(b.id(), new Verdict("confirmed", null, "excavator", List.of(0.1, 0.2, 0.5, 0.6), null), "bo",
                    now + 1);
            store.record(a.id(), new Verdict("false_alarm", "overlay", null, null, null), "ana", now + 2);
            store.record(c.id(), new Verdict("confirmed", null, null, null, "a lorry"), "ana", now + 3);
            assertTrue(store.record("no-such-alert", new Verdict("confirmed", null, null, null, null), "ana", now)
                    .isEmpty(), "an unknown alert is refused");

            assertEquals(List.of(c.id(), b.id()), ids(q, parse(Map.of("verdict", "confirmed", "limit", "1"))),
                    "newest first, one a page");
            assertEquals(List.of(a.id()), ids(q, parse(Map.of("verdict", "false_alarm"))));
            assertEquals(List.of(d.id()), ids(q, parse(Map.of("verdict", "none"))));
            assertEquals(List.of(b.id()), ids(q, parse(Map.of("verdict", "confirmed", "camera", "cam-1"))));
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> parse(Map.of("verdict", "maybe")));
            assertTrue(bad.getMessage().startsWith("verdict must be one of"), bad.getMessage());

            JsonNode detail = q.detail(b.id(), null).orElseThrow();
            assertEquals("confirmed", detail.get("verdict").asText());
            assertEquals(2, detail.get("verdicts").size());
            assertEquals("false_alarm", detail.get("verdicts").get(0).get("verdict").asText());
            assertEquals("bo", detail.get("verdicts").get(1).get("by").asText());
            assertEquals("excavator", detail.get("verdicts").get(1).get("category").asText());
            List<CaseStore.Event> history = desk.database.tx(cn -> desk.desk.cases().events(cn, b.id()));
            List<CaseStore.Event> verdictEvents = history.stream().filter(e -> e.kind().equals("verdict")).toList();
            assertEquals(2, verdictEvents.size(), history.toString());
            assertEquals("ana", verdictEvents.get(0).actor());
            assertTrue(verdictEvents.get(1).detail().contains("\"category\":\"excavator\""), verdictEvents.toString());
            assertNull(q.detail(d.id(), null).orElseThrow().get("verdict").textValue());

            ObjectNode p = store.precision(null, null);
            Map<String, JsonNode> rows = new HashMap<>();
            p.get("rows").forEach(r -> rows.put(r.get("camera").asText() + "/" + r.get("rule").asText(), r));
            assertEquals(4, rows.size(), p.toString());
            assertEquals(0.0, rows.get("cam-1/heavy_vehicle").get("precision").asDouble(), p.toString());
            assertEquals(1, rows.get("cam-1/heavy_vehicle").get("false_alarm").asInt());
            assertEquals(1.0, rows.get("cam-1/excavator").get("precision").asDouble(), "the latest verdict counts");
            assertEquals(1, rows.get("cam-2/heavy_vehicle").get("confirmed").asInt());
            assertTrue(rows.get("cam-q/heavy_vehicle").get("precision").isNull(), "nothing judged");
            assertEquals(1, rows.get("cam-q/heavy_vehicle").get("unjudged").asInt());
            ObjectNode later = store.precision(Instant.parse("2026-05-01T06:00:01Z"), null);
            assertEquals(3, later.get("rows").size(), "since drops a, raised at 06:00:00: " + later);

            List<VerdictStore.Judged> judged = store.judged("cam-1", null, null, 100);
            assertEquals(List.of(a.id(), b.id()), judged.stream().map(VerdictStore.Judged::alertId).toList());
            assertEquals("confirmed", judged.get(1).latest().verdict().verdict());
            assertEquals(List.of(), store.judged("cam-1", Instant.parse("2026-05-01T06:00:02Z"), null, 100));
            String labels = LabelsExport.write("cam-1", null, null, judged, false);
            assertTrue(labels.contains("# false_alarm "), labels);
            assertTrue(labels.contains(" excavator -  # alert " + b.id() + " confirmed by bo"), labels);
            assertTrue(labels.contains("  box ") && labels.contains(" 0.1000 0.2000 0.5000 0.6000"), labels);
        }
    }

    @Test
    void badVerdictsAreRefusedNamingTheField() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{}", "verdict is required");
        cases.put("{\"verdict\":\"maybe\"}", "verdict must be");
        cases.put("{\"verdict\":\"false_alarm\"}", "reason is required");
        cases.put("{\"verdict\":\"false_alarm\",\"reason\":\"rain\"}", "reason must be one of");
        cases.put("{\"verdict\":\"confirmed\",\"reason\":\"shadow\"}", "reason is only for false_alarm");
        cases.put("{\"verdict\":\"confirmed\",\"category\":\"Big Truck\"}", "category must be");
        cases.put("{\"verdict\":\"confirmed\",\"box_norm\":[0.5,0.1,0.2,0.3]}", "box_norm must be fractions");
        cases.put("{\"verdict\":\"confirmed\",\"box_norm\":[0.1,0.1,0.2]}", "box_norm must be [x1");
        cases.put("{\"verdict\":\"confirmed\",\"box_norm\":\"0,0,1,1\"}", "box_norm must be [x1");
        cases.put("{\"verdict\":\"confirmed\",\"note\":\"" + "x".repeat(501) + "\"}", "note is longer");
        cases.put("{\"verdict\":\"confirmed\",\"note\":7}", "note must be a string");
        cases.put("{\"verdict\":\"confirmed\",\"colour\":\"red\"}", "unknown field \"colour\"");
        cases.forEach((body, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Verdict.parse(io.minewatch.alerts.AlertJson.mapper().readTree(body)), body);
            assertTrue(e.getMessage().startsWith(message), body + " -> " + e.getMessage());
        });
    }

    @Test
    void csvCellsNeverStartAFormula() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", AlertCsv.escape("=HYPERLINK(\"http://x\")"));
        assertEquals("\"'+1\"", AlertCsv.escape("+1"));
        assertEquals("\"'-2+3\"", AlertCsv.escape("-2+3"));
        assertEquals("\"'@SUM(A1)\"", AlertCsv.escape("@SUM(A1)"));
        assertEquals("\"'\tx\"", AlertCsv.escape("\tx"));
        assertEquals("\"a,b\"", AlertCsv.escape("a,b"));
        assertEquals("heavy_vehicle", AlertCsv.escape("heavy_vehicle"));
        assertEquals("2026-05-01T06:00:00Z", AlertCsv.escape("2026-05-01T06:00:00Z"));
    }
}
