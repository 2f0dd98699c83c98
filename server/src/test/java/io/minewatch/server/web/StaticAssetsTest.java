package io.minewatch.server.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticAssetsTest {
    private final StaticAssets assets = StaticAssets.fromClasspath(ConsoleHeaders.of(null));

    private StaticAssets.Response get(String path) {
        return assets.serve(path).orElseThrow(() -> new AssertionError("not served: " + path));
    }

    @Test
    void pagesAndAssetsWithTheirTypes() {
        StaticAssets.Response command = get("/");
        assertEquals(200, command.status());
        assertEquals("text/html; charset=utf-8", command.contentType());
        assertTrue(new String(command.body(), StandardCharsets.UTF_8).contains("/assets/js/command.js"));
        StaticAssets.Response phone = get("/m/");
        assertTrue(new String(phone.body(), StandardCharsets.UTF_8).contains("/assets/js/phone.js"));
        assertEquals("text/javascript; charset=utf-8", get("/assets/js/command.js").contentType());
        assertEquals("text/css; charset=utf-8", get("/assets/css/base.css").contentType());
        assertEquals("application/json; charset=utf-8", get("/i18n/zh-CN.json").contentType());
        assertEquals("image/svg+xml", get("/assets/favicon.svg").contentType());
        assertEquals("image/svg+xml", get("/favicon.ico").contentType());
    }

    @Test
    void nettyAnswerCarriesHeadersAndBody() {
        StaticAssets.Response a = get("/i18n/en.json");
        var full = a.toNetty(false);
        var head = a.toNetty(true);
        try {
            assertEquals(200, full.status().code());
            assertEquals(a.body().length, full.content().readableBytes());
            assertEquals(String.valueOf(a.body().length), full.headers().get("Content-Length"));
            assertEquals("application/json; charset=utf-8", full.headers().get("Content-Type"));
            assertEquals(a.headers().get("ETag"), full.headers().get("ETag"));
            assertTrue(full.headers().get("Content-Security-Policy").contains("frame-ancestors 'none'"));
            assertEquals(0, head.content().readableBytes());
            assertEquals(String.valueOf(a.body().length), head.headers().get("Content-Length"));
        } finally {
            full.release();
            head.release();
        }
    }

    @Test
    void phonePathWithoutSlashRedirects() {
        StaticAssets.Response r = get("/m");
        assertEquals(308, r.status());
        assertEquals("/m/", r.headers().get("Location"));
    }

    @Test
    void casePagesAreServedAndTheirPathsWithoutSlashRedirect() {
        assertTrue(new String(get("/cases/").body(), StandardCharsets.UTF_8).contains("/assets/js/cases.js"));
        assertTrue(new String(get("/dept/").body(), StandardCharsets.UTF_8).contains("/assets/js/dept.js"));
        assertTrue(StaticAssets.owns("/cases/") && StaticAssets.owns("/dept"));
        for (String page : new String[] {"/cases", "/dept"}) {
            StaticAssets.Response r = get(page);
            assertEquals(308, r.status());
            assertEquals(page + "/", r.headers().get("Location"));
        }
    }

    @Test
    void etagRevalidatesWith304() {
        StaticAssets.Response first = get("/assets/js/api.js");
        String etag = first.headers().get("ETag");
        assertTrue(etag.matches("\"[0-9a-f]{24}\""), etag);
        assertEquals("no-cache", first.headers().get("Cache-Control"));
        StaticAssets.Response again = assets.serve("/assets/js/api.js", etag).orElseThrow();
        assertEquals(304, again.status());
        assertEquals(0, again.body().length);
        assertEquals(etag, again.headers().get("ETag"));
        assertEquals(304, assets.serve("/assets/js/api.js", "\"other\", W/" + etag).orElseThrow().status());
        assertEquals(200, assets.serve("/assets/js/api.js", "\"other\"").orElseThrow().status());
        assertFalse(etag.equals(get("/assets/js/ui.js").headers().get("ETag")), "the tag follows the content");
    }

    @Test
    void securityHeadersOnEveryAnswer() {
        for (String path : List.of("/", "/m/", "/assets/js/live.js", "/i18n/en.json", "/m")) {
            var h = get(path).headers();
            String csp = h.get("Content-Security-Policy");
            assertTrue(csp.contains("default-src 'self'"), csp);
            assertTrue(csp.contains("img-src 'self' data: blob:"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
            assertEquals("nosniff", h.get("X-Content-Type-Options"));
            assertEquals("same-origin", h.get("Referrer-Policy"));
            assertEquals("DENY", h.get("X-Frame-Options"));
        }
    }

    @Test
    void tileHostJoinsImgSrcOnly() {
        String csp = ConsoleHeaders.of("https://tiles.example.cn:8443/osm/{z}/{x}/{y}.png").asMap().get("Content-Security-Policy");
        assertTrue(csp.contains("img-src 'self' data: blob: https://tiles.example.cn:8443;"), csp);
        assertFalse(csp.contains("default-src 'self' https"), csp);
        assertEquals("https://*.tile.example.org",
                ConsoleHeaders.tileOrigin("https://{s}.tile.example.org/{z}/{x}/{y}.png"));
        for (String bad : List.of("javascript:alert(1)//{z}/{x}/{y}", "ftp://x/{z}/{x}/{y}", "/tiles/{z}/{x}/{y}",
                "https://user:pw@tiles.example/{z}/{x}/{y}", "https://a b/{z}", "https://x;script-src *")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsoleHeaders.of(bad), bad);
            assertTrue(e.getMessage().contains("http.console.map_tiles"), e.getMessage());
            assertFalse(e.getMessage().contains("pw"), "no credential in the error");
        }
    }

    @Test
    void pathTraversalAndOddPathsAreNotServed() {
        // Paths arrive decoded (QueryStringDecoder.path()), so %2e%2e is already "..".
        List<String> attacks = List.of("/assets/../index.html", "/assets/../../logback.xml", "/i18n/../index.html",
                "/assets/js/../../../logback.xml", "/assets//js/api.js", "/assets/./js/api.js", "/assets/.hidden.js",
                "/assets/js\\..\\..\\logback.xml", "/assets/%2e%2e/logback.xml", "/assets/js/api.js\u0000.png",
                "/assets/js/api.js/", "/assets/", "/i18n/", "/assets/js", "/m/../index.html", "/m/x.html",
                "/logback.xml", "/web/index.html", "/index.html", "/assets/js/api.java", "/assets/js/API.JS.class",
                "/assets/META-INF/MANIFEST.MF", "/i18n/zh-CN.json.bak", "/assets/a/b/c/d/e/f/g.js", "/assets/js/nope.js");
        for (String path : attacks) {
            assertTrue(assets.serve(path).isEmpty(), "served " + path);
        }
        assertTrue(assets.serve(null).isEmpty());
        assertTrue(assets.serve("/api/v1/alerts").isEmpty());
    }

    @Test
    void ownsOnlyTheConsolePaths() {
        assertTrue(StaticAssets.owns("/"));
        assertTrue(StaticAssets.owns("/m/"));
        assertTrue(StaticAssets.owns("/assets/js/api.js"));
        assertTrue(StaticAssets.owns("/i18n/en.json"));
        assertFalse(StaticAssets.owns("/api/v1/me"));
        assertFalse(StaticAssets.owns("/healthz"));
        assertFalse(StaticAssets.owns("/metrics"));
        assertFalse(StaticAssets.owns("/mx"));
    }

    @Test
    void aFolderOnDiskServesEditsAndNothingOutsideIt(@TempDir Path tmp) throws IOException {
        Path web = Files.createDirectories(tmp.resolve("web"));
        Files.createDirectories(web.resolve("assets"));
        Files.writeString(web.resolve("index.html"), "<!doctype html><title></title>");
        Files.writeString(tmp.resolve("secret.json"), "{\"password\":\"x\"}");
        Files.createSymbolicLink(web.resolve("assets/leak.json"), tmp.resolve("secret.json"));
        Files.createSymbolicLink(web.resolve("i18n"), tmp);
        StaticAssets disk = StaticAssets.fromDirectory(web, ConsoleHeaders.of(null));
        StaticAssets.Response first = disk.serve("/").orElseThrow();
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>changed</title>");
        StaticAssets.Response edited = disk.serve("/").orElseThrow();
        assertArrayEquals("<!doctype html><title>changed</title>".getBytes(StandardCharsets.UTF_8), edited.body());
        assertFalse(first.headers().get("ETag").equals(edited.headers().get("ETag")));
        assertTrue(disk.serve("/assets/leak.json").isEmpty(), "a link out of the folder is not followed");
        assertTrue(disk.serve("/i18n/secret.json").isEmpty(), "a linked folder out of the folder is not followed");
        assertTrue(disk.serve("/assets/../../secret.json").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StaticAssets.fromDirectory(tmp.resolve("nope"), ConsoleHeaders.of(null)));
        assertTrue(e.getMessage().contains("nope"));
    }
}
