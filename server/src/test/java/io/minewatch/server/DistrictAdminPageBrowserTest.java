package io.minewatch.server;

import static io.minewatch.server.CaseHttp.get;
import static io.minewatch.server.CaseHttp.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.server.web.Browser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The admin page's patrol districts, in Chromium against the real server: the YAML's listed read-only; a
 * district with an unknown member is refused with the message naming the field and nothing is added; the
 * same district with a known member, saved from the page's YAML editor, is listed as registered and is in
 * the catalogue every role reads.
 */
@Timeout(90)
class DistrictAdminPageBrowserTest {
    private static final String DISTRICT = """
            id: east
            name: 东片区
            township: Xinhe
            boundary: [[30.50, 114.45], [30.50, 114.65], [30.80, 114.65], [30.80, 114.45]]
            teams:
              - {id: east-1, name: 东片一队, members: [%s]}
            """;

    @TempDir
    Path dir;

    @Test
    void anAdminAddsADistrictFromThePage() throws Exception {
        assumeTrue(Browser.available(), "Chromium and chromedriver are needed");
        try (CaseSite site = new CaseSite(dir, Instant.parse("2026-11-24T02:00:00Z"), 1 << 20);
             Browser b = Browser.start(1366, 1000)) {
            b.open(site.base + "/admin/");
            b.waitVisible(Browser.byTest("sign-in-user")).sendKeys("admin");
            b.find(Browser.byTest("sign-in-password")).sendKeys(CaseSite.PASSWORDS.get("admin"));
            b.find(Browser.byTest("sign-in-submit")).click();
            b.waitFor("the YAML's districts listed", d -> d.findElements(row("north")).size() == 1
                    && d.findElements(row("south")).size() == 1);
            assertTrue(b.find(row("north")).getText().contains("北片一队"), b.find(row("north")).getText());
            assertTrue(b.findAll(By.cssSelector("[data-test=district-remove]")).isEmpty(), "YAML districts are read-only");

            b.find(Browser.byTest("district-add")).click();
            b.script("arguments[0].value = arguments[1]", b.waitVisible(Browser.byTest("district-yaml")),
                    DISTRICT.formatted("ghost"));
            b.find(Browser.byTest("district-save")).click();
            String error = b.waitVisible(Browser.byTest("district-error")).getText();
            assertTrue(error.contains("teams[0].members") && error.contains("ghost"), error);
            assertTrue(b.findAll(row("east")).isEmpty(), "nothing added");

            b.script("arguments[0].value = arguments[1]", b.find(Browser.byTest("district-yaml")),
                    DISTRICT.formatted("zhang-min"));
            b.find(Browser.byTest("district-save")).click();
            b.waitFor("the registered district listed", d -> d.findElements(row("east")).size() == 1);
            String text = b.find(row("east")).getText();
            assertTrue(text.contains("东片一队") && text.contains("zhang-min"), text);
            assertEquals(1, b.find(row("east")).findElements(By.cssSelector("[data-test=district-remove]")).size());
            JsonNode catalogue = ok(get(site.signIn("cmd"), "/api/v1/catalogue"));
            List<String> ids = new ArrayList<>();
            catalogue.get("districts").forEach(d -> ids.add(d.get("id").asText()));
            assertEquals(List.of("north", "south", "east"), ids);
        }
    }

    private static By row(String id) {
        return By.cssSelector("[data-test=district-row][data-id=\"" + id + "\"]");
    }
}
