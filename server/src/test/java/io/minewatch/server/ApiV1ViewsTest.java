package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.dispatch.AckOutcome;
import io.minewatch.alerts.dispatch.CallerAck;
import io.minewatch.alerts.query.AlertFilter;
import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API v1 read models of the running server, on the heavy-vehicle alerts the freeway clip raises:
 * every answer validates against the OpenAPI fragment's schemas; the snapshot is the stored JPEG under
 * storage; an official sees only what is routed to them; a console ack shows in the detail.
 */
@Timeout(300)
class ApiV1ViewsTest {

    @TempDir
    Path dir;

    @Test
    void answersOfTheRunningServerMatchTheDocument() throws Exception {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - id: river-north
                    name: River North sand flat
                    township: Xinhe
                    lat: 30.59
                    lon: 114.30
                    officials: [li-wei]
                  - id: pit-road
                    lat: 30.60
                    lon: 114.34
                    officials: [zhou]
                cameras:
                  - id: overpass-1
                    site: river-north
                    detect: %s
                    fps: 5
                    realtime: false
                officials:
                  - id: li-wei
                    name: Li Wei
                    township: Xinhe
                  - id: zhou
                    name: Zhou
                    township: Dongshan
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(TestSite.HAAR.toAbsolutePath(), FreePorts.freePort(), FreePorts.topicPrefix()));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
        try (Application app = Application.create(cfg, MODEL)) {
            app.startCameras();
            assertTrue(app.awaitCameras(Duration.ofMinutes(4)), "the clip did not finish");
            app.desk().awaitIdle(10_000);
            AlertQueries q = app.alertQueries();

            ObjectNode page = q.list(AlertFilter.ALL, null);
            ApiSchemas.check("AlertPage", page);
            JsonNode alerts = page.get("alerts");
            assertFalse(alerts.isEmpty(), "the clip raises heavy-vehicle alerts");
            String id = alerts.get(0).get("id").asText();
            assertEquals("heavy_vehicle", alerts.get(0).get("rule").asText());
            assertEquals("/api/v1/alerts/" + id + "/snapshot", alerts.get(0).get("snapshot").asText());

            Path snapshot = q.snapshot(id, null).orElseThrow();
            Path storage = cfg.storage().dir().toAbsolutePath().normalize();
            assertTrue(snapshot.startsWith(storage), snapshot + " under " + storage);
            byte[] jpeg = Files.readAllBytes(snapshot);
            assertEquals(0xff, jpeg[0] & 0xff);
            assertEquals(0xd8, jpeg[1] & 0xff);

            assertEquals(page, q.list(AlertFilter.ALL, "li-wei"), "every alert of the site is routed to li-wei");
            assertTrue(q.list(AlertFilter.ALL, "zhou").get("alerts").isEmpty(), "none to zhou");
            assertTrue(q.snapshot(id, "zhou").isEmpty());

            AckOutcome out = app.desk().ack(new CallerAck(id, "li-wei", false, "on_my_way", "十分钟"))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(AckOutcome.Result.ACCEPTED, out.result());
            ObjectNode detail = q.detail(id, "li-wei").orElseThrow();
            ApiSchemas.check("AlertDetail", detail);
            assertEquals("acknowledged", detail.get("state").asText());
            JsonNode last = detail.get("history").get(detail.get("history").size() - 1);
            assertTrue(detail.get("history").toString().contains("on_my_way: 十分钟"), detail.toString());
            assertEquals("li-wei", detail.get("routes").get(0).get("official").asText());
            assertEquals("Li Wei", detail.get("routes").get(0).get("name").asText());
            assertTrue(List.of("acknowledged", "delivered").contains(last.get("kind").asText()));

            ObjectNode sites = q.sites(null);
            ApiSchemas.check("SiteList", sites);
            assertEquals(2, sites.get("sites").size());
            long unclosed = 0;
            for (JsonNode a : q.list(AlertFilter.ALL, null).get("alerts")) {
                unclosed += a.get("state").asText().equals("closed") ? 0 : 1;
            }
            assertEquals(unclosed, sites.get("sites").get(0).get("open_alerts").asLong(), "unclosed alerts of the site");
            assertEquals(1, q.sites("zhou").get("sites").size());

            ApiSchemas.check("CameraList", app.cameraBoard().cameras(site -> true));
            assertThrows(IllegalArgumentException.class, () -> AlertFilter.parse(Map.of("limit", List.of("500"))));
        }
    }

}
