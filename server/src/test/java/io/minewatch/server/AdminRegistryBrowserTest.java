package io.minewatch.server;

import static io.minewatch.server.TestSite.JSON;
import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.server.web.Browser;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.RtspServerProcess;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin page against the real server and the GStreamer RTSP server (with Digest auth): an admin
 * registers a camera through the page — a bad URL and a wrong password each show their error and change
 * nothing; the right one shows the probe's result and snapshot; a road zone drawn on it; saved — the
 * camera is online within 10 s and its heavy-vehicle alert appears on the command page, while the YAML
 * camera keeps decoding; after a restart the camera and its zone are still there.
 */
class AdminRegistryBrowserTest {
    private static final String CAM_USER = "viewer";
    private static final String CAM_PASS = "Br0wser-cam-pw";
    private static final String ADMIN_PASS = "admin-Browser-pw";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anAdminRegistersACameraThroughThePage() throws Exception {
        assumeTrue(Browser.available(), "Chromium and chromedriver are needed");
        Path h264 = RtspFootage.h264(dir);
        try (RtspServerProcess rtsp = RtspServerProcess.start(List.of("--user", CAM_USER, "--password", CAM_PASS),
                "yaml=" + h264, "reg=" + h264)) {
            int port = rtsp.port();
            Path config = dir.resolve("site.yaml");
            Files.writeString(config, """
                    sites:
                      - {id: river-north, name: 北河, lat: 30.59, lon: 114.30}
                    cameras:
                      - {id: yaml-1, site: river-north, fps: 2, detect: "rtsp://%s:${CAM_PASS}@127.0.0.1:%d/yaml"}
                    users:
                      - {id: admin, name: 管理员, role: admin, password: "${ADMIN_PASS}"}
                    mqtt:
                      embedded_port: %d
                      topic_prefix: %s
                    storage:
                      dir: data
                    http:
                      port: 0
                    """.formatted(CAM_USER, port, FreePorts.freePort(), FreePorts.topicPrefix()));
            MinewatchConfig cfg = ConfigLoader.load(config, Map.of("CAM_PASS", CAM_PASS, "ADMIN_PASS", ADMIN_PASS));
            try (Application app = Application.start(cfg, MODEL); Browser b = Browser.start(1366, 1000)) {
                String base = "http://127.0.0.1:" + app.httpPort();
                ApiClient api = ApiClient.signIn(HTTP, base, "admin", ADMIN_PASS);
                b.open(base + "/");
                signIn(b);
                b.waitVisible(Browser.byTest("nav-admin")).click();
                b.waitFor("the YAML camera listed read-only", d -> !d.findElements(
                        By.cssSelector("[data-test=camera-row][data-id=yaml-1][data-source=yaml]")).isEmpty());
                Counter frames = app.registry().get("detect.frames.decoded").tag("camera", "yaml-1").counter();

                b.find(Browser.byTest("camera-add")).click();
                type(b, "cam-id", "reg-1");
                new Select(b.find(Browser.byTest("cam-site"))).selectByValue("river-north");
                type(b, "cam-url", "rtsp://127.0.0.1:" + FreePorts.freePort() + "/reg");
                b.find(Browser.byTest("probe")).click();
                String unreachable = b.waitVisible(Browser.byTest("probe-error")).getText();
                assertTrue(unreachable.contains("connection refused"), unreachable);
                b.screenshot("admin-probe-unreachable");

                type(b, "cam-url", "rtsp://127.0.0.1:" + port + "/reg");
                type(b, "cam-user", CAM_USER);
                type(b, "cam-password", "not-the-password");
                b.find(Browser.byTest("probe")).click();
                b.waitFor("the refused credentials shown", d -> d.findElement(Browser.byTest("probe-error")).getText()
                        .contains("refused the user name and password"));
                b.screenshot("admin-probe-refused");
                b.find(Browser.byTest("camera-save")).click();
                b.waitFor("saving without a good probe refused", d -> d.findElement(Browser.byTest("camera-error"))
                        .isDisplayed());
                assertEquals(List.of("yaml-1"), cameraIds(api), "a failed probe changed the cameras");

                type(b, "cam-password", CAM_PASS);
                b.find(Browser.byTest("probe")).click();
                String result = b.waitVisible(Browser.byTest("probe-result")).getText();
                assertTrue(result.startsWith("H264 · "), result);
                b.waitFor("the snapshot loaded", d -> ((Number) b.script(
                        "return document.querySelector('[data-test=zone-snapshot]').naturalWidth")).intValue() > 0);

                new Select(b.find(Browser.byTest("zone-kind"))).selectByValue("road");
                WebElement svg = b.find(Browser.byTest("zone-svg"));
                b.script("arguments[0].scrollIntoView({block: 'center'})", svg);
                int w = svg.getRect().getWidth();
                int h = svg.getRect().getHeight();
                double[][] corners = {{0.02, 0.35}, {0.98, 0.35}, {0.98, 0.98}, {0.02, 0.98}};
                for (double[] c : corners) {
                    new Actions(b.driver()).moveToElement(svg, (int) ((c[0] - 0.5) * w), (int) ((c[1] - 0.5) * h))
                            .click().perform();
                }
                b.find(Browser.byTest("zone-close")).click();
                b.waitFor("the road zone drawn", d -> d.findElements(
                        By.cssSelector("[data-test=zone-polygon][data-kind=road]")).size() == 1);
                b.find(Browser.byTest("rule-add")).click();
                b.find(By.cssSelector("[data-test=rule-row] [data-test=rule-zones]")).sendKeys("road-1");
                b.screenshot("admin-zone-drawn");

                double before = frames.count();
                long saved = System.nanoTime();
                b.find(Browser.byTest("camera-save")).click();
                b.waitFor("the registered camera listed", d -> !d.findElements(
                        By.cssSelector("[data-test=camera-row][data-id=reg-1][data-source=registry]")).isEmpty());
                waitOnline(api, "reg-1", saved);
                JsonNode zone = JSON.readTree(body(api, "/api/v1/admin/cameras/reg-1")).at("/entry/detection/zones/0");
                assertEquals("road", zone.get("kind").asText());
                for (JsonNode p : zone.get("points")) {
                    assertTrue(p.get(0).asDouble() >= 0 && p.get(0).asDouble() <= 1 && p.get(1).asDouble() >= 0.3,
                            "points in the frame's shares where drawn: " + zone);
                }
                b.screenshot("admin-camera-saved");

                // The heavy-vehicle alert of the new camera: in the API, then on the command page.
                long alertDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                boolean alerted = false;
                while (!alerted && System.nanoTime() < alertDeadline) {
                    for (JsonNode a : JSON.readTree(body(api, "/api/v1/alerts?camera=reg-1")).get("alerts")) {
                        alerted |= a.path("category").asText().equals("heavy_vehicle");
                    }
                    Thread.sleep(300);
                }
                assertTrue(alerted, "no heavy-vehicle alert from reg-1 within 60 s of saving");
                b.open(base + "/");
                b.waitFor(Duration.ofSeconds(20), "the alert of reg-1 on the command page", d ->
                        d.findElements(Browser.byTest("alert-row")).stream().anyMatch(r -> r.getText().contains("reg-1")));
                b.screenshot("admin-command-alert");
                assertTrue(frames.count() > before + 10, "the YAML camera kept decoding: " + before + " -> "
                        + frames.count());
                assertEquals(0.0, app.registry().get("ingest.reconnects").tag("camera", "yaml-1").counter().count());
            }
            try (Application app = Application.start(cfg, MODEL); Browser b = Browser.start(1366, 1000)) {
                String base = "http://127.0.0.1:" + app.httpPort();
                b.open(base + "/admin/");
                signIn(b);
                b.waitFor("the registered camera still there after a restart", d -> d.findElements(By.cssSelector(
                        "[data-test=camera-row][data-id=reg-1][data-source=registry]")).stream()
                        .anyMatch(r -> r.getText().contains("1")));
                b.find(By.cssSelector("[data-test=camera-edit][data-id=reg-1]")).click();
                b.waitFor("its road zone drawn again", d -> d.findElements(
                        By.cssSelector("[data-test=zone-polygon][data-kind=road]")).size() == 1);
                b.screenshot("admin-after-restart");
                waitOnline(ApiClient.signIn(HTTP, base, "admin", ADMIN_PASS), "reg-1", System.nanoTime()
                        + Duration.ofSeconds(20).toNanos());
            }
        }
    }

    private static void signIn(Browser b) {
        b.waitVisible(Browser.byTest("sign-in-user")).sendKeys("admin");
        b.find(Browser.byTest("sign-in-password")).sendKeys(ADMIN_PASS);
        b.find(Browser.byTest("sign-in-submit")).click();
    }

    private static void type(Browser b, String test, String text) {
        WebElement e = b.find(Browser.byTest(test));
        e.clear();
        e.sendKeys(text);
    }

    private static String body(ApiClient api, String path) throws Exception {
        var r = api.get(path);
        assertEquals(200, r.statusCode(), path);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static List<String> cameraIds(ApiClient api) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(body(api, "/api/v1/cameras")).get("cameras").forEach(c -> out.add(c.get("id").asText()));
        return out;
    }

    /** Online with a frame within 10 s of {@code since} (System.nanoTime()). */
    private static void waitOnline(ApiClient api, String camera, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = body(api, "/api/v1/cameras");
            for (JsonNode c : JSON.readTree(last).get("cameras")) {
                if (c.get("id").asText().equals(camera) && c.get("status").asText().equals("online")
                        && !c.get("last_frame_at").isNull()) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(camera + " not online within 10 s: " + last);
    }
}
