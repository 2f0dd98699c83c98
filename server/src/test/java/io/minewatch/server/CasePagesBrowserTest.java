package io.minewatch.server;

import static io.minewatch.server.CaseHttp.expect;
import static io.minewatch.server.CaseHttp.get;
import static io.minewatch.server.CaseHttp.ok;
import static io.minewatch.server.CaseHttp.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.server.web.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The case loop's pages in Debian's Chromium against the real server ({@link CaseSite}: real database, case
 * desk, sessions; one server for both parts). The cases are set up through the API as the command centre
 * and the team would make them: case A dispatched to north-1 and recorded on site with the overloaded lorry
 * (whistled to transport) and the altered body (whistled to the traffic police); case B dispatched to
 * north-1 and not yet on site. (a) The transport department's user signs in on /dept/ and sees its whistle
 * and not the police's whistle of the same case, acknowledges it and reports a rectification notice through
 * the page; the API then shows the whistle reported with that outcome and the case's matter with it. (b) Team
 * member li-wei on a 360×740 phone opens the Cases tab of /m/, opens case B, records the on-site step with a
 * photo (a JPEG frame of the shared footage, made by ffmpeg, uploaded from the file input with its progress),
 * two plates, a person and two matters (one at a chosen level); the API then shows case B on_site with the
 * photo (same SHA-256 as the file), the plates and the matters. (c) The command centre's /cases/ shows case
 * B's detail with the photo and plates, closes it through the close form (the township's matter with a penalty,
 * the unreported whistled one referred), opens a patrol case by hand and dispatches it to the team the position
 * picks. (d) The reviewer checks every point of B's checklist and it passes (reviewed); (e) the statistics tab
 * shows this month's figures as GET /api/v1/stats/cases counts them (three dispatches, five person-times, two
 * hotline cases and a patrol case in the source chart) and its XLSX link downloads the workbook. (f) The server's
 * clock moved past the police whistle's deadline: it escalates and the police's page shows it overdue, highlighted.
 * The API is read after each part. Screenshots: target/screenshots/cases-*.png.
 */
@Timeout(180)
class CasePagesBrowserTest {
    private static final String NOTICE = "交运整改〔2026〕17号";

    @TempDir
    Path dir;

