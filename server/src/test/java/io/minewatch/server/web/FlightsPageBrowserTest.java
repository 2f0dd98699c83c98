package io.minewatch.server.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.server.flights.FlightFinding;
import io.minewatch.server.flights.FlightView;
import io.minewatch.server.flights.report.FlightFixture;
import io.minewatch.server.flights.report.FlightReportApi;
import io.minewatch.server.flights.report.FlightReportSite;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.minewatch.testkit.SharedFiles;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The flights page in Debian's Chromium against the real HTTP server, sign-in, console assets and flight report
 * routes ({@link FlightReportSite}) over a flight built from real files ({@link FlightFixture}: the p4_rtk.SRT
 * track, shared photographs as snapshots). The routes other helpers own are stood in for here, small and
 * recording: {@code GET /api/v1/flights} (the list's documented shape), {@code GET /api/v1/sites} (one site near
 * the track with a 300 m radius, one far away), a tus 1.0.0 upload endpoint that once keeps only half of a chunk
 * and answers 500 (a cut connection), and {@code POST /api/v1/flights}. Checked: Chinese first; the list's state,
 * progress and ETA; the map's projection (each marker where the svg's own lat0/lon0/k put it — longitude east),
 * scale bar, north arrow and site radius; a marker's click shows its snapshot (decoded, its real size), label,
 * score, position and accuracy; the findings table; the export links work with the session; English; an upload of
 * the drone clip and its SRT resumes from the server's offset after the cut and arrives byte-identical, then the
 * flight is submitted with both upload ids.
 */
