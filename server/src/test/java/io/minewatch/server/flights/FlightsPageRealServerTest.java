package io.minewatch.server.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.server.Application;
import io.minewatch.server.web.Browser;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The flights page against the real server, not stand-ins: a real {@link Application} (SQLite, embedded broker,
 * YOLOX-nano, no cameras) with site {@code pit} outlined by a {@code boundary} and an analyst. In Chromium the
 * analyst signs in on /flights/, uploads {@link FlightStack#footage()} and {@link FlightEndToEndTest#srt} through
 * the page's form (the page's tus client against the server's {@code /api/v1/uploads}, then
 * {@code POST /api/v1/flights}), waits until the list shows the flight done, opens its report: the map draws the
 * track, the pit's outline (its boundary polygon) and the two findings' markers; a marker's click loads its
 * snapshot; the report.geojson export fetched with the page's session has the two findings as Points.
 */
@Timeout(120)
class FlightsPageRealServerTest {
    private static final String ANA_PASS = "ana-Flights-pw-77";

    @TempDir
    Path dir;

    @Test
    void anAnalystUploadsAFlightThroughThePageAndReadsItsReport() throws Exception {
        long t0 = System.nanoTime();
        Path srt = FlightEndToEndTest.srt(Files.createDirectories(dir.resolve("srt")));
        Path video = FlightStack.footage();
        double lat = FlightStack.PIT_LAT;
        double lon = FlightStack.PIT_LON;
        // The pit: a 450 m x 390 m square around the track's first 3 s (the loader's first pass is inside it).
        String boundary = String.format(Locale.ROOT, "[[%.4f, %.4f], [%.4f, %.4f], [%.4f, %.4f], [%.4f, %.4f]]",
                lat - 0.002, lon - 0.002, lat + 0.002, lon - 0.002, lat + 0.002, lon + 0.002, lat - 0.002, lon + 0.002);
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - id: pit
                    name: 砂坑
                    township: Xinhe
                    lat: %s
                    lon: %s
                    officials: [li]
                    boundary: %s
                officials:
                  - id: li
                    name: 李
                    township: Xinhe
                    secret: li-secret-1234
                users:
                  - {id: ana, name: 分析员, role: analyst, password: "${ANA_PASS}"}
                flights:
                  detect_fps: 5
                  drones:
                    mavic3: {hfov_deg: 71, aspect: "16:9", default_gimbal_pitch_deg: -90}
                mqtt:
                  embedded_port: %d
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  host: 127.0.0.1
                  port: 0
                """.formatted(lat, lon, boundary, FreePorts.freePort(), FreePorts.topicPrefix()));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of("ANA_PASS", ANA_PASS));
        try (Application app = Application.create(cfg, SharedFiles.model("yolox-nano"));
             Browser b = Browser.start(1280, 900)) {
            long started = System.nanoTime();
            String base = "http://127.0.0.1:" + app.httpPort();
            b.open(base + "/flights/");
            b.waitVisible(Browser.byTest("sign-in-user")).sendKeys("ana");
            b.find(Browser.byTest("sign-in-password")).sendKeys(ANA_PASS);
            b.find(Browser.byTest("sign-in-submit")).click();
            b.waitVisible(Browser.byTest("app"));
            b.waitFor("the pit offered as a site", d -> !d.findElements(By.cssSelector("#up-site option[value=pit]")).isEmpty());

            long signedIn = System.nanoTime();
            // Upload through the form: video and SRT, the pit, the drone model; 1 MiB chunks (the page's
            // data-chunk-bytes), so the 7 MB video goes as 8 PATCHes, each continuing at the server's offset.
            b.script("document.getElementById('upload-form').dataset.chunkBytes = String(1 << 20);");
            b.find(Browser.byTest("up-video")).sendKeys(video.toString());
            b.find(Browser.byTest("up-srt")).sendKeys(srt.toString());
            b.find(Browser.byTest("up-name")).sendKeys("砂坑 巡查");
            new Select(b.find(Browser.byTest("up-site"))).selectByValue("pit");
            b.find(Browser.byTest("up-drone")).sendKeys("mavic3");
            b.find(Browser.byTest("up-submit")).click();
            By row = Browser.byTest("flight-row");
            String id = b.waitFor(Duration.ofSeconds(20), "the flight submitted and listed (or an upload error)", d -> {
                WebElement err = d.findElement(Browser.byTest("up-error"));
                if (err.isDisplayed()) {
                    throw new AssertionError("the page's upload failed: " + err.getText());
                }
                List<WebElement> rows = d.findElements(row);
                return rows.isEmpty() ? null : rows.get(0).getAttribute("data-flight-id");
            });
            long submitted = System.nanoTime();
            By mine = By.cssSelector("[data-test=flight-row][data-flight-id=\"" + id + "\"]");
            b.waitFor(Duration.ofSeconds(60), "the list shows the flight done", d -> {
                String state = d.findElement(mine).getAttribute("data-state");
                if (state.equals("failed") || state.equals("cancelled")) {
                    throw new AssertionError("flight " + id + " " + state + ": " + app.flights().status(id));
                }
                return state.equals("done");
            });
            double processing = (System.nanoTime() - submitted) / 1e9;
            assertEquals("已完成", b.find(mine).findElement(Browser.byTest("flight-state")).getText());
            assertEquals("2", b.find(mine).findElement(Browser.byTest("flight-findings")).getText());
            assertEquals("pit", app.flights().status(id).orElseThrow().site());
            // The submitted files moved into the flight's folder: nothing is left under incoming/.
            Path incoming = cfg.flights().dir().resolve("incoming");
            try (java.util.stream.Stream<Path> left = Files.exists(incoming) ? Files.list(incoming)
                    : java.util.stream.Stream.empty()) {
                assertEquals(List.of(), left.toList(), "left under incoming/");
            }

            // The report: track, the pit's outline, two markers.
            b.click(By.cssSelector("[data-flight-id=\"" + id + "\"] [data-test=flight-open]"));
            b.waitVisible(Browser.byTest("flight-map-svg"));
            assertEquals("砂坑 巡查", b.waitFor("the title", d -> d.findElement(Browser.byTest("report-title")).getText()));
            String[] track = b.find(Browser.byTest("map-track")).getAttribute("points").trim().split(" ");
            assertEquals(8, track.length, "the SRT's 8 positions drawn as the track");
            List<WebElement> drawnSites = b.findAll(Browser.byTest("map-site"));
            assertEquals(List.of("pit"), drawnSites.stream().map(e -> e.getAttribute("data-site")).toList());
            String outline = drawnSites.get(0).findElement(By.tagName("polygon")).getAttribute("points");
            assertEquals(4, outline.trim().split(" ").length, "the boundary's 4 corners: " + outline);
            List<WebElement> markers = b.findAll(Browser.byTest("finding-marker"));
            assertEquals(2, markers.size(), "two findings with a position");
            // Each marker is a finding of the service's, and lies in the drawn outline iff the service put it in the pit.
            double[] box = bounds(outline);
            for (FlightFinding f : app.flights().view(id).orElseThrow().findings()) {
                WebElement m = markers.stream().filter(e -> f.alertId().equals(e.getAttribute("data-alert-id")))
                        .findFirst().orElseThrow(() -> new AssertionError("no marker for " + f));
                double x = Double.parseDouble(m.getAttribute("cx"));
                double y = Double.parseDouble(m.getAttribute("cy"));
                boolean inside = x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
                assertEquals("pit".equals(f.site()), inside, f.alertId() + " (" + f.rule() + ") at " + x + "," + y
                        + " against the outline " + outline);
            }

            // A marker's click: its snapshot loads.
            String alert = markers.get(0).getAttribute("data-alert-id");
            b.click(By.cssSelector("[data-test=finding-marker][data-alert-id=\"" + alert + "\"]"));
            b.waitFor("the finding's title", d -> d.findElement(Browser.byTest("finding-title")).getText().endsWith(alert));
            long width = b.waitFor("the snapshot loaded", d -> {
                Object w = b.script("const i = document.querySelector('[data-test=finding-snapshot]');"
                        + " return i && i.complete ? i.naturalWidth : null;");
                return w == null || ((Number) w).longValue() == 0 ? null : ((Number) w).longValue();
            });
            assertTrue(width > 0, "snapshot width " + width);

            // The GeoJSON export, fetched with the page's session from the link the page made.
            @SuppressWarnings("unchecked")
            Map<String, Object> got = (Map<String, Object>) b.script("""
                    return (async () => {
                      const r = await fetch(document.querySelector('[data-test=export-geojson]').href);
                      const j = r.ok ? await r.json() : null;
                      return { status: r.status, points: j ? j.features.filter((f) => f.geometry
                        && f.geometry.type === 'Point' && f.properties.kind === 'finding').length : -1 };
                    })();""");
            assertEquals(200L, ((Number) got.get("status")).longValue(), "export status");
            assertEquals(2L, ((Number) got.get("points")).longValue(), "finding Points in the export");
            assertEquals(List.of(), b.consoleErrors(), "the page's console errors");
            b.screenshot("flights-real-server-report");
            System.out.printf(Locale.ROOT, "flights page on the real server: footage and server %.1f s, sign-in %.1f s,"
                    + " upload and submit %.1f s, processing %.1f s, report %.1f s; test %.1f s%n",
                    (started - t0) / 1e9, (signedIn - started) / 1e9, (submitted - signedIn) / 1e9, processing,
                    (System.nanoTime() - submitted) / 1e9 - processing, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** {minX, minY, maxX, maxY} of an svg points list "x,y x,y ...". */
    private static double[] bounds(String points) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (String p : points.trim().split(" ")) {
            String[] xy = p.split(",");
            double x = Double.parseDouble(xy[0]);
            double y = Double.parseDouble(xy[1]);
            b[0] = Math.min(b[0], x);
            b[1] = Math.min(b[1], y);
            b[2] = Math.max(b[2], x);
            b[3] = Math.max(b[3], y);
        }
        return b;
    }
}
