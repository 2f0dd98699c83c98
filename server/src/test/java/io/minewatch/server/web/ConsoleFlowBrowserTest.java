package io.minewatch.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages' own code in Chromium against {@link SpecApiSite}, a stand-in that answers as SPEC13
 * says: sign-in and CSRF, the live list with thumbnails and the emergency banner, the detail with its
 * box and the ack, live video by Media Source from a real H.264 clip cut by stream copy (and the
 * snapshot fallback), the map, and the phone page at 360×740 with its one-tap actions and its resume
 * by seq after the connection drops. The server's end-to-end tests drive the same pages on the real API.
 */
class ConsoleFlowBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Mp4Fragments video;
    private static byte[] jpeg;
    private SpecApiSite site;

    @BeforeAll
    static void fixtures() throws Exception {
        Path dir = Files.createDirectories(Paths.get("target", "console-fixtures"));
        Path source = SharedFiles.video(SharedFiles.HIGHWAY_720P);
        Path mp4 = dir.resolve("highway-fragmented.mp4");
        FfmpegCli.ffmpeg("-i", source.toString(), "-t", "20", "-an", "-c:v", "copy", "-f", "mp4",
                "-movflags", "empty_moov+default_base_moof", "-frag_duration", "1000000", mp4.toString());
        video = Mp4Fragments.read(mp4, 1000);
        Path jpg = dir.resolve("frame.jpg");
        FfmpegCli.ffmpeg("-ss", "3", "-i", source.toString(), "-frames:v", "1", "-vf", "scale=640:360", jpg.toString());
        jpeg = Files.readAllBytes(jpg);
    }

    @BeforeEach
    void start() throws Exception {
        site = null;
        start(null);
    }

    private void start(String mapTiles) throws Exception {
        if (site != null) {
            site.close();
        }
        site = new SpecApiSite(mapTiles, jpeg);
        site.user("zhang", "张指挥", "command", "pw-command");
        site.user("li", "李镇长", "official", "pw-li");
        site.user("wang", "王站长", "official", "pw-wang");
        site.camera(new SpecApiSite.Camera("cam-north", "north-pit", "online", "h264", video));
        site.camera(new SpecApiSite.Camera("cam-river", "river-yard", "online", "h265", null));
        site.alert(alert("a1", "cam-north", "north-pit", "heavy_vehicle", "tough", "重型车辆", 60), List.of("li"));
        site.alert(alert("a2", "cam-river", "river-yard", "night_dig", "quick", "夜间作业", 30), List.of("wang"));
    }

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    private static ObjectNode alert(String id, String camera, String site, String rule, String level, String label,
                                    int secondsAgo) {
        String at = Instant.now().minusSeconds(secondsAgo).toString();
        ObjectNode a = JSON.createObjectNode().put("id", id).put("camera", camera).put("site", site).put("rule", rule)
                .put("level", level).put("state", "open").put("ended", false).put("created_at", at)
                .put("updated_at", at).put("category", "vehicle").put("label", label).put("score", 0.87);
        a.putArray("box_norm").add(0.30).add(0.40).add(0.62).add(0.85);
        a.putNull("clip");
        return a;
    }

    private static void signIn(Browser b, String user, String password) {
        b.waitVisible(Browser.byTest("sign-in-user")).sendKeys(user);
        b.find(Browser.byTest("sign-in-password")).sendKeys(password);
        b.find(Browser.byTest("sign-in-submit")).click();
    }

    private static By row(String id) {
        return By.cssSelector("[data-test=alert-row][data-alert-id=\"" + id + "\"]");
    }

    /** Whether the image the selector finds (now: lists re-render on live updates) has loaded. */
    private static boolean imageLoaded(Browser b, By img) {
        List<WebElement> found = b.findAll(img);
        return !found.isEmpty() && Boolean.TRUE.equals(
                b.script("return arguments[0].complete && arguments[0].naturalWidth > 0;", found.get(0)));
    }

    private static double contrast(Browser b, WebElement media) {
        return ((Number) b.script("const v = arguments[0], c = document.createElement('canvas'); c.width = 64; c.height = 36;"
                + "const g = c.getContext('2d'); g.drawImage(v, 0, 0, 64, 36); const d = g.getImageData(0, 0, 64, 36).data;"
                + "let lo = 255, hi = 0; for (let i = 0; i < d.length; i += 4) { const y = (d[i] + d[i + 1] + d[i + 2]) / 3;"
                + " lo = Math.min(lo, y); hi = Math.max(hi, y); } return hi - lo;", media)).doubleValue();
    }

    private static void noHorizontalScroll(Browser b) {
        Map<String, Number> w = b.widths();
        assertTrue(w.get("scrollWidth").intValue() <= w.get("clientWidth").intValue(), "horizontal scroll: " + w);
    }

    @Test
    void commandCentreListDetailAckVideoAndMap() {
        try (Browser b = Browser.start(1366, 900)) {
            b.open(site.base() + "/");
            signIn(b, "zhang", "pw-command");
            b.waitFor("both alerts listed", d -> d.findElements(Browser.byTest("alert-row")).size() == 2);
            b.waitFor("the live feed is up", d -> "live".equals(d.findElement(Browser.byTest("live-state")).getAttribute("data-state")));
            By thumb = By.cssSelector("[data-test=alert-row][data-alert-id=a1] [data-test=alert-thumb]");
            b.waitFor("thumbnail loaded", d -> imageLoaded(b, thumb));
            assertEquals("张指挥（指挥中心）", b.find(Browser.byTest("whoami")).getText());

            long published = System.nanoTime();
            site.alert(alert("a3", "cam-north", "north-pit", "heavy_vehicle", "emergency", "重型车辆", 0), List.of("li"));
            b.waitFor(Duration.ofSeconds(2), "the new alert listed within 2 s", d -> !d.findElements(row("a3")).isEmpty());
            long listedMs = (System.nanoTime() - published) / 1_000_000;
            WebElement banner = b.waitVisible(Browser.byTest("emergency-banner"));
            assertTrue(banner.getText().contains("cam-north"), banner.getText());
            assertEquals("a3", b.findAll(Browser.byTest("alert-row")).get(0).getAttribute("data-alert-id"), "newest first");
            assertEquals("emergency", b.find(row("a3")).getAttribute("data-level"));
            b.screenshot("flow-command-alerts");
            System.out.println("console: alert listed " + listedMs + " ms after publish (stand-in API)");

            b.find(Browser.byTest("emergency-dismiss")).click();
            WebElement detail = b.waitVisible(Browser.byTest("alert-detail"));
            b.waitFor("detail of a3", d -> "a3".equals(detail.getAttribute("data-alert-id")));
            b.waitVisible(Browser.byTest("detail-snapshot-box"));
            b.waitFor("snapshot loaded", d -> imageLoaded(b, Browser.byTest("detail-snapshot-img")));
            @SuppressWarnings("unchecked")
            List<Number> rects = (List<Number>) b.script("const i = document.querySelector('[data-test=detail-snapshot-img]')"
                    + ".getBoundingClientRect(), x = document.querySelector('[data-test=detail-snapshot-box]').getBoundingClientRect();"
                    + "return [x.left - i.left, x.top - i.top, x.width, x.height, i.width, i.height];");
            double w = rects.get(4).doubleValue();
            double h = rects.get(5).doubleValue();
            assertEquals(0.30 * w, rects.get(0).doubleValue(), 2.0, "box from box_norm x1: " + rects);
            assertEquals(0.40 * h, rects.get(1).doubleValue(), 2.0, "box from box_norm y1: " + rects);
            assertEquals((0.62 - 0.30) * w, rects.get(2).doubleValue(), 2.0, "box width: " + rects);
            assertEquals((0.85 - 0.40) * h, rects.get(3).doubleValue(), 2.0, "box height: " + rects);
            assertTrue(b.find(Browser.byTest("detail-routes")).getText().contains("李镇长"));

            new Select(b.find(Browser.byTest("ack-action"))).selectByValue("ack");
            b.find(Browser.byTest("ack-note")).sendKeys("派车查看");
            b.find(Browser.byTest("ack-submit")).click();
            b.waitFor("ack reached the API", d -> site.acks.contains("zhang a3 ack 派车查看"));
            b.waitFor("state shown", d -> "处置中".equals(d.findElement(Browser.byTest("detail-state")).getText()));
            b.waitFor("row state follows", d -> "acknowledged".equals(d.findElement(row("a3")).getAttribute("data-state")));
            b.screenshot("flow-command-detail");
            b.find(Browser.byTest("lang-switch")).click();
            b.waitFor("detail in English", d -> "Acknowledged".equals(d.findElement(Browser.byTest("detail-state")).getText()));
            b.waitFor("list in English", d -> "Emergency".equals(d.findElement(row("a3")).findElement(Browser.byTest("alert-level")).getText()));
            b.screenshot("flow-command-detail-en");
            b.find(Browser.byTest("lang-switch")).click();
            b.waitFor("back in Chinese", d -> "处置中".equals(d.findElement(Browser.byTest("detail-state")).getText()));

            b.find(Browser.byTest("tab-cameras")).click();
            b.waitFor("two cameras", d -> d.findElements(Browser.byTest("camera-tile")).size() == 2);
            b.find(By.cssSelector("[data-test=camera-tile][data-camera-id=cam-north]")).click();
            WebElement live = b.find(Browser.byTest("live-video"));
            b.waitFor(Duration.ofSeconds(20), "live video plays",
                    d -> ((Number) b.script("return arguments[0].currentTime;", live)).doubleValue() > 1.5);
            double contrast = contrast(b, live);
            assertTrue(contrast > 40, "a picture, not a blank frame: contrast " + contrast);
            b.screenshot("flow-command-video");

            b.find(By.cssSelector("[data-test=camera-tile][data-camera-id=cam-river]")).click();
            b.waitVisible(Browser.byTest("live-fallback"));
            b.waitFor("fallback snapshot", d -> imageLoaded(b, Browser.byTest("live-fallback")));
            assertEquals("fallback", b.find(Browser.byTest("video-viewer")).getAttribute("data-state"));
            assertFalse(live.isDisplayed());

            b.find(Browser.byTest("tab-map")).click();
            b.waitFor("two sites on the map", d -> d.findElements(Browser.byTest("map-site")).size() == 2);
            String north = b.find(By.cssSelector("[data-test=map-site][data-site-id=north-pit]")).getAttribute("class");
            assertTrue(north.contains("has-alerts"), north);
            b.screenshot("flow-command-map");

            assertEquals(List.of(), b.consoleErrors());
            b.find(Browser.byTest("sign-out")).click();
            b.waitVisible(Browser.byTest("sign-in-form"));
            assertEquals(List.of(), site.forbidden, "every state change carried the CSRF token");
        }
    }

    @Test
    void phoneShowsMyAlertsActsWithOneTapAndCatchesUpAfterADrop() {
        try (Browser b = Browser.start(360, 740)) {
            b.open(site.base() + "/m/");
            signIn(b, "li", "pw-li");
            b.waitFor("my alert listed", d -> !d.findElements(row("a1")).isEmpty());
            b.waitFor("the live feed is up", d -> "live".equals(d.findElement(Browser.byTest("live-state")).getAttribute("data-state")));
            assertEquals(1, b.findAll(Browser.byTest("alert-row")).size(), "only the alerts routed to me");
            noHorizontalScroll(b);
            b.screenshot("flow-phone-list");

            b.find(row("a1")).click();
            WebElement onMyWay = b.waitVisible(Browser.byTest("act-on_my_way"));
            assertTrue(onMyWay.getSize().getHeight() >= 48, "a thumb-sized button: " + onMyWay.getSize());
            b.waitVisible(Browser.byTest("detail-snapshot-img"));
            b.waitFor("snapshot loaded", d -> imageLoaded(b, Browser.byTest("detail-snapshot-img")));
            b.find(Browser.byTest("note")).sendKeys("十分钟到");
            noHorizontalScroll(b);
            b.screenshot("flow-phone-detail");
            onMyWay.click();
            b.waitFor("ack reached the API", d -> site.acks.contains("li a1 on_my_way 十分钟到"));
            b.waitFor("state shown", d -> "处置中".equals(d.findElement(Browser.byTest("detail-state")).getText()));

            b.find(Browser.byTest("back")).click();
            b.waitVisible(Browser.byTest("my-alerts"));
            int connects = site.liveConnects.size();
            site.dropLiveClients();
            b.waitFor("the page saw the drop", d -> !"live".equals(d.findElement(Browser.byTest("live-state")).getAttribute("data-state")));
            site.alert(alert("a4", "cam-north", "north-pit", "heavy_vehicle", "emergency", "重型车辆", 0), List.of("li"));
            site.alert(alert("a5", "cam-river", "river-yard", "night_dig", "quick", "夜间作业", 0), List.of("wang"));
            b.script("window.dispatchEvent(new Event('online'));");
            b.waitFor("missed alert caught up", d -> !d.findElements(row("a4")).isEmpty());
            b.waitFor("live again", d -> "live".equals(d.findElement(Browser.byTest("live-state")).getAttribute("data-state")));
            String after = site.liveConnects.get(site.liveConnects.size() - 1);
            assertTrue(site.liveConnects.size() > connects && !after.isEmpty(), "reconnected with after: " + site.liveConnects);
            assertEquals(1, b.findAll(row("a4")).size(), "caught up once");
            assertTrue(b.findAll(row("a5")).isEmpty(), "another official's alert never shows");
            assertEquals(2, b.findAll(Browser.byTest("alert-row")).size());
            noHorizontalScroll(b);
            b.screenshot("flow-phone-caught-up");
            assertEquals(List.of(), b.consoleErrors());
            assertEquals(List.of(), site.forbidden);
        }
    }

    @Test
    void mapTilesComeFromTheConfiguredHostAndNoOther() throws Exception {
        try (TileServer tiles = TileServer.start(); TileServer other = TileServer.start()) {
            start(tiles.base() + "/tiles/{z}/{x}/{y}.png");
            try (Browser b = Browser.start(1024, 700)) {
                b.open(site.base() + "/");
                signIn(b, "zhang", "pw-command");
                b.waitVisible(Browser.byTest("tab-map")).click();
                b.waitFor("two sites on the map", d -> d.findElements(Browser.byTest("map-site")).size() == 2);
                b.waitFor("tiles drawn", d -> !d.findElements(By.cssSelector(".map-tile")).isEmpty());
                b.waitFor("every tile loaded", d -> Boolean.TRUE.equals(b.script(
                        "return [...document.querySelectorAll('.map-tile')].every(i => i.complete && i.naturalWidth === 256);")));
                assertTrue(tiles.requests() > 0, "tiles were fetched from the tile host");
                b.screenshot("flow-command-map-tiles");
                assertEquals(List.of(), b.consoleErrors());

                // An image from a host the policy does not name is refused by the browser.
                b.script("const i = document.createElement('img'); i.id = 'stray'; i.src = arguments[0];"
                        + " document.body.append(i);", other.base() + "/tiles/1/1/1.png");
                b.waitFor("the browser reports the refusal", d -> b.consoleEntries().stream()
                        .anyMatch(e -> e.contains("Content Security Policy") && e.contains(other.base())));
                assertEquals(0, other.requests(), "the other host was never asked");
                assertEquals(0L, ((Number) b.script("return document.getElementById('stray').naturalWidth;")).longValue());
            }
        }
    }
}
