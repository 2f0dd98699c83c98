package io.minewatch.server;

import static io.minewatch.server.TestSite.JSON;
import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.RtspServerProcess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registration without restart, end to end against the real server and the GStreamer RTSP server
 * (Digest/Basic auth): the probe's answer and each of its errors; an admin adds a camera with a road zone
 * (only it starts; online within 10 s; its heavy-vehicle alert arrives), changes it (only it restarts),
 * a bad field is refused with the loader's message and changes nothing, removes it (it stops, its alerts
 * stay) — while the YAML camera's frame counter keeps rising with no stall and no reconnect; the
 * registry survives a restart; no credential reaches an answer, the audit trail or the database.
 */
class RegistryLiveTest {
    private static final String CAM_USER = "viewer";
    private static final String CAM_PASS = "Ca-m3ra-Pa55";
    private static final String ADMIN_PASS = "admin-Pa55-word";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private String base;
    private ApiClient admin;

    @Test
    void anAdminRegistersChangesAndRemovesACameraWhileTheOthersRun() throws Exception {
        Path h264 = RtspFootage.h264(dir);
        try (RtspServerProcess rtsp = RtspServerProcess.start(List.of("--user", CAM_USER, "--password", CAM_PASS),
                "yaml=" + h264, "reg=" + h264, "mj=@mjpeg", "au=@audio")) {
            int port = rtsp.port();
            Path config = dir.resolve("site.yaml");
            Files.writeString(config, """
                    sites:
                      - {id: river-north, lat: 30.59, lon: 114.30}
                    cameras:
                      - id: yaml-1
                        site: river-north
                        detect: "rtsp://%s:${CAM_PASS}@127.0.0.1:%d/yaml"
                        fps: 2
                    users:
                      - {id: admin, role: admin, password: "${ADMIN_PASS}"}
                      - {id: ana, role: analyst, password: "${ADMIN_PASS}"}
                      - {id: cc, role: command, password: "${ADMIN_PASS}"}
                    mqtt:
                      embedded_port: %d
                      topic_prefix: %s
                    storage:
                      dir: data
                    http:
                      port: 0
                    """.formatted(CAM_USER, port, FreePorts.freePort(), FreePorts.topicPrefix()));
            Map<String, String> env = Map.of("CAM_PASS", CAM_PASS, "ADMIN_PASS", ADMIN_PASS);
            MinewatchConfig cfg = ConfigLoader.load(config, env);
            try (Application app = Application.start(cfg, MODEL)) {
                base = "http://127.0.0.1:" + app.httpPort();
                admin = ApiClient.signIn(HTTP, base, "admin", ADMIN_PASS);
                Counter frames = waitForFrames(app, "yaml-1");

                // Only admins: analysts and the command centre are refused every registry route and the probe.
                for (String user : List.of("ana", "cc")) {
                    ApiClient other = ApiClient.signIn(HTTP, base, user, ADMIN_PASS);
                    for (String[] call : new String[][] {{"GET", "/api/v1/admin/cameras"},
                            {"POST", "/api/v1/admin/cameras"}, {"POST", "/api/v1/cameras/probe"},
                            {"DELETE", "/api/v1/admin/cameras/yaml-1"}, {"GET", "/api/v1/admin/officials"}}) {
                        HttpResponse<String> r = HTTP.send(other.request(call[1]).header("X-CSRF-Token", other.csrf())
                                .header("Content-Type", "application/json").method(call[0],
                                        HttpRequest.BodyPublishers.ofString("{\"url\":\"rtsp://127.0.0.1:"
                                                + port + "/reg\"}")).build(), HttpResponse.BodyHandlers.ofString());
                        assertEquals(403, r.statusCode(), user + " " + call[0] + " " + call[1] + ": " + r.body());
                    }
                }

                // The probe: what the camera sends, and each error apart.
                JsonNode ok = probe("rtsp://127.0.0.1:" + port + "/reg", CAM_USER, CAM_PASS, 200);
                assertEquals("h264", ok.get("codec").asText());
                assertTrue(ok.get("auth").asBoolean());
                BufferedImage snap = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                        ok.get("snapshot").asText().substring("data:image/jpeg;base64,".length()))));
                assertEquals(ok.get("width").asInt(), snap.getWidth());
                assertTrue(snap.getWidth() > 100 && snap.getHeight() > 100, ok.toString());
                assertTrue(ok.get("fps").asDouble() > 0, ok.toString());
                assertEquals("credentials_refused", probe("rtsp://127.0.0.1:" + port + "/reg", CAM_USER, "wrong-pw",
                        422).get("reason").asText());
                assertEquals("credentials_needed", probe("rtsp://127.0.0.1:" + port + "/reg", null, null, 422)
                        .get("reason").asText());
                assertEquals("unreachable", probe("rtsp://127.0.0.1:" + FreePorts.freePort() + "/reg", CAM_USER,
                        CAM_PASS, 422).get("reason").asText());
                JsonNode mjpeg = probe("rtsp://127.0.0.1:" + port + "/mj", CAM_USER, CAM_PASS, 422);
                assertEquals("unsupported_codec", mjpeg.get("reason").asText(), mjpeg.toString());
                assertEquals("no_video", probe("rtsp://127.0.0.1:" + port + "/au", CAM_USER, CAM_PASS, 422)
                        .get("reason").asText());

