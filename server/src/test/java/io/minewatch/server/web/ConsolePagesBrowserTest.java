package io.minewatch.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's pages in Debian's Chromium, served by the real {@link StaticAssets}: the sign-in
 * renders in Chinese by default, the one switch turns it to English (and the choice survives a
 * reload), nothing errs in the console, and the phone page fits a 360-px screen without sideways
 * scrolling. Screenshots go to target/screenshots/.
 */
class ConsolePagesBrowserTest {
    private static AssetSite site;

    @BeforeAll
    static void serve() throws Exception {
        site = AssetSite.start(StaticAssets.fromClasspath(ConsoleHeaders.of(null)));
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void commandSignInIsChineseThenEnglishWithoutConsoleErrors() {
        try (Browser b = Browser.start(1280, 800)) {
            b.open(site.base() + "/");
            WebElement submit = b.waitVisible(Browser.byTest("sign-in-submit"));
            b.waitFor("Chinese labels", d -> !submit.getText().isEmpty());
            assertEquals("登录", submit.getText());
            assertEquals("zh-CN", b.script("return document.documentElement.lang;"));
            assertEquals("矿山监控 · 指挥中心", b.driver().getTitle());
            assertEquals("用户名", b.find(By.cssSelector("label[for=sign-in-user]")).getText());
            assertTrue(b.find(Browser.byTest("app")).isDisplayed() == false, "the console waits for a sign-in");
            b.screenshot("command-sign-in-zh");

            b.find(Browser.byTest("lang-switch")).click();
            b.waitFor("English labels", d -> "Sign in".equals(submit.getText()));
            assertEquals("en", b.script("return document.documentElement.lang;"));
            assertEquals("User", b.find(By.cssSelector("label[for=sign-in-user]")).getText());
            assertEquals("中文", b.find(Browser.byTest("lang-switch")).getText());
            b.screenshot("command-sign-in-en");

            b.driver().navigate().refresh();
            WebElement again = b.waitVisible(Browser.byTest("sign-in-submit"));
            b.waitFor("English kept after reload", d -> "Sign in".equals(again.getText()));
            b.find(Browser.byTest("lang-switch")).click();
            b.waitFor("back to Chinese", d -> "登录".equals(again.getText()));

            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void phonePageFitsA360PixelScreen() {
        try (Browser b = Browser.start(360, 740)) {
            b.open(site.base() + "/m/");
            WebElement submit = b.waitVisible(Browser.byTest("sign-in-submit"));
            b.waitFor("Chinese labels", d -> "登录".equals(submit.getText()));
            assertEquals(360L, ((Number) b.script("return window.innerWidth;")).longValue());
            assertEquals("处置人员登录", b.find(By.cssSelector("#sign-in h1")).getText());
            Map<String, Number> w = b.widths();
            assertTrue(w.get("scrollWidth").intValue() <= w.get("clientWidth").intValue(),
                    "no horizontal scroll at 360 px: " + w);
            // One-thumb buttons: the sign-in button spans the form and is at least 44 px high.
            assertTrue(submit.getSize().getHeight() >= 44, "button height " + submit.getSize());
            assertTrue(submit.getSize().getWidth() >= 300, "button width " + submit.getSize());
            b.screenshot("phone-sign-in-zh");

            b.find(Browser.byTest("lang-switch")).click();
            b.waitFor("English labels", d -> "Sign in".equals(submit.getText()));
            w = b.widths();
            assertTrue(w.get("scrollWidth").intValue() <= w.get("clientWidth").intValue(),
                    "no horizontal scroll in English: " + w);
            b.screenshot("phone-sign-in-en");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void theCasePagesSignInInChineseUnderThePolicy() {
        // /cases/ and /dept/ (issue 18): Chinese sign-in, scripts and styles allowed by the policy, no errors;
        // the command page links to /cases/.
        try (Browser b = Browser.start(1280, 800)) {
            for (String[] page : new String[][] {{"/cases/", "登录案件办理", "案件办理"}, {"/dept/", "部门登录", "吹哨报到"}}) {
                b.open(site.base() + page[0]);
                WebElement submit = b.waitVisible(Browser.byTest("sign-in-submit"));
                b.waitFor("Chinese labels on " + page[0], d -> "登录".equals(submit.getText()));
                assertEquals(page[1], b.find(By.cssSelector("#sign-in h1")).getText());
                assertEquals(page[2], b.find(By.cssSelector(".bar .brand")).getText());
                assertEquals("rgb(22, 50, 79)", b.script("return getComputedStyle(arguments[0]).backgroundColor;", submit));
                assertFalse(b.find(Browser.byTest("app")).isDisplayed(), "the page waits for a sign-in");
                b.screenshot("cases-sign-in" + page[0].replace("/", "-").replaceAll("-$", "") + "-zh");
            }
            b.open(site.base() + "/");
            WebElement link = b.waitVisible(Browser.byTest("nav-cases"));
            b.waitFor("the link's words", d -> "案件办理".equals(link.getText()));
            assertEquals(site.base() + "/cases/", link.getAttribute("href"));
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void thePolicyAllowsThePagesOwnScriptsAndStyles() {
        // A page blocked by its own Content-Security-Policy would log a violation and render unstyled.
        try (Browser b = Browser.start(1024, 700)) {
            b.open(site.base() + "/");
            WebElement submit = b.waitVisible(Browser.byTest("sign-in-submit"));
            b.waitFor("scripts ran", d -> !submit.getText().isEmpty());
            String bg = (String) b.script("return getComputedStyle(arguments[0]).backgroundColor;", submit);
            assertEquals("rgb(22, 50, 79)", bg, "the stylesheet applied");
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