@Timeout(180)
class FlightsPageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 60_000;
    @TempDir
    static Path dir;
    static FlightReportSite site;
    static final TusStandIn tus = new TusStandIn();
    static final List<JsonNode> submitted = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        site = new FlightReportSite(dir.resolve("storage"), FlightsPageBrowserTest::standIns);
        FlightView done = FlightFixture.flight(site.storage);
        site.flights.put(done.id(), done);
        site.flights.put("fl-running", new FlightView("fl-running", "河滩 东段", null, "mavic3", "running", 0.42,
                FlightFixture.START, FlightFixture.START, null, 180, "cmd", null, List.of(), List.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    /** Stand-ins for the list (helper flight), the sites (SiteApi), uploads (helper upload) and the submit. */
    private static void standIns(Router.Builder b) {
        b.get("/api/v1/flights", FlightReportApi.READERS, FlightsPageBrowserTest::list)
                .get("/api/v1/sites", FlightReportApi.READERS, c -> c.json(HttpResponseStatus.OK, sites()))
                .post("/api/v1/flights", FlightReportApi.READERS, FlightsPageBrowserTest::submit)
                .post("/api/v1/uploads", FlightReportApi.READERS, tus::create)
                .add(Set.of(HttpMethod.HEAD), "/api/v1/uploads/{id}", FlightReportApi.READERS, false, tus::head)
                .add(Set.of(HttpMethod.PATCH), "/api/v1/uploads/{id}", FlightReportApi.READERS, false, tus::patch);
    }

    private static void list(Call call) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        site.flights.values().stream().sorted((a, z) -> a.id().compareTo(z.id())).forEach(v -> items.addObject()
                .put("id", v.id()).put("name", v.name()).put("site", v.site()).put("state", v.state())
                .put("progress", v.progress()).put("eta_s", v.state().equals("running") ? 75 : null)
                .put("findings", v.findings().size()));
        call.json(HttpResponseStatus.OK, out);
    }

    private static ObjectNode sites() {
        FlightView f = site.flights.get(FlightFixture.FLIGHT);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("sites");
        var c = f.track().get(20);
        list.addObject().put("id", "pit-7").put("name", "南坑").put("lat", c.lat()).put("lon", c.lon())
                .put("radius_m", 300).put("open_alerts", 0);
        list.addObject().put("id", "far").put("name", "远处").put("lat", 30.6).put("lon", 114.3).put("open_alerts", 0);
        return out;
    }

    private static void submit(Call call) {
        JsonNode body = call.body();
        submitted.add(body);
        String id = "fl-new-" + submitted.size();
        site.flights.put(id, new FlightView(id, body.path("name").asText(id), body.path("site").asText(null),
                body.path("drone_model").asText(null), "queued", 0, FlightFixture.START, null, null, 7, "ana", null,
                List.of(), List.of()));
        call.json(HttpResponseStatus.CREATED, JSON.createObjectNode().put("id", id));
    }

    /** A tus 1.0.0 endpoint in memory that records every request and cuts the third PATCH of an upload halfway. */
    static final class TusStandIn {
        final Map<String, ByteArrayOutputStream> data = new ConcurrentHashMap<>();
        final Map<String, Long> lengths = new ConcurrentHashMap<>();
        final Map<String, String> metadata = new ConcurrentHashMap<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicInteger ids = new AtomicInteger();
        final Map<String, AtomicInteger> patches = new ConcurrentHashMap<>();
        /** The PATCH of up1 at this offset waits, once, until released (the test cancels the upload meanwhile). */
        final long holdAt = 4L * CHUNK - CHUNK / 2;
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void create(Call call) {
            String id = "up" + ids.incrementAndGet();
            var h = call.request().headers();
            if (!"1.0.0".equals(h.get("Tus-Resumable"))) {
                call.error(HttpResponseStatus.PRECONDITION_FAILED, "Tus-Resumable 1.0.0 required");
                return;
            }
            lengths.put(id, Long.parseLong(h.get("Upload-Length")));
            metadata.put(id, h.get("Upload-Metadata"));
            data.put(id, new ByteArrayOutputStream());
            patches.put(id, new AtomicInteger());
            log.add("POST " + id);
            call.empty(HttpResponseStatus.CREATED, "Location", "/api/v1/uploads/" + id, "Tus-Resumable", "1.0.0");
        }

        void head(Call call) {
            String id = call.param("id");
            ByteArrayOutputStream d = data.get(id);
            if (d == null) {
                call.error(HttpResponseStatus.NOT_FOUND, "no such upload");
                return;
            }
            log.add("HEAD " + id + " " + d.size());
            call.empty(HttpResponseStatus.OK, "Upload-Offset", Long.toString(d.size()), "Upload-Length",
                    Long.toString(lengths.get(id)), "Tus-Resumable", "1.0.0", "Cache-Control", "no-store");
        }

        void patch(Call call) {
            String id = call.param("id");
            ByteArrayOutputStream d = data.get(id);
            if (d == null) {
                call.error(HttpResponseStatus.NOT_FOUND, "no such upload");
                return;
            }
            var h = call.request().headers();
            long offset = Long.parseLong(h.get("Upload-Offset"));
            if (!"application/offset+octet-stream".equals(h.get("Content-Type"))) {
                call.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "application/offset+octet-stream required");
                return;
            }
            if (offset != d.size()) {
                log.add("PATCH " + id + " " + offset + " conflict");
                call.error(HttpResponseStatus.CONFLICT, "offset " + offset + " is not " + d.size());
                return;
            }
            byte[] chunk = ByteBufUtil.getBytes(call.request().content());
            if (id.equals("up1") && offset == holdAt && held.getCount() > 0) {
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (patches.get(id).incrementAndGet() == 3) {
                d.write(chunk, 0, chunk.length / 2);
                log.add("PATCH " + id + " " + offset + " cut after " + chunk.length / 2);
                call.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "connection cut");
                return;
            }
            d.write(chunk, 0, chunk.length);
            log.add("PATCH " + id + " " + offset + " +" + chunk.length);
            call.empty(HttpResponseStatus.NO_CONTENT, "Upload-Offset", Long.toString(d.size()), "Tus-Resumable", "1.0.0");
        }
    }

    private static void signIn(Browser b, String user) {
        b.waitVisible(Browser.byTest("sign-in-user")).sendKeys(user);
        b.find(Browser.byTest("sign-in-password")).sendKeys(FlightReportSite.password(user));
        b.find(Browser.byTest("sign-in-submit")).click();
        b.waitVisible(Browser.byTest("app"));
    }

    private static String text(Browser b, String test) {
        return b.waitFor("text of " + test, d -> d.findElement(Browser.byTest(test)).getText());
    }

    private static double num(WebElement e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }

    @Test
    void listReportMapFindingsExportsAndAResumedUpload() throws Exception {
        FlightView flight = site.flights.get(FlightFixture.FLIGHT);
        try (Browser b = Browser.start(1280, 900)) {
            b.open(site.base() + "/flights/");
            WebElement submit = b.waitVisible(Browser.byTest("sign-in-submit"));
            b.waitFor("Chinese labels", d -> "登录".equals(submit.getText()));
            assertEquals("矿山监控 · 无人机巡查", b.driver().getTitle());
            signIn(b, "ana");

            // The list: state, progress, ETA and findings, as GET /api/v1/flights gives them.
            By running = By.cssSelector("[data-test=flight-row][data-flight-id=fl-running]");
            b.waitFor("two flights", d -> d.findElements(Browser.byTest("flight-row")).size() == 2);
            assertEquals("分析中", b.find(running).findElement(Browser.byTest("flight-state")).getText());
            assertEquals("42%", b.find(running).findElement(Browser.byTest("flight-pct")).getText());
            assertEquals("约 1:15", b.find(running).findElement(Browser.byTest("flight-eta")).getText());
            By done = By.cssSelector("[data-test=flight-row][data-flight-id=\"" + FlightFixture.FLIGHT + "\"]");
            assertEquals("已完成", b.find(done).findElement(Browser.byTest("flight-state")).getText());
            assertEquals("4", b.find(done).findElement(Browser.byTest("flight-findings")).getText());

            // The report: the offline map.
            b.click(By.cssSelector("[data-flight-id=\"" + FlightFixture.FLIGHT + "\"] [data-test=flight-open]"));
            WebElement svg = b.waitVisible(Browser.byTest("flight-map-svg"));
            assertEquals("南坑 11-30 巡查 <1>", text(b, "report-title"));
            double lat0 = num(svg, "data-lat0");
            double lon0 = num(svg, "data-lon0");
            double k = num(svg, "data-k");
            double cos0 = Math.cos(Math.toRadians(lat0));
            double r = 6371008.8;
            java.util.function.BiFunction<Double, Double, double[]> px = (lat, lon) -> new double[] {
                400 + Math.toRadians(lon - lon0) * r * cos0 * k, 280 - Math.toRadians(lat - lat0) * r * k};
            List<WebElement> markers = b.findAll(Browser.byTest("finding-marker"));
            assertEquals(3, markers.size(), "the three findings with a position");
            for (WebElement m : markers) {
                FlightFinding f = flight.findings().stream()
                        .filter(x -> x.alertId().equals(m.getAttribute("data-alert-id"))).findFirst().orElseThrow();
                double[] want = px.apply(f.lat(), f.lon());
                assertEquals(want[0], num(m, "cx"), 0.5, f.alertId() + " x (east)");
                assertEquals(want[1], num(m, "cy"), 0.5, f.alertId() + " y (north up)");
            }
            // Longitude east: the track ends north-east of its start (p4_rtk.SRT: -58.8517 -> -58.8492, -34.2379 -> -34.2323).
            WebElement start = b.find(Browser.byTest("map-start"));
            WebElement end = b.find(Browser.byTest("map-end"));
            assertTrue(num(end, "x") + 5 > num(start, "cx") + 50 && num(end, "y") + 5 < num(start, "cy") - 50,
                    "end right of and above the start");
            String[] line = b.find(Browser.byTest("map-track")).getAttribute("points").trim().split(" ");
            assertTrue(line.length >= 40, "the track drawn: " + line.length);
            WebElement bar = b.find(Browser.byTest("map-scale-bar"));
            double metres = Double.parseDouble(b.find(Browser.byTest("map-scale")).getAttribute("data-metres"));
            assertEquals(metres, num(bar, "width") / k, 1e-6, "the bar is as long as it says");
            assertTrue(b.find(Browser.byTest("map-scale")).getText().contains(metres >= 1000 ? "公里" : "米"));
            assertEquals("北", b.find(Browser.byTest("map-north")).getText());
            List<WebElement> drawnSites = b.findAll(Browser.byTest("map-site"));
            assertEquals(List.of("pit-7"), drawnSites.stream().map(e -> e.getAttribute("data-site")).toList(),
                    "the near site, not the far one");
            assertEquals(300 * k, num(drawnSites.get(0).findElement(By.tagName("circle")), "r"), 0.1, "its radius");

            // A marker's click: snapshot, label, score, position, accuracy.
            b.click(By.cssSelector("[data-test=finding-marker][data-alert-id=a1]"));
            b.waitFor("snapshot shown", d -> Pages.imageLoaded(b, Browser.byTest("finding-snapshot")));
            WebElement img = b.find(Browser.byTest("finding-snapshot"));
            var file = ImageIO.read(site.storage.resolve("snapshots/drone/a1.jpg").toFile());
            assertEquals((long) file.getWidth(), b.script("return arguments[0].naturalWidth;", img));
            FlightFinding a1 = flight.findings().get(0);
            assertEquals("truck", text(b, "finding-label"));
            assertEquals("0.89", text(b, "finding-score"));
            assertEquals(String.format(java.util.Locale.ROOT, "%.6f, %.6f", a1.lat(), a1.lon()), text(b, "finding-position"));
            assertEquals("± 13 米", text(b, "finding-accuracy"));
            assertEquals("地面投影", text(b, "finding-source"));
            assertTrue(b.find(By.cssSelector("[data-test=finding-marker][data-alert-id=a1]")).getAttribute("class")
                    .contains("selected"));

            // The findings table: every finding; one without a position, one whose snapshot is outside storage.
            List<WebElement> rows = b.findAll(Browser.byTest("finding-row"));
            assertEquals(4, rows.size());
            assertTrue(rows.get(2).getText().contains("位置未知"), rows.get(2).getText());
            assertEquals(0, rows.get(3).findElements(Browser.byTest("finding-thumb")).size(), "no picture from outside");
            b.waitFor("thumbnails", d -> Pages.imageLoaded(b, Browser.byTest("finding-thumb")));
            rows.get(1).click();
            b.waitFor("a2 chosen", d -> "不在任何登记矿点内".equals(d.findElement(Browser.byTest("finding-site")).getText()));
            b.screenshot("flights-report-zh");

            // The export links, fetched by the page with its session.
            @SuppressWarnings("unchecked")
            Map<String, Object> exports = (Map<String, Object>) b.script("""
                    const get = async (id) => { const a = document.querySelector(`[data-test=${id}]`);
                      const r = await fetch(a.href); const bytes = new Uint8Array(await r.arrayBuffer());
                      return r.status + ' ' + r.headers.get('content-type') + ' ' + a.getAttribute('download') + ' '
                        + String.fromCharCode(...bytes.slice(0, 5)); };
                    return (async () => ({ geojson: await get('export-geojson'), kml: await get('export-kml'),
                      zip: await get('export-zip') }))();""");
            assertEquals("200 application/geo+json flight-" + FlightFixture.FLIGHT + ".geojson {\"typ", exports.get("geojson"));
            assertEquals("200 application/vnd.google-earth.kml+xml; charset=utf-8 flight-" + FlightFixture.FLIGHT
                    + ".kml <?xml", exports.get("kml"));
            assertTrue(String.valueOf(exports.get("zip")).matches("200 application/zip flight-.*-evidence\\.zip PK\u0003\u0004.*"),
                    String.valueOf(exports.get("zip")));

            // English.
            b.find(Browser.byTest("lang-switch")).click();
            b.waitFor("English", d -> "Done".equals(d.findElement(done).findElement(Browser.byTest("flight-state")).getText()));
            b.waitFor("map relabelled", d -> "N".equals(d.findElement(Browser.byTest("map-north")).getText()));
            b.screenshot("flights-report-en");

            // The upload: the drone clip and its SRT, cut once mid-way.
            Path video = dir.resolve("DJI_0042.mp4");
            Files.copy(SharedFiles.video("spatialhast_drone_aerial_city.mp4"), video);
            Path srt = dir.resolve("DJI_0042.SRT");
            Files.copy(SharedFiles.shared().resolve("media/telemetry/p4_rtk.SRT"), srt);
            b.script("document.getElementById('upload-form').dataset.chunkBytes = arguments[0];", CHUNK);
            b.find(Browser.byTest("up-video")).sendKeys(video.toString());
            b.find(Browser.byTest("up-srt")).sendKeys(srt.toString());
            b.find(Browser.byTest("up-name")).sendKeys("新坑排查");
            new Select(b.find(Browser.byTest("up-site"))).selectByValue("pit-7");
            b.find(Browser.byTest("up-drone")).sendKeys("p4_rtk");
            b.find(Browser.byTest("up-submit")).click();
            // Cancelled while a chunk is in flight; the server still stores that chunk; a second try of the same
            // file asks the server where it stands (HEAD) and goes on from there, without a new upload.
            assertTrue(tus.held.await(60, TimeUnit.SECONDS), "the upload reached the held chunk: " + tus.log);
            b.find(Browser.byTest("up-cancel")).click();
            b.waitFor("cancelled", d -> d.findElement(Browser.byTest("up-error")).isDisplayed());
            assertEquals("Upload cancelled; upload the same file again to continue where it stopped.",
                    text(b, "up-error"));
            tus.release.countDown();
            String heldChunk = "PATCH up1 " + tus.holdAt + " +" + CHUNK;
            b.waitFor("the held chunk stored", d -> tus.log.contains(heldChunk));
            b.find(Browser.byTest("up-submit")).click();
            b.waitFor(java.time.Duration.ofSeconds(90), "submitted", d -> !submitted.isEmpty());
            b.waitFor("the new flight listed", d -> !d.findElements(By.cssSelector("[data-flight-id=fl-new-1]")).isEmpty());
            assertEquals("Queued", b.find(By.cssSelector("[data-flight-id=fl-new-1] [data-test=flight-state]")).getText());
            b.waitFor("status", d -> d.findElement(Browser.byTest("up-status")).getText().contains("fl-new-1"));

            JsonNode body = submitted.get(0);
            assertEquals("up1", body.get("video_upload").asText());
            assertEquals("up2", body.get("telemetry_upload").asText());
            assertEquals("新坑排查", body.get("name").asText());
            assertEquals("pit-7", body.get("site").asText());
            assertEquals("p4_rtk", body.get("drone_model").asText());
            assertArrayEquals(Files.readAllBytes(video), tus.data.get("up1").toByteArray(), "video byte-identical");
            assertArrayEquals(Files.readAllBytes(srt), tus.data.get("up2").toByteArray(), "SRT byte-identical");
            assertEquals("DJI_0042.mp4", metadata("up1").get("filename"));
            assertEquals("DJI_0042.SRT", metadata("up2").get("filename"));
            int cut = tus.log.indexOf("PATCH up1 120000 cut after 30000");
            assertTrue(cut > 0, tus.log.toString());
            assertEquals("HEAD up1 150000", tus.log.get(cut + 1), "asked the server where it stands");
            assertEquals("PATCH up1 150000 +60000", tus.log.get(cut + 2), "resumed from the server's offset");
            int again = tus.log.indexOf(heldChunk);
            long after = tus.holdAt + CHUNK;
            assertEquals("HEAD up1 " + after, tus.log.get(again + 1), "the second try asked where the upload stands");
            assertEquals("PATCH up1 " + after + " +" + CHUNK, tus.log.get(again + 2), tus.log.toString());
            assertEquals(List.of("POST up1", "POST up2"), tus.log.stream().filter(l -> l.startsWith("POST")).toList(),
                    "one upload per file: the second try resumed up1");
            assertFalse(tus.log.stream().anyMatch(l -> l.contains("conflict")), tus.log.toString());
            assertEquals(Long.valueOf(Files.size(video)), tus.lengths.get("up1"));
            assertEquals(0L, b.script("return Object.keys(localStorage).filter((k) => k.startsWith('mw.tus.')).length;"),
                    "nothing left to resume");
            b.screenshot("flights-uploaded-en");

            List<String> errors = new ArrayList<>(b.consoleErrors());
            errors.removeIf(e -> e.contains("/api/v1/uploads/up1") && e.contains("500"));
            assertEquals(List.of(), errors);
        }
    }

    private static Map<String, String> metadata(String id) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : tus.metadata.get(id).split(",")) {
            String[] kv = pair.split(" ", 2);
            out.put(kv[0], kv.length < 2 ? "" : new String(Base64.getDecoder().decode(kv[1]), StandardCharsets.UTF_8));
        }
        return out;
    }
}