                // Watch the YAML camera from here on: frames keep coming, it never reconnects.
                Watch watch = new Watch(app, frames);
                watch.start();

                String road = """
                        {"id":"reg-1","site":"river-north","detect":"rtsp://127.0.0.1:%d/reg","fps":5,
                         "username":"%s","password":"%s",
                         "detection":{"zones":[{"name":"road-1","kind":"road",
                           "points":[[0.0,0.3],[1.0,0.3],[1.0,1.0],[0.0,1.0]]}],
                          "rules":[{"type":"heavy_vehicle_in_zone","zones":["road-1"]}]}}
                        """.formatted(port, CAM_USER, CAM_PASS);
                HttpResponse<String> added = send("POST", "/api/v1/admin/cameras", road);
                assertEquals(201, added.statusCode(), added.body());
                assertTrue(JSON.readTree(added.body()).get("credentials").asBoolean());
                long addedAt = System.nanoTime();
                waitOnline("reg-1", 10);
                assertTrue(System.nanoTime() - addedAt < TimeUnit.SECONDS.toNanos(10));
                JsonNode alert = waitForAlert("reg-1", 90);
                assertEquals("heavy_vehicle", alert.path("category").asText(), alert.toString());

                // A bad field: the loader's message; nothing changes.
                HttpResponse<String> bad = send("POST", "/api/v1/admin/cameras",
                        "{\"id\":\"reg-2\",\"site\":\"river-north\",\"detect\":\"rtsp://127.0.0.1:1/x\",\"fps\":99}");
                assertEquals(400, bad.statusCode());
                assertEquals("camera: line 1: fps: fps must be > 0 and <= 60, got \"99\"",
                        JSON.readTree(bad.body()).get("error").asText());
                HttpResponse<String> yamlEdit = send("PUT", "/api/v1/admin/cameras/yaml-1",
                        "{\"site\":\"river-north\",\"detect\":\"rtsp://127.0.0.1:1/x\"}");
                assertEquals(409, yamlEdit.statusCode(), yamlEdit.body());
                assertEquals(List.of("yaml-1", "reg-1"), cameraIds());

                // An edit restarts only that camera (password kept without retyping it).
                HttpResponse<String> edited = send("PUT", "/api/v1/admin/cameras/reg-1", road.replace(
                        ",\"username\":\"" + CAM_USER + "\",\"password\":\"" + CAM_PASS + "\"", "")
                        .replace("\"username\":\"" + CAM_USER + "\",\"password\":\"" + CAM_PASS + "\",", "")
                        .replace("\"fps\":5", "\"fps\":4"));
                assertEquals(200, edited.statusCode(), edited.body());
                assertEquals(4.0, app.liveCameras().config().cameras().get(1).fps());
                waitOnline("reg-1", 10);

                // Removing stops it; its alerts stay.
                HttpResponse<String> removed = send("DELETE", "/api/v1/admin/cameras/reg-1", null);
                assertEquals(204, removed.statusCode(), removed.body());
                assertEquals(List.of("yaml-1"), cameraIds());
                assertTrue(JSON.readTree(get("/api/v1/alerts?camera=reg-1")).get("alerts").size() > 0);

                watch.stopWatching();
                assertEquals(0.0, app.registry().get("ingest.reconnects").tag("camera", "yaml-1").counter().count(),
                        "the YAML camera reconnected");
                assertTrue(watch.longestStallMs.get() < 3000, "the YAML camera's frames stalled "
                        + watch.longestStallMs.get() + " ms");
                assertFalse(watch.sawOffline.get(), "the YAML camera went offline");