    @Test
    void departmentAnswersItsWhistleTheTeamRecordsOnSiteByPhoneAndTheCaseIsClosedAndReviewed() throws Exception {
        long t0 = System.nanoTime();
        Path photo = CaseSite.frame();
        try (CaseSite site = new CaseSite(dir, Instant.now(), 4 << 20)) {
            ApiClient cmd = site.signIn("cmd");
            ApiClient li = site.signIn("li-wei");
            ApiClient transport = site.signIn("transport");
            String a = openAndDispatch(cmd, "两辆运砂车被拦 / two lorries stopped");
            ok(post(li, "/api/v1/cases/" + a + "/on-site", """
                    {"notes":"一辆超载，一辆车厢改装","staff":2,"vehicles_sent":1,"plates":["豫A00001"],
                     "matters":[{"code":"%s"},{"code":"%s"}]}""".formatted(CaseFixtures.OVERLOAD, CaseFixtures.ALTERED)));
            JsonNode whistles = ok(get(cmd, "/api/v1/whistles?case=" + a)).get("whistles");
            String toTransport = whistleOf(whistles, "transport");
            String toPolice = whistleOf(whistles, "traffic-police");
            String b = openAndDispatch(cmd, "河滩夜间运砂 / sand hauled from the riverbank");
            long setUp = System.nanoTime();

            // (a) The transport department's page: its whistle only; acknowledge, then report.
            try (Browser br = Browser.start(1280, 900)) {
                br.open(site.base + "/dept/");
                signIn(br, "transport");
                br.waitVisible(Browser.byTest("app"));
                By mine = whistleCard(toTransport);
                br.waitFor("transport's whistle listed", d -> !d.findElements(mine).isEmpty());
                List<String> expected = ids(ok(get(transport, "/api/v1/whistles")).get("whistles"));
                assertEquals(expected, shownWhistles(br), "the page lists the department's own whistles");
                assertEquals(List.of(toTransport), expected);
                assertTrue(br.findAll(whistleCard(toPolice)).isEmpty(), "the police's whistle of the same case is absent");
                String text = br.find(By.tagName("body")).getText();
                assertFalse(text.contains("非法改装车厢") || text.contains(toPolice), "nothing of the police's matter: " + text);
                assertTrue(text.contains("货车超限超载"), "the matter's Chinese name: " + text);
                assertEquals("issued", br.find(mine).getAttribute("data-state"));
                br.screenshot("cases-dept-list");

                br.click(By.cssSelector(css(mine) + " [data-test=whistle-ack]"));
                br.waitFor("acknowledged, the report form open", d -> "acknowledged".equals(d.findElement(mine)
                        .getAttribute("data-state")) && !d.findElements(By.cssSelector(css(mine) + " [data-test=report-form]")).isEmpty());
                new Select(br.find(By.cssSelector(css(mine) + " [data-test=report-kind]"))).selectByValue("notice");
                br.find(By.cssSelector(css(mine) + " [data-test=report-notice]")).sendKeys(NOTICE);
                br.find(By.cssSelector(css(mine) + " [data-test=report-note]")).sendKeys("已责令卸载整改");
                br.screenshot("cases-dept-report");
                br.click(By.cssSelector(css(mine) + " [data-test=report-submit]"));
                // Reported: it leaves the open list; with "all" it shows reported with its outcome.
                br.waitFor("the reported whistle leaves the open list", d -> d.findElements(mine).isEmpty());
                new Select(br.find(Browser.byTest("w-state"))).selectByValue("all");
                br.waitFor("shown reported", d -> !d.findElements(mine).isEmpty()
                        && "reported".equals(d.findElement(mine).getAttribute("data-state")));
                assertTrue(br.find(By.cssSelector(css(mine) + " [data-test=whistle-outcome]")).getText().contains(NOTICE));
                br.screenshot("cases-dept-reported");

                assertEquals(List.of(), br.consoleErrors(), "browser console errors");
            }
            JsonNode reported = find(ok(get(cmd, "/api/v1/whistles?case=" + a)).get("whistles"), toTransport);
            assertEquals("reported", reported.get("state").asText());
            assertEquals("transport", reported.get("reported_by").asText());
            assertEquals("notice", reported.get("outcome").get("kind").asText());
            assertEquals(NOTICE, reported.get("outcome").get("notice_no").asText());
            assertEquals("issued", find(ok(get(cmd, "/api/v1/whistles?case=" + a)).get("whistles"), toPolice)
                    .get("state").asText(), "the police's whistle untouched");
            JsonNode overload = matter(ok(get(cmd, "/api/v1/cases/" + a)), CaseFixtures.OVERLOAD);
            assertEquals(NOTICE, overload.get("outcome").get("notice_no").asText(), "the report fills the case's matter");
            long partA = System.nanoTime();

            // (b) The team member's phone: Cases tab, case B, the on-site form with a photo, plates and matters.
            try (Browser ph = Browser.start(360, 740)) {
                ph.open(site.base + "/m/");
                signIn(ph, "li-wei");
                ph.waitVisible(Browser.byTest("list-view"));
                ph.click(Browser.byTest("ptab-cases"));
                By card = By.cssSelector("[data-test=case-card][data-case-id=\"" + b + "\"]");
                ph.waitFor("case B listed", d -> !d.findElements(card).isEmpty());
                assertEquals(List.of(a, b).stream().sorted().toList(), shown(ph, "case-card", "caseId").stream().sorted().toList(),
                        "my team's two cases");
                assertEquals("dispatched", ph.find(card).getAttribute("data-state"));
                noHorizontalScroll(ph);
                ph.screenshot("cases-phone-list");
                ph.click(card);
                ph.waitVisible(Browser.byTest("onsite-form"));

                ph.find(Browser.byTest("os-notes")).sendKeys("河滩两台挖机，一辆运砂车，砂来自农田");
                ph.find(Browser.byTest("os-staff")).sendKeys("3");
                ph.find(Browser.byTest("os-vehicles")).sendKeys("1");
                ph.click(Browser.byTest("os-inspection"));
                ph.find(Browser.byTest("os-plate")).sendKeys("豫a 12345");
                ph.click(Browser.byTest("os-plate-add"));
                ph.find(Browser.byTest("os-plate")).sendKeys("豫B54321", Keys.ENTER);
                ph.find(Browser.byTest("os-person")).sendKeys("王某");
                ph.click(Browser.byTest("os-person-add"));
                assertEquals(List.of("豫A12345", "豫B54321"), shown(ph, "plate-chip", "value"));
                new Select(ph.find(Browser.byTest("os-matter"))).selectByValue(CaseFixtures.FARMLAND);
                ph.click(Browser.byTest("os-matter-add"));
                new Select(ph.find(Browser.byTest("os-matter"))).selectByValue(CaseFixtures.OVERLOAD);
                new Select(ph.find(Browser.byTest("os-matter-level"))).selectByValue("emergency");
                ph.click(Browser.byTest("os-matter-add"));
                assertEquals(List.of(CaseFixtures.FARMLAND, CaseFixtures.OVERLOAD), shown(ph, "matter-pick", "code"));

                // The photo: from the file input (a phone's camera), uploaded at once with its progress.
                ph.find(Browser.byTest("os-photo")).sendKeys(photo.toString());
                By upload = Browser.byTest("upload-item");
                ph.waitFor(Duration.ofSeconds(20), "the photo uploaded", d -> {
                    List<WebElement> items = d.findElements(upload);
                    if (!items.isEmpty() && "failed".equals(items.get(0).getAttribute("data-state"))) {
                        throw new AssertionError("upload failed: " + items.get(0).getText());
                    }
                    return !items.isEmpty() && "done".equals(items.get(0).getAttribute("data-state"));
                });
                assertEquals("1", ph.find(upload).getAttribute("data-n"));
                noHorizontalScroll(ph);
                ph.script("document.querySelector('[data-test=os-matters]').scrollIntoView({block: 'center'});");
                ph.screenshot("cases-phone-onsite-form");
                ph.click(Browser.byTest("os-submit"));
                ph.waitFor("the case on site", d -> "on_site".equals(d.findElement(Browser.byTest("pcase")).getAttribute("data-state")));
                ph.waitFor("the photo shown", d -> imageLoaded(ph, By.cssSelector("[data-test=pcase-photo]")));
                assertEquals(2, ph.findAll(By.cssSelector("[data-test=pcase-matter]")).size());
                noHorizontalScroll(ph);
                ph.script("window.scrollTo(0, 0);");
                ph.screenshot("cases-phone-onsite-done");
                ph.click(Browser.byTest("lang-switch"));
                ph.waitFor("English", d -> "On site".equals(d.findElement(Browser.byTest("pcase-state")).getText()));
                noHorizontalScroll(ph);
                ph.screenshot("cases-phone-onsite-done-en");
                assertEquals(List.of(), ph.consoleErrors(), "browser console errors");
            }
            JsonNode caseB = ok(get(cmd, "/api/v1/cases/" + b));
            assertEquals("on_site", caseB.get("state").asText());
            assertEquals(1, caseB.get("photos").size());
            byte[] jpeg = Files.readAllBytes(photo);
            JsonNode p = caseB.get("photos").get(0);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)), p.get("sha256").asText());
            assertEquals(jpeg.length, p.get("bytes").asLong());
            assertEquals("image/jpeg", p.get("content_type").asText());
            assertEquals("li-wei", p.get("uploaded_by").asText());
            assertEquals(1, caseB.get("on_site").size());
            JsonNode rec = caseB.get("on_site").get(0).get("record");
            assertEquals(List.of("豫A12345", "豫B54321"), texts(rec.get("plates")));
            assertEquals(List.of("王某"), texts(rec.get("persons")));
            assertEquals(3, rec.get("staff").asInt());
            assertEquals(1, rec.get("vehicles_sent").asInt());
            assertTrue(rec.get("inspection").asBoolean());
            assertFalse(rec.get("joint_action").asBoolean());
            assertEquals("li-wei", caseB.get("on_site").get(0).get("recorded_by").asText());
            assertEquals("quick", matter(caseB, CaseFixtures.FARMLAND).get("level").asText());
            assertEquals("township", matter(caseB, CaseFixtures.FARMLAND).get("handler").asText());
            assertEquals("emergency", matter(caseB, CaseFixtures.OVERLOAD).get("level").asText(), "the level picked");
            assertEquals("transport", matter(caseB, CaseFixtures.OVERLOAD).get("handler").asText());
            long partB = System.nanoTime();

            // (c) The command centre's case page shows what the phone recorded.
            String[] patrol = new String[1];
            try (Browser br = Browser.start(1400, 1000)) {
                br.open(site.base + "/cases/?case=" + b);
                signIn(br, "cmd");
                br.waitFor("case B's detail", d -> "on_site".equals(d.findElement(Browser.byTest("case-detail")).getAttribute("data-state")));
                br.waitFor("the photo shown", d -> imageLoaded(br, Browser.byTest("case-photo")));
                assertEquals("豫A12345，豫B54321", br.find(Browser.byTest("onsite-plates")).getText());
                assertTrue(br.findAll(Browser.byTest("close-form")).size() == 1, "command may close an on-site case");
                assertEquals(List.of(a, b).stream().sorted().toList(), shown(br, "case-row", "caseId").stream().sorted().toList());
                br.screenshot("cases-command-detail");

                // Close B through the form: the township's matter with a penalty, the unreported whistled one referred.
                By farmland = By.cssSelector("[data-test=close-matter][data-code=\"" + CaseFixtures.FARMLAND + "\"]");
                By overloadRow = By.cssSelector("[data-test=close-matter][data-code=\"" + CaseFixtures.OVERLOAD + "\"]");
                assertEquals("referred", new Select(br.find(overloadRow).findElement(Browser.byTest("close-kind")))
                        .getFirstSelectedOption().getAttribute("value"), "a whistled matter not yet reported: referred");
                new Select(br.find(farmland).findElement(Browser.byTest("close-kind"))).selectByValue("penalty");
                br.find(farmland).findElement(Browser.byTest("close-notice")).sendKeys("新河罚〔2026〕8号");
                br.find(farmland).findElement(Browser.byTest("close-penalty")).sendKeys("1500.50");
                br.click(Browser.byTest("close-submit"));
                br.waitFor("case B closed", d -> "closed".equals(d.findElement(Browser.byTest("case-detail")).getAttribute("data-state")));
                br.screenshot("cases-command-closed");

                // Intake by hand (a patrol's report at the north road) and dispatch: the team by location.
                br.click(Browser.byTest("tab-intake"));
                new Select(br.find(Browser.byTest("in-source"))).selectByValue("patrol");
                br.find(Browser.byTest("in-title")).sendKeys("巡查发现河道夜间采砂");
                br.find(Browser.byTest("in-lat")).sendKeys(Double.toString(CaseFixtures.NORTH_LAT));
                br.find(Browser.byTest("in-lon")).sendKeys(Double.toString(CaseFixtures.NORTH_LON));
                br.click(Browser.byTest("in-submit"));
                br.waitFor("the new case opened", d -> "intake".equals(d.findElement(Browser.byTest("case-detail")).getAttribute("data-state")));
                String c = br.find(Browser.byTest("case-detail")).getAttribute("data-case-id");
                assertEquals("north-1", new Select(br.find(Browser.byTest("dispatch-team"))).getFirstSelectedOption()
                        .getAttribute("value"), "the team by the case's position");
                br.click(Browser.byTest("dispatch-submit"));
                br.waitFor("dispatched", d -> "dispatched".equals(d.findElement(Browser.byTest("case-detail")).getAttribute("data-state")));
                patrol[0] = c;
                JsonNode caseC = ok(get(cmd, "/api/v1/cases/" + c));
                assertEquals("patrol", caseC.get("source").asText());
                assertEquals("north-1", caseC.get("team").asText());
                assertEquals("cmd", caseC.get("opened_by").asText());
                assertEquals(List.of(), br.consoleErrors(), "browser console errors");
            }
            String closedText = get(cmd, "/api/v1/cases/" + b).body();
            JsonNode closedB = TestSite.JSON.readTree(closedText);
            assertEquals("closed", closedB.get("state").asText());
            JsonNode fine = matter(closedB, CaseFixtures.FARMLAND).get("outcome");
            assertEquals("penalty", fine.get("kind").asText());
            assertEquals("新河罚〔2026〕8号", fine.get("notice_no").asText());
            assertEquals(1500.50, fine.get("penalty_yuan").asDouble());
            assertTrue(closedText.contains("\"penalty_yuan\":1500.50"), "the amount with its two decimals: " + closedText);
            assertEquals("referred", matter(closedB, CaseFixtures.OVERLOAD).get("outcome").get("kind").asText());

            // (d) The legal office reviews B: every point met, it passes.
            try (Browser br = Browser.start(1400, 1000)) {
                br.open(site.base + "/cases/?case=" + b);
                signIn(br, "rev");
                br.waitVisible(Browser.byTest("review-form"));
                assertTrue(br.findAll(Browser.byTest("close-form")).isEmpty() && br.findAll(Browser.byTest("tab-intake"))
                        .stream().noneMatch(WebElement::isDisplayed), "a reviewer neither closes nor opens cases");
                for (WebElement box : br.findAll(Browser.byTest("review-point"))) {
                    box.click();
                }
                assertEquals("得分 100", br.find(Browser.byTest("review-score")).getText());
                br.screenshot("cases-review-form");
                br.click(Browser.byTest("review-submit"));
                br.waitFor("reviewed", d -> "reviewed".equals(d.findElement(Browser.byTest("case-detail")).getAttribute("data-state")));
                assertEquals("true", br.find(Browser.byTest("review-record")).getAttribute("data-passed"));

                // (e) The statistics tab: this month (in the county's zone) as the API counts it, charts and the XLSX.
                br.click(Browser.byTest("tab-stats"));
                br.waitVisible(Browser.byTest("stats-total"));
                String xlsx = br.find(Browser.byTest("st-xlsx")).getAttribute("href");
                String period = xlsx.substring(xlsx.indexOf("period=") + 7);
                assertTrue(period.matches("\\d{4}-\\d{2}"), xlsx);
                assertEquals(site.base + "/api/v1/stats/cases.pdf?period=" + period, br.find(Browser.byTest("st-pdf")).getAttribute("href"));
                JsonNode total = ok(get(cmd, "/api/v1/stats/cases?period=" + period)).get("total");
                if (sameMonth(ok(get(cmd, "/api/v1/cases/" + a)), ok(get(cmd, "/api/v1/cases/" + patrol[0])), period)) { // not across a month's end
                    assertEquals(3, total.get("dispatches").asInt(), "A, B and C dispatched: " + total);
                    assertEquals(5, total.get("person_times").asInt(), "2 on A and 3 on B: " + total);
                }
                for (String key : List.of("dispatches", "person_times", "vehicle_times", "inspections", "whistles", "penalties")) {
                    assertEquals(total.get(key).asText(), figure(br, key), key + " as the page shows it");
                }
                JsonNode sources = total.get("cases_by_source");
                assertEquals(sources.get("hotline").asText(), bar(br, "chart-sources", "热线举报"), "hotline cases A and B");
                assertEquals(sources.get("patrol").asText(), bar(br, "chart-sources", "巡查发现"), "patrol case C");
                br.screenshot("cases-stats");
                List<?> download = (List<?>) br.script("return fetch(arguments[0]).then(async (r) => [r.status,"
                        + " r.headers.get('content-type'), String.fromCharCode(...new Uint8Array(await r.arrayBuffer()).slice(0, 2))]);", xlsx);
                assertEquals(200L, ((Number) download.get(0)).longValue(), "the XLSX link: " + download);
                assertTrue(String.valueOf(download.get(1)).contains("spreadsheetml"), "the XLSX link: " + download);
                assertEquals("PK", download.get(2), "a zip (XLSX) body");
                assertEquals(List.of(), br.consoleErrors(), "browser console errors");
            }
            JsonNode reviewedB = ok(get(cmd, "/api/v1/cases/" + b));
            assertEquals("reviewed", reviewedB.get("state").asText());
            assertEquals(100, reviewedB.get("reviews").get(0).get("score").asInt());
            assertEquals("rev", reviewedB.get("reviews").get(0).get("reviewer").asText());

            // (f) The police's whistle of A left unanswered past its deadline (tough: acknowledge within 1 h; the
            // server's clock moved on) escalates; the police's page shows it overdue, highlighted, and nothing of
            // transport's.
            site.clock.advance(Duration.ofMinutes(61));
            ApiClient police = site.signIn("police");
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (find(ok(get(police, "/api/v1/whistles")).get("whistles"), toPolice).get("escalations").asInt() == 0) {
                assertTrue(System.nanoTime() < until, "the police's whistle escalated within 20 s");
                Thread.sleep(100);
            }
            try (Browser br = Browser.start(1280, 900)) {
                br.open(site.base + "/dept/");
                signIn(br, "police");
                By theirs = whistleCard(toPolice);
                br.waitFor("the police's whistle listed", d -> !d.findElements(theirs).isEmpty());
                assertEquals(List.of(toPolice), shownWhistles(br));
                assertEquals("true", br.find(theirs).getAttribute("data-overdue"));
                assertTrue(br.find(theirs).getAttribute("class").contains("overdue"), "highlighted");
                assertTrue(br.find(By.cssSelector(css(theirs) + " [data-test=whistle-overdue]")).isDisplayed());
                assertEquals("rgb(255, 240, 240)", br.script("return getComputedStyle(arguments[0]).backgroundColor;", br.find(theirs)));
                assertFalse(br.find(By.tagName("body")).getText().contains("货车超限超载"), "nothing of transport's matter");
                br.screenshot("cases-dept-overdue");
                assertEquals(List.of(), br.consoleErrors(), "browser console errors");
            }
            long end = System.nanoTime();
            System.out.printf("CasePagesBrowserTest: set-up %.1f s, department %.1f s, phone %.1f s, command and review pages %.1f s%n",
                    (setUp - t0) / 1e9, (partA - setUp) / 1e9, (partB - partA) / 1e9, (end - partB) / 1e9);
        }
    }

    /** A hotline case at the north road, dispatched to north-1; its id. */
    private static String openAndDispatch(ApiClient cmd, String title) throws Exception {
        String id = expect(201, post(cmd, "/api/v1/cases", TestSite.JSON.writeValueAsString(Map.of("source", "hotline",
                "title", title, "lat", CaseFixtures.NORTH_LAT, "lon", CaseFixtures.NORTH_LON)))).get("id").asText();
        assertEquals("dispatched", ok(post(cmd, "/api/v1/cases/" + id + "/dispatch", "{\"team\":\"north-1\"}"))
                .get("state").asText());
        return id;
    }

    private static void signIn(Browser b, String user) {
        b.waitVisible(Browser.byTest("sign-in-user")).sendKeys(user);
        b.find(Browser.byTest("sign-in-password")).sendKeys(CaseSite.PASSWORDS.get(user));
        b.find(Browser.byTest("sign-in-submit")).click();
        b.waitFor("signed in", d -> !d.findElement(Browser.byTest("sign-in")).isDisplayed());
    }

    /** Whether both cases were opened in this month (YYYY-MM) of the county's zone. */
    private static boolean sameMonth(JsonNode one, JsonNode other, String period) {
        java.time.format.DateTimeFormatter month = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM")
                .withZone(java.time.ZoneId.of("Asia/Shanghai"));
        return period.equals(month.format(Instant.parse(one.get("opened_at").asText())))
                && period.equals(month.format(Instant.parse(other.get("opened_at").asText())));
    }

    /** The value the statistics tab shows for a total figure. */
    private static String figure(Browser b, String key) {
        return b.find(By.cssSelector("[data-test=stats-total] [data-test=figure][data-key=\"" + key + "\"] [data-test=figure-value]"))
                .getText();
    }

    /** The value of a chart's bar by its label. */
    private static String bar(Browser b, String chart, String label) {
        return b.find(By.cssSelector("[data-test=" + chart + "] [data-test=bar][data-label=\"" + label + "\"]")).getAttribute("data-value");
    }

    private static By whistleCard(String id) {
        return By.cssSelector("[data-test=whistle-card][data-whistle-id=\"" + id + "\"]");
    }

    private static String css(By by) {
        String s = by.toString();
        return s.substring(s.indexOf(':') + 1).trim();
    }

    private static List<String> shownWhistles(Browser b) {
        return shown(b, "whistle-card", "whistleId");
    }

    /** The data-{key} of every element with this data-test, read in one go (lists re-render). */
    @SuppressWarnings("unchecked")
    private static List<String> shown(Browser b, String test, String key) {
        return (List<String>) b.script("return [...document.querySelectorAll('[data-test=' + arguments[0] + ']')]"
                + ".map((e) => e.dataset[arguments[1]]);", test, key);
    }

    private static boolean imageLoaded(Browser b, By img) {
        List<WebElement> found = b.findAll(img);
        return !found.isEmpty() && Boolean.TRUE.equals(
                b.script("return arguments[0].complete && arguments[0].naturalWidth > 0;", found.get(0)));
    }

    private static void noHorizontalScroll(Browser b) {
        Map<String, Number> w = b.widths();
        assertTrue(w.get("scrollWidth").intValue() <= w.get("clientWidth").intValue(), "horizontal scroll: " + w);
    }

    private static String whistleOf(JsonNode whistles, String department) {
        for (JsonNode w : whistles) {
            if (department.equals(w.get("department").asText())) {
                return w.get("id").asText();
            }
        }
        throw new AssertionError("no whistle to " + department + ": " + whistles);
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode x : list) {
            if (id.equals(x.get("id").asText())) {
                return x;
            }
        }
        throw new AssertionError(id + " not in " + list);
    }

    private static JsonNode matter(JsonNode c, String code) {
        for (JsonNode m : c.get("matters")) {
            if (code.equals(m.get("code").asText())) {
                return m;
            }
        }
        throw new AssertionError("no matter " + code + " in " + c.get("matters"));
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(x.get("id").asText()));
        return out;
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(x.asText()));
        return out;
    }
}
