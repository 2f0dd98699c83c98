package io.minewatch.alerts.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.dispatch.AckOutcome;
import io.minewatch.alerts.dispatch.CallerAck;
import io.minewatch.alerts.escalation.CaseStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API v1 alert read models on SQLite and PostgreSQL, over alerts raised by the real desk: keyset
 * pages without gap or duplicate across equal created_at, every filter, an official's scope, detail with
 * history and routes, snapshots that stay inside storage, and the sites' open counts.
 */
class AlertQueriesTest {

    @TempDir
    Path dir;

    private QueryDesk desk;
    private final List<QueryDesk.Raised> raised = new ArrayList<>();

    private AlertQueries start(String db) throws Exception {
        desk = new QueryDesk(db, dir);
        Files.createDirectories(desk.storage.resolve("snapshots/cam-1"));
        Files.write(desk.storage.resolve("snapshots/cam-1/1.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8});
        Files.writeString(dir.resolve("secret.jpg"), "outside storage");
        raised.add(desk.raise(0, "pit", "cam-1", "heavy_vehicle", 1, "snapshots/cam-1/1.jpg"));
        raised.add(desk.raise(1000, "pit", "cam-1", "dredging", 2, "../secret.jpg"));
        raised.add(desk.raise(1000, "pit", "cam-2", "heavy_vehicle", 3, null));
        raised.add(desk.raise(1000, "pit", "cam-2", "excavator", 4, null));
        raised.add(desk.raise(2000, "quarry", "cam-q", "heavy_vehicle", 5, null));
        raised.add(desk.raise(3000, "quarry", "cam-q", "dredging", 6, null));
        raised.add(desk.raise(3000, "pit", "cam-1", "excavator", 7, null));
        return new AlertQueries(desk.database, desk.storage, desk.config.alerts(), desk.config.sites(),
                desk.config.officials(), id -> id.equals(raised.get(0).id()));
    }

    private void stop() throws Exception {
        if (desk != null) {
            desk.close();
        }
    }

    /** All pages of a filter, following {@code next}. */
    private static List<String> allPages(AlertQueries q, AlertFilter f, String official, int[] pages) {
        List<String> ids = new ArrayList<>();
        AlertFilter page = f;
        while (true) {
            ObjectNode o = q.list(page, official);
            pages[0]++;
            assertTrue(o.get("alerts").size() <= f.limit());
            o.get("alerts").forEach(a -> ids.add(a.get("id").asText()));
            if (o.get("next").isNull()) {
                return ids;
            }
            page = f.after(PageCursor.decode(o.get("next").asText()));
        }
    }

    private List<String> expected(java.util.function.Predicate<QueryDesk.Raised> which) {
        return raised.stream().filter(which)
                .sorted(Comparator.comparingLong(QueryDesk.Raised::createdAt).thenComparing(QueryDesk.Raised::id)
                        .reversed())
                .map(QueryDesk.Raised::id).toList();
    }

    private static AlertFilter parse(Map<String, String> q) {
        Map<String, List<String>> m = new HashMap<>();
        q.forEach((k, v) -> m.put(k, List.of(v)));
        return AlertFilter.parse(m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void pagesFiltersAndScope(String db) throws Exception {
        try {
            AlertQueries q = start(db);
            for (int limit : new int[] {1, 2, 3, 7, 50}) {
                int[] pages = {0};
                List<String> ids = allPages(q, parse(Map.of("limit", "" + limit)), null, pages);
                assertEquals(expected(r -> true), ids, "limit " + limit + ": newest first, no gap, no duplicate");
                assertEquals(Math.max(1, (7 + limit - 1) / limit), pages[0], "pages of " + limit);
            }
            int[] p = {0};
            assertEquals(expected(r -> r.site().equals("quarry")), allPages(q, parse(Map.of("site", "quarry",
                    "limit", "1")), null, p));
            assertEquals(expected(r -> r.camera().equals("cam-2")), allPages(q, parse(Map.of("camera", "cam-2")),
                    null, p));
            assertEquals(expected(r -> r.rule().equals("dredging")), allPages(q, parse(Map.of("rule", "dredging")),
                    null, p));
            assertEquals(expected(r -> r.rule().equals("dredging")), allPages(q, parse(Map.of("level", "emergency")),
                    null, p), "dredging is the emergency rule");
            assertEquals(expected(r -> r.createdAt() - raised.get(0).createdAt() >= 1000
                    && r.createdAt() - raised.get(0).createdAt() < 3000),
                    allPages(q, parse(Map.of("since", "2026-05-01T06:00:01Z", "until", "2026-05-01T06:00:03Z",
                            "limit", "2")), null, p), "since inclusive, until exclusive");

            // Officials see only what is routed to them: li and wang the pit, zhou the quarry, zhao nothing yet.
            assertEquals(expected(r -> r.site().equals("pit")), allPages(q, parse(Map.of("limit", "2")), "li", p));
            assertEquals(expected(r -> r.site().equals("pit")), allPages(q, AlertFilter.ALL, "wang", p));
            assertEquals(expected(r -> r.site().equals("quarry")), allPages(q, AlertFilter.ALL, "zhou", p));
            assertEquals(List.of(), allPages(q, AlertFilter.ALL, "zhao", p));

            // State: zhou closes one of his; li acknowledges one.
            String quarryFirst = raised.get(4).id();
            AckOutcome closed = desk.desk.ack(new CallerAck(quarryFirst, "zhou", false, "resolved", null))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(AckOutcome.Result.ACCEPTED, closed.result());
            AckOutcome acked = desk.desk.ack(new CallerAck(raised.get(0).id(), "li", false, "on_my_way", "10 min"))
                    .get(10, TimeUnit.SECONDS);
            assertEquals("acknowledged", acked.state());
            assertEquals(List.of(quarryFirst), allPages(q, parse(Map.of("state", "closed")), null, p));
            assertEquals(List.of(raised.get(0).id()), allPages(q, parse(Map.of("state", "acknowledged")), null, p));
            assertEquals(5, allPages(q, parse(Map.of("state", "open")), null, p).size());
            assertEquals(List.of(), allPages(q, parse(Map.of("state", "closed")), "li", p));

            // Sites: unclosed alerts; an official sees the sites that reach them and counts their own.
            JsonNode sites = q.sites(null).get("sites");
            assertEquals(2, sites.size());
            assertEquals("pit", sites.get(0).get("id").asText());
            assertEquals(5, sites.get(0).get("open_alerts").asInt(), "pit: 5 alerts, one acknowledged, none closed");
            assertEquals(1, sites.get(1).get("open_alerts").asInt(), "quarry: 2 alerts, one closed");
            assertEquals("Dongshan", sites.get(1).get("township").asText());
            assertEquals(30.6, sites.get(1).get("lat").asDouble());
            JsonNode zhou = q.sites("zhou").get("sites");
            assertEquals(1, zhou.size());
            assertEquals("quarry", zhou.get(0).get("id").asText());
            JsonNode zhao = q.sites("zhao").get("sites");
            assertEquals(1, zhao.size(), "zhao is in the pit's escalation chain");
            assertEquals(0, zhao.get(0).get("open_alerts").asInt(), "but no pit alert is routed to zhao yet");
        } finally {
            stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void detailHistoryRoutesAndSnapshots(String db) throws Exception {
        try {
            AlertQueries q = start(db);
            String id = raised.get(0).id();
            desk.desk.ack(new CallerAck(id, "wang", false, "on_my_way", "路上")).get(10, TimeUnit.SECONDS);
            ObjectNode d = q.detail(id, null).orElseThrow();
            assertEquals("pit", d.get("site").asText());
            assertEquals("cam-1", d.get("camera").asText());
            assertEquals("heavy_vehicle", d.get("rule").asText());
            assertEquals("tough", d.get("level").asText());
            assertEquals("acknowledged", d.get("state").asText());
            assertFalse(d.get("ended").asBoolean());
            assertEquals("2026-05-01T06:00:00Z", d.get("created_at").asText());
            assertEquals("truck", d.get("label").asText());
            assertEquals(0.8, d.get("score").asDouble(), 1e-6);
            assertEquals(4, d.get("box_norm").size());
            assertEquals(10.0 / 640 + 50.0 / 640, d.get("box_norm").get(0).asDouble(), 1e-3);
            assertEquals("/api/v1/alerts/" + id + "/snapshot", d.get("snapshot").asText());
            assertEquals("/api/clips/" + id, d.get("clip").asText());
            assertEquals(id, d.get("payload").get("id").asText());
            assertEquals("minewatch.alert/1", d.get("payload").get("schema").asText());

            List<CaseStore.Event> trail = desk.database.tx(c -> desk.desk.cases().events(c, id));
            JsonNode history = d.get("history");
            assertEquals(trail.size(), history.size());
            for (int i = 0; i < trail.size(); i++) {
                assertEquals(trail.get(i).kind(), history.get(i).get("kind").asText());
                assertEquals(trail.get(i).actor(), history.get(i).get("actor").asText());
                assertEquals(java.time.Instant.ofEpochMilli(trail.get(i).at()).toString(),
                        history.get(i).get("at").asText());
            }
            assertEquals("created", history.get(0).get("kind").asText(), "oldest first");
            JsonNode last = history.get(history.size() - 1);
            assertTrue(last.get("kind").asText().equals("acknowledged") || last.get("kind").asText().equals("delivered"));
            assertTrue(history.toString().contains("on_my_way: 路上"));

            JsonNode routes = d.get("routes");
            assertEquals(Set.of("li", "wang"), Set.of(routes.get(0).get("official").asText(),
                    routes.get(1).get("official").asText()));
            assertEquals(routes.get(0).get("official").asText(), routes.get(0).get("name").asText(),
                    "the name from the config (Desks names officials by their id)");
            assertEquals("routed", routes.get(0).get("reason").asText());
            assertEquals("2026-05-01T06:00:00Z", routes.get(0).get("routed_at").asText());

            // The snapshot: the file under storage; not for an official it is not routed to.
            assertEquals(desk.storage.resolve("snapshots/cam-1/1.jpg").toRealPath(),
                    q.snapshot(id, "li").orElseThrow());
            assertTrue(q.snapshot(id, "zhou").isEmpty());
            assertTrue(q.detail(id, "zhou").isEmpty(), "not routed: the same as unknown");
            assertFalse(q.visible(id, "zhou"));
            assertTrue(q.visible(id, "wang"));
            assertTrue(q.detail("no-such-alert", null).isEmpty());

            // A detection naming a snapshot outside storage: no link, no file.
            String outside = raised.get(1).id();
            ObjectNode o = q.detail(outside, null).orElseThrow();
            assertEquals("../secret.jpg", o.get("payload").get("snapshot").asText());
            assertTrue(o.get("snapshot").isNull());
            assertTrue(o.get("clip").isNull());
            assertTrue(q.snapshot(outside, null).isEmpty(), "never a path outside storage");
            assertTrue(q.detail(raised.get(2).id(), null).orElseThrow().get("snapshot").isNull(), "no snapshot");

            // A link inside storage that leads out of it: no file either.
            Files.createSymbolicLink(desk.storage.resolve("snapshots/link.jpg"), dir.resolve("secret.jpg"));
            String linked = desk.raise(4000, "pit", "cam-3", "heavy_vehicle", 8, "snapshots/link.jpg").id();
            assertTrue(Files.isRegularFile(desk.storage.resolve("snapshots/link.jpg")), "the link works");
            assertTrue(q.snapshot(linked, null).isEmpty(), "never a file outside storage, even through a link");
        } finally {
            stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void badParametersAreRefusedByName(String db) {
        Map<String, String> bad = Map.of("limit", "0", "state", "pending", "level", "urgent", "since", "yesterday",
                "until", "2026-13-01T00:00:00Z", "site", "../pit", "cursor", "bm90IG91cnM");
        bad.forEach((name, value) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse(Map.of(name, value)), name + "=" + value);
            assertTrue(e.getMessage().startsWith(name), e.getMessage());
        });
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("limit", "201"))).getMessage()
                .contains("200"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("limit", "ten"))).getMessage()
                .startsWith("limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("sort", "asc"))).getMessage()
                .contains("\"sort\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AlertFilter.parse(Map.of("state",
                List.of("open", "closed")))).getMessage().startsWith("state"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse(Map.of("since", "2026-05-02T00:00:00Z",
                "until", "2026-05-01T00:00:00Z"))).getMessage().startsWith("since"));
        PageCursor c = new PageCursor(1234, "abc-def");
        assertEquals(c, PageCursor.decode(c.encode()));
        assertEquals(AlertFilter.DEFAULT_LIMIT, parse(Map.of()).limit());
        assertNotNull(parse(Map.of("cursor", c.encode())).cursor());
    }
}