                // Registered again, to survive the restart.
                assertEquals(201, send("POST", "/api/v1/admin/cameras", road.replace("reg-1", "reg-3")).statusCode());
            }
            try (Application app = Application.start(cfg, MODEL)) {
                base = "http://127.0.0.1:" + app.httpPort();
                admin = ApiClient.signIn(HTTP, base, "admin", ADMIN_PASS);
                assertEquals(List.of("yaml-1", "reg-3"), cameraIds());
                JsonNode stored = JSON.readTree(get("/api/v1/admin/cameras/reg-3"));
                assertEquals("road", stored.at("/entry/detection/zones/0/kind").asText(), stored.toString());
                waitOnline("reg-3", 30);
            }
        }
        assertNoSecretAnywhere();
    }

    /** The camera password is in no log line of the storage, audit entry, or database row. */
    private void assertNoSecretAnywhere() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir.resolve("data"))) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".mp4")
                    && !p.toString().endsWith(".jpg")).toList();
        }
        boolean sawAudit = false;
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(CAM_PASS), "camera password in " + f);
            sawAudit |= text.contains("registry_camera_added") && text.contains("registry_camera_removed");
        }
        assertTrue(sawAudit, "no audit entries of the registry changes in " + files);
    }

    private static Counter waitForFrames(Application app, String camera) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Counter c = app.registry().find("detect.frames.decoded").tag("camera", camera).counter();
            if (c != null && c.count() > 10) {
                return c;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("camera " + camera + " decoded no frames in 60 s");
    }

    /** Samples the YAML camera's decoded-frame counter and status every 100 ms. */
    private final class Watch extends Thread {
        final AtomicLong longestStallMs = new AtomicLong();
        final AtomicBoolean sawOffline = new AtomicBoolean();
        private final Application app;
        private final Counter frames;
        private volatile boolean running = true;

        Watch(Application app, Counter frames) {
            super("watch-yaml-1");
            this.app = app;
            this.frames = frames;
            setDaemon(true);
        }

        @Override
        public void run() {
            double last = frames.count();
            long lastChange = System.nanoTime();
            while (running) {
                double now = frames.count();
                long t = System.nanoTime();
                if (now > last) {
                    last = now;
                    lastChange = t;
                }
                longestStallMs.accumulateAndGet((t - lastChange) / 1_000_000, Math::max);
                for (JsonNode c : app.cameraBoard().cameras(s -> true).get("cameras")) {
                    if (c.get("id").asText().equals("yaml-1") && c.get("status").asText().equals("offline")) {
                        sawOffline.set(true);
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopWatching() throws InterruptedException {
            running = false;
            join(5000);
        }
    }

    private JsonNode probe(String url, String user, String pass, int status) throws Exception {
        var body = JSON.createObjectNode().put("url", url);
        if (user != null) {
            body.put("username", user).put("password", pass);
        }
        HttpResponse<String> r = send("POST", "/api/v1/cameras/probe", body.toString());
        assertEquals(status, r.statusCode(), url + ": " + r.body());
        assertFalse(r.body().contains(CAM_PASS) || r.body().contains("wrong-pw"), r.body());
        return JSON.readTree(r.body());
    }

    private List<String> cameraIds() throws Exception {
        JsonNode list = JSON.readTree(get("/api/v1/cameras")).get("cameras");
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(c -> c.get("id").asText()).toList();
    }

    private void waitOnline(String camera, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = get("/api/v1/cameras");
            for (JsonNode c : JSON.readTree(last).get("cameras")) {
                if (c.get("id").asText().equals(camera) && c.get("status").asText().equals("online")
                        && !c.get("last_frame_at").isNull()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(camera + " not online with frames within " + seconds + " s: " + last);
    }

    private JsonNode waitForAlert(String camera, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonNode alerts = JSON.readTree(get("/api/v1/alerts?camera=" + camera)).get("alerts");
            for (JsonNode a : alerts) {
                if (a.path("category").asText().equals("heavy_vehicle")) {
                    return a;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no heavy-vehicle alert from " + camera + " within " + seconds + " s");
    }

    private String get(String path) throws Exception {
        HttpResponse<byte[]> r = admin.get(path);
        assertEquals(200, r.statusCode(), path);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = admin.request(path).header("X-CSRF-Token", admin.csrf());
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertNotNull(r);
        return r;
    }
}
