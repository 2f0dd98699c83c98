package io.minewatch.server;

import static io.minewatch.server.TestSite.JSON;
import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.RtspServerProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sites and officials registered at run time apply at once, against the real server, the GStreamer RTSP
 * server and the footage: an admin adds an official (it signs in and logs in to the embedded broker at
 * once, never having been in the YAML), a site naming it, and a camera at that site; the camera's
 * heavy-vehicle alert is routed to the new official (its routes in GET /api/v1/alerts/{id}), who sees it
 * in its own list and detail; the site then names another official (the alert keeps its route; the other
 * official now sees the site); the first official is removed — its session ends, its sign-in and its
 * broker login are refused, its MQTT connection is closed. A township added live (team, authority) puts
 * its team on its sites' routing at once; a bad one gets the loader's message; a YAML one is read-only.
 */
class RegistryRoutingLiveTest {
    private static final String ADMIN_PASS = "admin-Pa55-word";
    private static final String WANG_SECRET = "wang-S3cret-phrase";
    private static final String LI_SECRET = "li-S3cret-phrase";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private String base;
    private ApiClient admin;

    @Test
    void aSiteAndOfficialAddedAtRunTimeRouteNewAlertsAndTheOfficialSignsInUntilRemoved() throws Exception {
        Path h264 = RtspFootage.h264(dir);
        try (RtspServerProcess rtsp = RtspServerProcess.start(List.of(), "reg=" + h264)) {
            Path config = dir.resolve("site.yaml");
            Files.writeString(config, """
                    sites:
                      - {id: river-north, lat: 30.59, lon: 114.30}
                    townships:
                      - {id: river-town, team: [], authority: []}
                    alerts:
                      deadlines_s: {quick: 3600, tough: 3600, emergency: 3600}
                    users:
                      - {id: admin, role: admin, password: "${ADMIN_PASS}"}
                    mqtt:
                      embedded_port: %d
                      topic_prefix: %s
                    storage:
                      dir: data
                    http:
                      port: 0
                    """.formatted(FreePorts.freePort(), FreePorts.topicPrefix()));
            MinewatchConfig cfg = ConfigLoader.load(config, Map.of("ADMIN_PASS", ADMIN_PASS));
            try (Application app = Application.start(cfg, MODEL)) {
                base = "http://127.0.0.1:" + app.httpPort();
                admin = ApiClient.signIn(HTTP, base, "admin", ADMIN_PASS);
                assertEquals(401, ApiClient.login(HTTP, base, "wang", WANG_SECRET).statusCode());

                // A new official: signs in and logs in to the broker at once.
                assertEquals(201, send("POST", "/api/v1/admin/officials",
                        "{\"id\":\"wang\",\"name\":\"Wang Fang\",\"secret\":\"" + WANG_SECRET + "\"}").statusCode());
                assertEquals(201, send("POST", "/api/v1/admin/officials",
                        "{\"id\":\"li\",\"name\":\"Li Wei\",\"secret\":\"" + LI_SECRET + "\"}").statusCode());
                ApiClient wang = ApiClient.signIn(HTTP, base, "wang", WANG_SECRET);
                assertEquals("official", JSON.readTree(get(wang, "/api/v1/me")).path("role").asText());
                MqttClient wangMqtt = mqtt(app, "wang", WANG_SECRET);
                assertTrue(wangMqtt.isConnected());
                assertEquals(List.of(), siteIds(wang));

                // A new site naming it, and a camera there.
                HttpResponse<String> site = send("POST", "/api/v1/admin/sites",
                        "{\"id\":\"east-pit\",\"lat\":30.6,\"lon\":114.4,\"officials\":[\"wang\"],"
                                + "\"escalation\":[\"li\"]}");
                assertEquals(201, site.statusCode(), site.body());
                assertEquals(List.of("east-pit"), siteIds(wang));
                String camera = """
                        {"id":"reg-1","site":"east-pit","detect":"rtsp://127.0.0.1:%d/reg","fps":5,
                         "detection":{"zones":[{"name":"road-1","kind":"road",
                           "points":[[0.0,0.3],[1.0,0.3],[1.0,1.0],[0.0,1.0]]}],
                          "rules":[{"type":"heavy_vehicle_in_zone","zones":["road-1"]}]}}
                        """.formatted(rtsp.port());
                HttpResponse<String> cam = send("POST", "/api/v1/admin/cameras", camera);
                assertEquals(201, cam.statusCode(), cam.body());

                // Its alert is routed to the new official, who sees it.
                String alertId = waitForAlert("reg-1", 90).get("id").asText();
                JsonNode detail = JSON.readTree(get(admin, "/api/v1/alerts/" + alertId));
                assertEquals(List.of("wang"), routed(detail), detail.toString());
                assertEquals("Wang Fang", detail.get("routes").get(0).path("name").asText(), detail.toString());
                assertEquals(alertId, JSON.readTree(get(wang, "/api/v1/alerts/" + alertId)).get("id").asText());
                assertTrue(get(wang, "/api/v1/alerts").contains(alertId));
                assertEquals(404, li().get("/api/v1/alerts/" + alertId).statusCode(),
                        "li is not routed the alert (escalation comes only when overdue)");

                // The site changes: routes of the alert raised before stay; li now sees the site.
                HttpResponse<String> edited = send("PUT", "/api/v1/admin/sites/east-pit",
                        "{\"lat\":30.6,\"lon\":114.4,\"officials\":[\"li\"]}");
                assertEquals(200, edited.statusCode(), edited.body());
                assertEquals(List.of("wang"), routed(JSON.readTree(get(admin, "/api/v1/alerts/" + alertId))));
                assertEquals(List.of("east-pit"), siteIds(li()));
                assertEquals(List.of(), siteIds(wang));

                // Removing the official: session ended, sign-in and broker login refused, connection closed.
                HttpResponse<String> removed = send("DELETE", "/api/v1/admin/officials/wang", null);
                assertEquals(204, removed.statusCode(), removed.body());
                assertEquals(401, wang.get("/api/v1/alerts").statusCode(), "the removed official's session lives on");
                assertEquals(401, ApiClient.login(HTTP, base, "wang", WANG_SECRET).statusCode());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (wangMqtt.isConnected() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertFalse(wangMqtt.isConnected(), "the removed official's MQTT connection stays open");
                MqttException refused = assertThrows(MqttException.class, () -> mqtt(app, "wang", WANG_SECRET));
                assertTrue(refused.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                        || refused.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, refused.toString());
                wangMqtt.close();
                // Still shown in the alert's routes (its history), never again signed in.
                assertEquals(List.of("wang"), routed(JSON.readTree(get(admin, "/api/v1/alerts/" + alertId))));

                // Townships: a team added live reaches the site's officials' view; a bad one is refused.
                HttpResponse<String> badTown = send("POST", "/api/v1/admin/townships",
                        "{\"id\":\"east-town\",\"team\":[\"nobody\"]}");
                assertEquals(400, badTown.statusCode(), badTown.body());
                assertTrue(JSON.readTree(badTown.body()).get("error").asText().startsWith("township: line 1: team"),
                        badTown.body());
                assertEquals(201, send("POST", "/api/v1/admin/officials",
                        "{\"id\":\"zhao\",\"secret\":\"" + LI_SECRET + "\"}").statusCode());
                ApiClient zhao = ApiClient.signIn(HTTP, base, "zhao", LI_SECRET);
                assertEquals(List.of(), siteIds(zhao));
                HttpResponse<String> town = send("POST", "/api/v1/admin/townships",
                        "{\"id\":\"east-town\",\"team\":[\"zhao\"],\"authority\":[]}");
                assertEquals(201, town.statusCode(), town.body());
                assertEquals(200, send("PUT", "/api/v1/admin/sites/east-pit",
                        "{\"lat\":30.6,\"lon\":114.4,\"township\":\"east-town\",\"officials\":[\"li\"]}")
                        .statusCode());
                assertEquals(List.of("east-pit"), siteIds(zhao));
                assertEquals(409, send("DELETE", "/api/v1/admin/officials/zhao", null).statusCode());
                assertEquals(204, send("DELETE", "/api/v1/admin/townships/east-town", null).statusCode());
                assertEquals(List.of(), siteIds(zhao));
                assertEquals(404, send("PUT", "/api/v1/admin/townships/east-town", "{}").statusCode());
                assertEquals(409, send("PUT", "/api/v1/admin/townships/river-town", "{}").statusCode(),
                        "a YAML township is read-only");
            }
            // After a restart the registry's officials and site route and sign in as before the restart.
            try (Application app = Application.start(cfg, MODEL)) {
                base = "http://127.0.0.1:" + app.httpPort();
                assertEquals(401, ApiClient.login(HTTP, base, "wang", WANG_SECRET).statusCode());
                assertEquals(List.of("east-pit"), siteIds(li()));
            }
        }
    }

    /** Signs in as li (the second registry official). */
    private ApiClient li() throws Exception {
        return ApiClient.signIn(HTTP, base, "li", LI_SECRET);
    }

    private static MqttClient mqtt(Application app, String user, String secret) throws MqttException {
        MqttClient c = new MqttClient(app.mqttUrl(), user + ".test", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(secret.toCharArray());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        c.connect(o);
        return c;
    }

    private static List<String> routed(JsonNode detail) {
        List<String> out = new ArrayList<>();
        detail.get("routes").forEach(r -> out.add(r.get("official").asText()));
        return out;
    }

    private static List<String> siteIds(ApiClient client) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(get(client, "/api/v1/sites")).get("sites").forEach(s -> out.add(s.get("id").asText()));
        return out;
    }

    private JsonNode waitForAlert(String camera, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (JsonNode a : JSON.readTree(get(admin, "/api/v1/alerts?camera=" + camera)).get("alerts")) {
                if (a.path("category").asText().equals("heavy_vehicle")) {
                    return a;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no heavy-vehicle alert from " + camera + " within " + seconds + " s");
    }

    private static String get(ApiClient client, String path) throws Exception {
        HttpResponse<byte[]> r = client.get(path);
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = admin.request(path).header("X-CSRF-Token", admin.csrf());
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
