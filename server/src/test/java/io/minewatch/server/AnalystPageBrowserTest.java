package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.query.AlertFilter;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.server.web.Browser;
import io.minewatch.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The analysts' page in Debian's Chromium against the real server (two cameras on real footage, the
 * real model and desk): an analyst signs in, filters by camera and verdict, sorts, opens an alert and
 * marks it false_alarm with a reason and a note; the list, the verdict filter and the precision table
 * show it, the CSV and the labels export of that camera contain it; another alert is confirmed with a
 * box drawn on its frame, and the API holds that box. The command page links to the analysts' page.
 * Screenshots in target/screenshots/analyst-*.png.
 */
@Timeout(400)
class AnalystPageBrowserTest {

    @TempDir
    Path dir;

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("alerts").forEach(a -> out.add(a.get("id").asText()));
        return out;
    }

    private static List<String> shownIds(Browser b) {
        return b.findAll(Browser.byTest("result-row")).stream().map(r -> r.getAttribute("data-alert-id")).toList();
    }

    /** The text a same-origin GET of the URL answers, read by the page itself (its session cookie). */
    private static String fetchInPage(Browser b, String url) {
        return (String) b.script("const x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send();"
                + " return x.status + '\\n' + x.responseText;", url);
    }

    @Test
    void anAnalystFiltersJudgesAndExports() throws Exception {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - {id: river-north, name: 河北沙场, lat: 30.59, lon: 114.30}
                cameras:
                  - {id: overpass-1, site: river-north, detect: "%s", fps: 5, realtime: false}
                  - {id: street-1, site: river-north, detect: "%s", fps: 5, realtime: false}
                users:
                  - {id: ana, name: 分析员, role: analyst, password: "${ANA_PW}"}
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(TestSite.HAAR.toAbsolutePath(), TestSite.TRAFFIC.toAbsolutePath(), FreePorts.freePort(),
                FreePorts.topicPrefix()));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of("ANA_PW", "ana-Pw-7781"));
        try (Application app = Application.create(cfg, MODEL)) {
            app.startCameras();
            assertTrue(app.awaitCameras(Duration.ofMinutes(4)), "the clips did not finish");
            app.desk().awaitIdle(10_000);
            List<String> all = ids(app.alertQueries().list(AlertFilter.ALL, null));
            List<String> street = ids(app.alertQueries().list(new AlertFilter(null, null, "street-1", null, null, null,
                    null, 50, null), null));
            List<String> overpass = ids(app.alertQueries().list(new AlertFilter(null, null, "overpass-1", null, null,
                    null, null, 50, null), null));
            assertTrue(!street.isEmpty() && !overpass.isEmpty(), "both clips raise alerts: " + all);
            String base = "http://127.0.0.1:" + app.httpPort();

            try (Browser b = Browser.start(1400, 1000)) {
                b.open(base + "/");
                WebElement nav = b.waitVisible(Browser.byTest("nav-analyst"));
                b.waitFor("link text", d -> !nav.getText().isEmpty());
                assertTrue(nav.getAttribute("href").endsWith("/analyst/"), nav.getAttribute("href"));
                nav.click();

                b.waitVisible(Browser.byTest("sign-in-user")).sendKeys("ana");
                b.find(Browser.byTest("sign-in-password")).sendKeys("ana-Pw-7781");
                b.find(Browser.byTest("sign-in-submit")).click();
                b.waitFor("every alert listed", d -> shownIds(b).size() == all.size());
                assertEquals("分析员（分析员）", b.find(Browser.byTest("whoami")).getText());
                b.screenshot("analyst-all");

                // Filter: one camera, not judged yet.
                b.waitFor("camera choices", d -> d.findElements(By.cssSelector("#f-camera option")).size() == 3);
                new Select(b.find(Browser.byTest("f-camera"))).selectByValue("street-1");
                new Select(b.find(Browser.byTest("f-verdict"))).selectByValue("none");
                b.find(Browser.byTest("f-apply")).click();
                b.waitFor("only street-1", d -> shownIds(b).equals(street));
                // Sort by time, oldest first, then back.
                b.find(Browser.byTest("sort-created_at")).click();
                List<String> oldestFirst = new ArrayList<>(street);
                java.util.Collections.reverse(oldestFirst);
                b.waitFor("oldest first", d -> shownIds(b).equals(oldestFirst));
                b.find(Browser.byTest("sort-created_at")).click();
                b.waitFor("newest first", d -> shownIds(b).equals(street));

                // Open the oldest street alert and call it a false alarm.
                String target = street.get(street.size() - 1);
                b.find(By.cssSelector("[data-test=result-row][data-alert-id=\"" + target + "\"]")).click();
                b.waitVisible(Browser.byTest("verdict-form"));
                b.waitFor("snapshot loaded", d -> Boolean.TRUE.equals(b.script("const i = document.querySelector("
                        + "'[data-test=verdict-frame]'); return i && i.complete && i.naturalWidth > 0;")));
                b.find(Browser.byTest("verdict-false_alarm")).click();
                new Select(b.waitVisible(Browser.byTest("verdict-reason"))).selectByValue("parked");
                b.find(Browser.byTest("verdict-note")).sendKeys("停放的黄色SUV");
                b.find(Browser.byTest("verdict-save")).click();
                b.waitFor("the detail shows the verdict", d -> "误报".equals(d.findElement(Browser.byTest("detail-verdict")).getText()));
                b.waitFor("the row shows it", d -> "false_alarm".equals(d.findElement(By.cssSelector(
                        "[data-test=result-row][data-alert-id=\"" + target + "\"]")).getAttribute("data-verdict")));
                b.screenshot("analyst-false-alarm");

                new Select(b.find(Browser.byTest("f-verdict"))).selectByValue("false_alarm");
                b.find(Browser.byTest("f-apply")).click();
                b.waitFor("the verdict filter finds it", d -> shownIds(b).equals(List.of(target)));
                By streetPrecision = By.cssSelector("[data-test=precision-row][data-camera=street-1] [data-test=precision-value]");
                String expected = String.format(java.util.Locale.ROOT, "%.1f%%", 0.0);
                b.waitFor("precision of street-1", d -> !d.findElements(streetPrecision).isEmpty()
                        && expected.equals(d.findElement(streetPrecision).getText()));

                String csvHref = b.find(Browser.byTest("export-csv")).getAttribute("href");
                assertTrue(csvHref.contains("camera=street-1") && csvHref.contains("verdict=false_alarm"), csvHref);
                String csv = fetchInPage(b, csvHref);
                assertTrue(csv.startsWith("200\n") && csv.contains(target + ",")
                        && csv.lines().filter(l -> !l.isBlank()).count() == 3, "status, header, one row: " + csv);

                new Select(b.find(Browser.byTest("x-camera"))).selectByValue("street-1");
                String labelsHref = b.find(Browser.byTest("export-labels")).getAttribute("href");
                String labels = fetchInPage(b, labelsHref);
                assertTrue(labels.startsWith("200\n"), labels);
                assertTrue(labels.contains("# false_alarm ") && labels.contains("alert " + target + " false_alarm parked by ana")
                        && labels.contains("停放的黄色SUV"), labels);

                // Confirm a tanker alert, drawing the box on its frame.
                new Select(b.find(Browser.byTest("f-camera"))).selectByValue("overpass-1");
                new Select(b.find(Browser.byTest("f-verdict"))).selectByValue("");
                b.find(Browser.byTest("f-apply")).click();
                b.waitFor("only overpass-1", d -> shownIds(b).equals(overpass));
                String tanker = overpass.get(0);
                b.find(By.cssSelector("[data-test=result-row][data-alert-id=\"" + tanker + "\"]")).click();
                b.waitFor("the form of the tanker alert", d -> !d.findElements(By.cssSelector(
                        "[data-test=verdict-form][data-alert-id=\"" + tanker + "\"]")).isEmpty());
                WebElement frame = b.waitFor("frame loaded", d -> {
                    WebElement f = d.findElement(Browser.byTest("verdict-frame"));
                    return Boolean.TRUE.equals(b.script("return arguments[0].complete && arguments[0].naturalWidth > 0;", f))
                            ? f : null;
                });
                b.script("arguments[0].scrollIntoView({block: 'center'});", frame);
                int w = frame.getSize().getWidth();
                int h = frame.getSize().getHeight();
                new Actions(b.driver()).moveToElement(frame, -w / 4, -h / 4).clickAndHold()
                        .moveByOffset(w / 4, h / 4).moveByOffset(w / 4, h / 4).release().perform();
                b.find(Browser.byTest("verdict-confirmed")).click();
                b.find(Browser.byTest("verdict-save")).click();
                b.waitFor("confirmed", d -> "确认属实".equals(d.findElement(Browser.byTest("detail-verdict")).getText()));
                b.screenshot("analyst-confirmed-box");
                JsonNode detail = app.alertQueries().detail(tanker, null).orElseThrow();
                JsonNode box = detail.get("verdicts").get(0).get("box_norm");
                double[] want = {0.25, 0.25, 0.75, 0.75};
                for (int i = 0; i < 4; i++) {
                    assertEquals(want[i], box.get(i).asDouble(), 0.03, "drawn box " + box);
                }

                b.find(Browser.byTest("lang-switch")).click();
                b.waitFor("English", d -> "Confirmed".equals(d.findElement(Browser.byTest("detail-verdict")).getText()));
                b.screenshot("analyst-en");
                assertEquals(List.of(), b.consoleErrors());
            }
        }
    }
}
