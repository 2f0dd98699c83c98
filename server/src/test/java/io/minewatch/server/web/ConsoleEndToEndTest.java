package io.minewatch.server.web;

import static io.minewatch.server.web.Pages.LIVE_RECORDER;
import static io.minewatch.server.web.Pages.ROW_CLOCK;
import static io.minewatch.server.web.Pages.attr;
import static io.minewatch.server.web.Pages.contrast;
import static io.minewatch.server.web.Pages.firstVideoMessage;
import static io.minewatch.server.web.Pages.imageLoaded;
import static io.minewatch.server.web.Pages.noHorizontalScroll;
import static io.minewatch.server.web.Pages.redAlong;
import static io.minewatch.server.web.Pages.row;
import static io.minewatch.server.web.Pages.rowIds;
import static io.minewatch.server.web.Pages.signIn;
import static io.minewatch.server.web.Pages.staleSnapshotBytes;
import static io.minewatch.server.web.Pages.waitLive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.alerts.query.AlertFilter;
import io.minewatch.config.ConfigLoader;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import io.minewatch.server.Application;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.RtspServerProcess;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console end to end in Debian's Chromium against the real server: {@link Application} with a
 * real config (a command user's password and the officials' secrets from the environment, the embedded
 * broker, two GStreamer RTSP cameras streaming the shared freeway footage, the real YOLOX model, a map
 * tile host), its real API, live feed, live video and pages; a Paho subscriber beside it on the alert
 * topics. One server for every case. Camera {@code overpass-1} (site north-pit) is routed to official
 * li-wei, camera {@code yard-1} (site east-yard) to official zhou, so each official has real alerts the
 * other must never see. (a) the footage's heavy-vehicle alert is listed within 2 s of its MQTT message,
 * thumbnail and snapshot loaded, box on the drawn box; (b) li-wei's phone at 360x740 lists only
 * li-wei's alerts, on_my_way with a note shows live on a command page; (c) offline, three alerts (sent
 * into the alerts desk as a camera's detect stage sends events) reach the phone once each on
 * reconnect with {@code after}; (d) map tiles only from the configured host; (e) the camera's live
 * video plays. Screenshots go to target/screenshots/e2e-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class ConsoleEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMAND_PASSWORD = "cmd-" + UUID.randomUUID();
    private static final String LI_SECRET = "li-" + UUID.randomUUID();
    private static final String ZHOU_SECRET = "zhou-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static RtspServerProcess rtsp;
    private static TileServer tiles;
    private static TileServer stranger;
    private static Application app;
    private static MqttClient mqtt;
    private static String prefix;
    private static String base;
    private static boolean camerasStarted;
    /** Alert messages the Paho subscriber received: topic, payload, receipt time (epoch ms). */
    private static final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String topic, JsonNode payload, long at) {
    }

    @BeforeAll
    static void startServer() throws Exception {
        Path footage = dir.resolve("freeway-h264.mp4");
        // The freeway clip (a tanker at ~1 s) as H.264 without B-frames, as a roadside camera sends it.
        FfmpegCli.ffmpeg("-i", SharedFiles.video(SharedFiles.HAAR).toString(), "-c:v", "libx264", "-preset", "veryfast",
                "-g", "15", "-bf", "0", "-an", footage.toString());
        rtsp = RtspServerProcess.start("overpass-1=" + footage, "yard-1=" + footage);
        tiles = TileServer.start();
        stranger = TileServer.start();
        prefix = FreePorts.topicPrefix();
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - id: north-pit
                    name: 北坑
                    township: Xinhe
                    lat: 30.59
                    lon: 114.30
                    officials: [li-wei]
                  - id: east-yard
                    name: 东堆场
                    township: Dongshan
                    lat: 30.61
                    lon: 114.36
                    officials: [zhou]
                cameras:
                  - id: overpass-1
                    site: north-pit
                    detect: rtsp://127.0.0.1:%1$d/overpass-1
                    fps: 5
                  - id: yard-1
                    site: east-yard
                    detect: rtsp://127.0.0.1:%1$d/yard-1
                    fps: 5
                officials:
                  - id: li-wei
                    name: 李伟
                    township: Xinhe
                    secret: ${E2E_SECRET_LI}
                  - id: zhou
                    name: 周强
                    township: Dongshan
                    secret: ${E2E_SECRET_ZHOU}
                users:
                  - id: zhang
                    name: 张指挥
                    role: command
                    password: ${E2E_PASSWORD_ZHANG}
                alerts:
                  levels:
                    heavy_vehicle: tough
                    dredging: emergency
                mqtt:
                  embedded_port: %2$d
                  anonymous: read
                  topic_prefix: %3$s
                storage:
                  dir: data
                http:
                  host: 127.0.0.1
                  port: 0
                  console:
                    map_tiles: %4$s/tiles/{z}/{x}/{y}.png
                    map_attribution: test tiles
                """.formatted(rtsp.port(), FreePorts.freePort(), prefix, tiles.base()));
        app = Application.create(ConfigLoader.load(config, Map.of("E2E_SECRET_LI", LI_SECRET, "E2E_SECRET_ZHOU",
                ZHOU_SECRET, "E2E_PASSWORD_ZHANG", COMMAND_PASSWORD)), SharedFiles.model("yolox-nano"));
        base = "http://127.0.0.1:" + app.httpPort();
        mqtt = new MqttClient(app.mqttUrl(), "e2e-" + UUID.randomUUID(), new MemoryPersistence());
        mqtt.connect(new MqttConnectOptions());
        mqtt.subscribe(prefix + "/alerts/#", 1, (topic, m) -> received.add(
                new Received(topic, JSON.readTree(m.getPayload()), System.currentTimeMillis())));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (mqtt != null) {
            mqtt.disconnect();
            mqtt.close();
        }
        if (app != null) {
            app.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {rtsp, tiles, stranger}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static synchronized void startCameras() {
        if (!camerasStarted) {
            app.startCameras();
            camerasStarted = true;
        }
    }

    /** The first new alert of this camera the subscriber received (waits for it). */
    private static Received newAlert(String camera, Predicate<JsonNode> what, Duration deadline) throws InterruptedException {
        return alertMessage(camera, "new", what, deadline);
    }

    /** The first alert message of this camera and event ({@code new}, {@code update}, ...) received (waits for it). */
    private static Received alertMessage(String camera, String event, Predicate<JsonNode> what, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            for (Received r : received) {
                if (r.topic().endsWith("/" + camera) && event.equals(r.payload().path("event").asText()) && what.test(r.payload())) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + event + " alert message of " + camera + " within " + deadline + ": " + received);
    }

    private static Received footageAlert(String camera) throws InterruptedException {
        startCameras();
        return newAlert(camera, p -> "heavy_vehicle".equals(p.path("category").asText()), Duration.ofSeconds(90));
    }

    private static Set<String> alertIdsOf(String official) {
        Set<String> ids = new HashSet<>();
        app.alertQueries().list(AlertFilter.ALL, official).get("alerts").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    @Test
    @Order(1)
    void aHeavyVehicleFromRealFootageIsListedWithinTwoSecondsOfItsMqttPublish() throws Exception {
        try (Browser b = Browser.start(1366, 900)) {
            b.open(base + "/");
            signIn(b, "zhang", COMMAND_PASSWORD);
            assertEquals("张指挥（指挥中心）", b.find(Browser.byTest("whoami")).getText());
            b.script(ROW_CLOCK);
            startCameras();
            Received alert = footageAlert("overpass-1");
            String id = alert.payload().get("id").asText();
            b.waitFor(Duration.ofSeconds(10), "row of " + id, d -> !d.findElements(row(id)).isEmpty());
            long listed = ((Number) b.script("return window.__rowSeen[arguments[0]];", id)).longValue();
            long lagMs = listed - alert.at();
            System.out.println("e2e: alert " + id + " listed " + lagMs + " ms after its MQTT message arrived");
            assertTrue(lagMs < 2000, "listed " + lagMs + " ms after the MQTT publish");
            By thumb = By.cssSelector("[data-test=alert-row][data-alert-id=\"" + id + "\"] [data-test=alert-thumb]");
            b.waitFor("thumbnail loaded", d -> imageLoaded(b, thumb));
            assertEquals("heavy_vehicle", alert.payload().get("rule").asText());
            assertEquals("tough", attr(b, row(id), "data-level"));
            b.waitFor("titled by its rule", d -> d.findElement(row(id)).getText().contains("重型车辆"));
            b.screenshot("e2e-command-alerts");

            // The detail: the stored snapshot, current, with the box the server drew.
            b.click(row(id));
            WebElement detail = b.waitVisible(Browser.byTest("alert-detail"));
            b.waitFor("detail of " + id, d -> id.equals(detail.getAttribute("data-alert-id")));
            b.waitFor("snapshot loaded", d -> imageLoaded(b, Browser.byTest("detail-snapshot-img")));
            // The page's box sits where box_norm says, and that is where the server drew the box into the
            // snapshot: the same sighting (it was once the latest frame's box over the best frame's picture).
            JsonNode box = app.alertQueries().detail(id, null).orElseThrow().get("box_norm");
            @SuppressWarnings("unchecked")
            List<Number> rects = (List<Number>) b.script("const i = document.querySelector('[data-test=detail-snapshot-img]')"
                    + ".getBoundingClientRect(), x = document.querySelector('[data-test=detail-snapshot-box]').getBoundingClientRect();"
                    + "return [x.left - i.left, x.top - i.top, x.width, x.height, i.width, i.height];");
            double w = rects.get(4).doubleValue();
            double h = rects.get(5).doubleValue();
            double x1 = box.get(0).asDouble();
            double y1 = box.get(1).asDouble();
            assertEquals(x1 * w, rects.get(0).doubleValue(), 2.0, "box x1 from box_norm " + box + ": " + rects);
            assertEquals(y1 * h, rects.get(1).doubleValue(), 2.0, "box y1: " + rects);
            assertEquals((box.get(2).asDouble() - x1) * w, rects.get(2).doubleValue(), 2.0, "box width: " + rects);
            assertEquals((box.get(3).asDouble() - y1) * h, rects.get(3).doubleValue(), 2.0, "box height: " + rects);
            double onRed = redAlong(b, box);
            assertTrue(onRed > 0.8, "box_norm " + box + " lies on the box drawn in the snapshot: " + onRed);
            assertEquals(0, staleSnapshotBytes(b, id), "the detail shows the alert's current snapshot");
            b.waitFor("routed to 李伟", d -> d.findElement(Browser.byTest("detail-routes")).getText().contains("李伟"));
            b.screenshot("e2e-command-detail");
            b.find(Browser.byTest("lang-switch")).click();
            b.waitFor("list in English", d -> "Serious".equals(d.findElement(row(id)).findElement(Browser.byTest("alert-level")).getText())
                    && d.findElement(row(id)).getText().contains("Heavy vehicle"));
            b.screenshot("e2e-command-detail-en");
            b.find(Browser.byTest("lang-switch")).click();
            b.waitFor("back in Chinese", d -> !"Serious".equals(d.findElement(row(id)).findElement(Browser.byTest("alert-level")).getText()));
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    @Order(2)
    void anOfficialSeesOnlyTheirAlertsAndTheirOnMyWayShowsLiveOnTheCommandPage() throws Exception {
        String mine = footageAlert("overpass-1").payload().get("id").asText();
        String theirs = footageAlert("yard-1").payload().get("id").asText();
        try (Browser phone = Browser.start(360, 740); Browser command = Browser.start(1366, 900)) {
            command.open(base + "/");
            signIn(command, "zhang", COMMAND_PASSWORD);
            command.waitFor("command sees both", d -> !d.findElements(row(mine)).isEmpty() && !d.findElements(row(theirs)).isEmpty());
            command.script("window.__sameDocument = 'yes';");
            String stateBefore = attr(command, row(mine), "data-state");

            phone.open(base + "/m/");
            signIn(phone, "li-wei", LI_SECRET);
            phone.waitFor("my alert listed", d -> !d.findElements(row(mine)).isEmpty());
            Set<String> liWei = alertIdsOf("li-wei");
            Set<String> zhou = alertIdsOf("zhou");
            assertTrue(zhou.contains(theirs) && !liWei.contains(theirs), "the config routes yard-1 to zhou only");
            phone.waitFor("exactly li-wei's alerts", d -> new HashSet<>(rowIds(phone)).equals(alertIdsOf("li-wei")));
            for (String id : rowIds(phone)) {
                assertFalse(zhou.contains(id), "zhou's alert " + id + " on li-wei's phone");
            }
            assertEquals(new HashSet<>(rowIds(phone)).size(), rowIds(phone).size(), "each alert once");
            noHorizontalScroll(phone);
            phone.screenshot("e2e-phone-list");

            phone.click(row(mine));
            WebElement onMyWay = phone.waitVisible(Browser.byTest("act-on_my_way"));
            assertTrue(onMyWay.getSize().getHeight() >= 48, "a thumb-sized button: " + onMyWay.getSize());
            phone.waitFor("snapshot loaded", d -> imageLoaded(phone, Browser.byTest("detail-snapshot-img")));
            assertEquals(0, staleSnapshotBytes(phone, mine), "the phone shows the alert's current snapshot");
            phone.find(Browser.byTest("note")).sendKeys("十分钟到");
            noHorizontalScroll(phone);
            phone.screenshot("e2e-phone-detail");
            long tapped = System.currentTimeMillis();
            onMyWay.click();
            phone.waitFor("state shown on the phone", d -> "acknowledged".equals(
                    d.findElement(Browser.byTest("phone-detail")).getAttribute("data-state")));
            WebElement toast = phone.waitVisible(Browser.byTest("toast"));
            assertTrue(toast.getSize().getHeight() < 48, "the confirmation fits on one line: " + toast.getSize());
            phone.screenshot("e2e-phone-acted");

            command.waitFor(Duration.ofSeconds(5), "the command page shows on_my_way live",
                    d -> "acknowledged".equals(d.findElement(row(mine)).getAttribute("data-state")));
            System.out.println("e2e: on_my_way shown on the command page " + (System.currentTimeMillis() - tapped)
                    + " ms after the tap (state before: " + stateBefore + ")");
            assertEquals("yes", command.script("return window.__sameDocument;"), "no reload");
            command.click(row(mine));
            command.waitFor("history has the note", d -> d.findElement(By.cssSelector("[data-test=detail-history]"))
                    .getText().contains("十分钟到"));
            command.screenshot("e2e-command-after-phone-ack");
            JsonNode detail = app.alertQueries().detail(mine, null).orElseThrow();
            assertTrue(detail.get("history").toString().contains("li-wei"), "the actor is li-wei: " + detail.get("history"));
            assertEquals(List.of(), phone.consoleErrors());
            assertEquals(List.of(), command.consoleErrors());
            // zhou's alert is out of reach of li-wei's page, also through the page's own API calls.
            assertEquals(404L, ((Number) phone.script("return fetch('/api/v1/alerts/' + arguments[0]).then(r => r.status);",
                    theirs)).longValue());
            // Nor may li-wei watch zhou's camera; their own one plays.
            assertEquals("error", firstVideoMessage(phone, "yard-1"), "another site's camera");
            assertEquals("init", firstVideoMessage(phone, "overpass-1"), "li-wei's own camera");
        }
    }

    @Test
    @Order(3)
    void aPhoneOfflineWhileThreeAlertsFireGetsEachOnceWhenBackOnline() throws Exception {
        footageAlert("overpass-1");
        Path snapshots = Files.createDirectories(dir.resolve("data/snapshots/e2e"));
        FfmpegCli.ffmpeg("-ss", "1", "-i", SharedFiles.video(SharedFiles.HAAR).toString(), "-frames:v", "1",
                snapshots.resolve("tanker.jpg").toString());
        FfmpegCli.ffmpeg("-ss", "3", "-i", SharedFiles.video(SharedFiles.HAAR).toString(), "-frames:v", "1",
                snapshots.resolve("later.jpg").toString());
        try (Browser phone = Browser.start(360, 740); Browser command = Browser.start(1280, 800)) {
            command.open(base + "/");
            signIn(command, "zhang", COMMAND_PASSWORD);
            phone.beforeEachPage(LIVE_RECORDER);
            phone.open(base + "/m/");
            signIn(phone, "li-wei", LI_SECRET);
            // Off the network (DevTools' "Offline"), and the open socket dropped (emulation keeps it open).
            phone.offline(true);
            phone.script("window.__liveSockets.forEach((s) => s.close());");
            phone.waitFor("the page lost its feed", d -> !"live".equals(
                    d.findElement(Browser.byTest("live-state")).getAttribute("data-state")));
            phone.waitFor("a reconnect failed while offline", d -> Boolean.TRUE.equals(phone.script(
                    "return window.__live.length >= 2 && window.__live.slice(1).some((r) => r.opened === null && r.closed !== null);")));
            long lastSeq = ((Number) phone.script("const all = window.__live.flatMap(r => r.msgs)"
                    + ".filter(m => typeof m.seq === 'number'); return all.length ? Math.max(...all.map(m => m.seq)) : -1;"))
                    .longValue();

            List<String> fired = new ArrayList<>();
            String[] rules = {"dredging", "night_dig", "excavation"};
            for (int i = 0; i < rules.length; i++) {
                fire(rules[i], "overpass-1", "north-pit", i);
            }
            fire("dredging", "yard-1", "east-yard", 9);
            for (String rule : rules) {
                fired.add(newAlert("overpass-1", p -> rule.equals(p.path("rule").asText()), Duration.ofSeconds(20))
                        .payload().get("id").asText());
            }
            String other = newAlert("yard-1", p -> "dredging".equals(p.path("rule").asText()), Duration.ofSeconds(20))
                    .payload().get("id").asText();
            assertTrue(fired.stream().allMatch(id -> rowIds(phone).stream().noneMatch(id::equals)), "offline, nothing arrived");
            phone.screenshot("e2e-phone-offline");

            // The command page, online all along, raised the emergency banner for the dredging alert.
            WebElement banner = command.waitVisible(Browser.byTest("emergency-banner"));
            command.waitFor("banner names the camera", d -> banner.getText().contains("overpass-1")
                    || banner.getText().contains("yard-1"));
            command.screenshot("e2e-command-emergency");
            command.click(Browser.byTest("emergency-dismiss"));
            WebElement detail = command.waitVisible(Browser.byTest("alert-detail"));
            String emergency = command.waitFor("an emergency detail", d -> detail.getAttribute("data-alert-id"));
            assertEquals("emergency", attr(command, row(emergency), "data-level"));
            new Select(command.waitVisible(Browser.byTest("ack-action"))).selectByValue("ack");
            command.find(Browser.byTest("ack-note")).sendKeys("派车查看");
            command.click(Browser.byTest("ack-submit"));
            command.waitFor("acknowledged from the command page", d -> "acknowledged".equals(
                    d.findElement(Browser.byTest("alert-detail")).getAttribute("data-state")));
            assertTrue(app.alertQueries().detail(emergency, null).orElseThrow().get("history").toString()
                    .contains("派车查看"), "the note is in the alert's history");
            command.screenshot("e2e-command-acked");
            assertEquals(List.of(), command.consoleErrors());

            phone.offline(false);
            phone.waitFor(Duration.ofSeconds(15), "the three caught up",
                    d -> new HashSet<>(rowIds(phone)).containsAll(fired));
            waitLive(phone);
            List<String> ids = rowIds(phone);
            for (String id : fired) {
                assertEquals(1, ids.stream().filter(id::equals).count(), "alert " + id + " listed once: " + ids);
            }
            assertFalse(ids.contains(other), "zhou's alert never on li-wei's phone");
            // On the wire: the page resumed after the last seq it had, and no message came twice.
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sockets = (List<Map<String, Object>>) phone.script("return window.__live;");
            Map<String, Object> resumed = sockets.get(sockets.size() - 1);
            assertTrue(String.valueOf(resumed.get("url")).endsWith("?after=" + lastSeq), "resumed with after: " + resumed.get("url"));
            List<Long> seqs = new ArrayList<>();
            Map<String, Integer> newAlerts = new java.util.HashMap<>();
            for (Map<String, Object> s : sockets) {
                for (Object o : (List<?>) s.get("msgs")) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    if (m.get("seq") instanceof Number n && !"live".equals(m.get("type")) && !"reset".equals(m.get("type"))) {
                        seqs.add(n.longValue());
                    }
                    if ("alert".equals(m.get("type")) && m.get("payload") instanceof Map<?, ?> p && "new".equals(p.get("event"))) {
                        newAlerts.merge(String.valueOf(p.get("id")), 1, Integer::sum);
                    }
                }
            }
            assertEquals(seqs.size(), new HashSet<>(seqs).size(), "a message received twice: " + seqs);
            for (String id : fired) {
                assertEquals(1, newAlerts.getOrDefault(id, 0), "the new-alert message of " + id + ": " + newAlerts);
            }
            assertFalse(newAlerts.containsKey(other), "zhou's alert reached li-wei's socket");
            noHorizontalScroll(phone);
            phone.screenshot("e2e-phone-caught-up");

            // A better sighting of an alert changes its snapshot: the open detail shows the new one.
            String updated = fired.get(0);
            phone.click(row(updated));
            phone.waitFor("snapshot loaded", d -> imageLoaded(phone, Browser.byTest("detail-snapshot-img")));
            assertEquals(0, staleSnapshotBytes(phone, updated));
            fire("dredging", "overpass-1", "north-pit", 0, 0.95f, "snapshots/e2e/later.jpg");
            alertMessage("overpass-1", "update", p -> updated.equals(p.path("id").asText()), Duration.ofSeconds(20));
            phone.waitFor(Duration.ofSeconds(5), "the phone shows the better sighting",
                    d -> imageLoaded(phone, Browser.byTest("detail-snapshot-img")) && staleSnapshotBytes(phone, updated) == 0);
            phone.screenshot("e2e-phone-updated-snapshot");
            assertEquals(List.of(), phone.consoleErrors().stream()
                    .filter(e -> !e.contains("ERR_INTERNET_DISCONNECTED")).toList());
        }
    }

    private static void fire(String rule, String camera, String site, long object) {
        fire(rule, camera, site, object, 0.8f, "snapshots/e2e/tanker.jpg");
    }

    /** A detection event into the running server's alerts desk (as a camera's detect stage sends it). */
    private static void fire(String rule, String camera, String site, long object, float score, String snapshot) {
        app.desk().onEvent(new DetectionEvent(rule, camera, site, 1000 + object, Instant.now(), 1.0, "heavy_vehicle",
                "truck", score, new Box(60, 80, 200, 180), 320, 240, snapshot));
    }

    @Test
    @Order(4)
    void theMapShowsTheSitesOnTilesFromTheConfiguredHostOnly() {
        try (Browser b = Browser.start(1024, 700)) {
            b.open(base + "/");
            signIn(b, "zhang", COMMAND_PASSWORD);
            b.find(Browser.byTest("tab-map")).click();
            b.waitFor("two sites on the map", d -> d.findElements(Browser.byTest("map-site")).size() == 2);
            b.waitFor("tiles drawn", d -> !d.findElements(By.cssSelector(".map-tile")).isEmpty());
            b.waitFor("every tile loaded", d -> Boolean.TRUE.equals(b.script(
                    "return [...document.querySelectorAll('.map-tile')].every(i => i.complete && i.naturalWidth === 256);")));
            assertTrue(tiles.requests() > 0, "tiles were fetched from the tile host");
            String north = attr(b, By.cssSelector("[data-test=map-site][data-site-id=north-pit]"), "class");
            assertTrue(north.contains("has-alerts"), "north-pit has open alerts: " + north);
            b.screenshot("e2e-command-map");
            assertEquals(List.of(), b.consoleErrors());

            // An image from a host the policy does not name is refused by the browser.
            b.script("const i = document.createElement('img'); i.id = 'stray'; i.src = arguments[0];"
                    + " document.body.append(i);", stranger.base() + "/tiles/1/1/1.png");
            b.waitFor("the browser reports the refusal", d -> b.consoleEntries().stream()
                    .anyMatch(e -> e.contains("Content Security Policy") && e.contains(stranger.base())));
            assertEquals(0, stranger.requests(), "the other host was never asked");
            assertEquals(0L, ((Number) b.script("return document.getElementById('stray').naturalWidth;")).longValue());
        }
    }

    @Test
    @Order(5)
    void liveVideoOfTheRtspCameraPlaysInTheCameraGrid() throws Exception {
        footageAlert("overpass-1");
        try (Browser b = Browser.start(1366, 900)) {
            b.open(base + "/");
            signIn(b, "zhang", COMMAND_PASSWORD);
            b.click(Browser.byTest("tab-cameras"));
            b.waitFor("both cameras online", d -> d.findElements(By.cssSelector("[data-test=camera-tile][data-status=online]")).size() == 2);
            b.screenshot("e2e-command-cameras");
            b.click(By.cssSelector("[data-test=camera-tile][data-camera-id=overpass-1]"));
            b.waitFor("the viewer plays", d -> "playing".equals(attr(b, Browser.byTest("video-viewer"), "data-state")));
            WebElement live = b.find(Browser.byTest("live-video"));
            double first = b.waitFor(Duration.ofSeconds(20), "the first picture", d -> {
                double t = ((Number) b.script("return arguments[0].readyState >= 2 ? arguments[0].currentTime : -1;", live)).doubleValue();
                return t >= 0 ? t : null;
            });
            b.waitFor(Duration.ofSeconds(20), "the video's time advances by 2 s",
                    d -> ((Number) b.script("return arguments[0].currentTime;", live)).doubleValue() > first + 2.0);
            double contrast = contrast(b, live);
            assertTrue(contrast > 40, "a picture, not a blank frame: contrast " + contrast);
            // The screenshot itself, not only the element: the frame is on screen.
            java.awt.image.BufferedImage shot = javax.imageio.ImageIO.read(b.screenshot("e2e-command-video").toFile());
            org.openqa.selenium.Rectangle r = live.getRect();
            double onScreen = contrast(shot, r.getX(), r.getY(), r.getWidth(), r.getHeight());
            assertTrue(onScreen > 40, "the screenshot shows a picture where the video is: contrast " + onScreen);
            assertTrue(live.isDisplayed());
            assertEquals(List.of(), b.consoleErrors());
        }
    }

}
