package io.minewatch.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.clips.ClipStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clip serving over real HTTP from a real clip store: ranges as a video element asks for them, ETags,
 * every view from byte 0 audited however its Range is spelt, and no way out of the store.
 */
class ClipHttpTest {
    private static final int SIZE = 200_000;

    @TempDir
    Path dir;
    private byte[] bytes;
    private Path clip;
    private ClipFixture site;
    private HttpServer server;
    private String cookie;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        bytes = new byte[SIZE];
        new Random(7).nextBytes(bytes);
        site = new ClipFixture(dir.resolve("storage"));
        clip = site.addClip("cam-1", "alert-1", bytes);
        Files.writeString(dir.resolve("secret.txt"), "not for you");
        Files.writeString(site.storage.resolve("secret.txt"), "not for you");
        server = site.start();
        cookie = ClipFixture.cookie(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        site.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Cookie", cookie);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private int views() throws Exception {
        return site.entries("clip_viewed").size();
    }

    @Test
    void wholeClipWithItsHeaders() throws Exception {
        HttpResponse<byte[]> r = get("/api/clips/alert-1");
        assertEquals(200, r.statusCode());
        assertArrayEquals(bytes, r.body());
        assertEquals("video/mp4", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("bytes", r.headers().firstValue("accept-ranges").orElseThrow());
        assertEquals(Long.toString(SIZE), r.headers().firstValue("content-length").orElseThrow());
        assertTrue(r.headers().firstValue("etag").isPresent());
        assertEquals(1, views());
        assertEquals("clips/cam-1/2026-11-30/alert-1.mp4", site.entries("clip_viewed").get(0).subject());
        assertEquals(ClipFixture.USER, site.entries("clip_viewed").get(0).actor(), "the signed-in caller is the actor");
    }

    @Test
    void firstBytesMiddleAndSuffixRangesOnOneConnection() throws Exception {
        assertRange(get("/api/clips/alert-1", "Range", "bytes=0-1"), 0, 1);
        assertRange(get("/api/clips/alert-1", "Range", "bytes=100000-100999"), 100_000, 100_999);
        assertRange(get("/api/clips/alert-1", "Range", "bytes=-500"), SIZE - 500, SIZE - 1);
        assertRange(get("/api/clips/alert-1", "Range", "bytes=199000-"), 199_000, SIZE - 1);
        assertRange(get("/api/clips/alert-1", "Range", "bytes=5-"), 5, SIZE - 1);
        // A range running past the end is cut at the end.
        assertRange(get("/api/clips/alert-1", "Range", "bytes=199990-300000"), 199_990, SIZE - 1);
    }

    private void assertRange(HttpResponse<byte[]> r, int first, int last) {
        assertEquals(206, r.statusCode());
        assertEquals("bytes " + first + "-" + last + "/" + SIZE, r.headers().firstValue("content-range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(bytes, first, last + 1), r.body());
    }

    /**
     * Regression: only the literal prefix {@code bytes=0-} was audited, so {@code bytes=00-} or a
     * suffix longer than the clip downloaded all of it with no {@code clip_viewed} entry. Every
     * answer whose body starts at byte 0 must now be audited, whatever the spelling.
     */
    @Test
    void everyViewFromByteZeroIsAuditedHoweverTheRangeIsSpelt() throws Exception {
        String[][] fromStart = {
            {"bytes=00-", "206"}, {"bytes=0-", "206"}, {"bytes=000000-9", "206"},
            {"bytes=-99999999999", "206"}, {"bytes=-" + SIZE, "206"},
            {"bytes=-99999999999999999999999999", "206"}, {"bytes=0-99999999999999999999999999", "206"},
            {"BYTES=0-", "206"}, {"bytes=0-0,100-200", "200"}, {"bytes=100-200, 0-", "200"},
            {"bytes=abc", "200"}, {"bytes=5-3", "200"}, {"bytes=+5-", "200"}, {"items=100-", "200"},
            {"bytes=", "200"},
        };
        int before = views();
        for (String[] c : fromStart) {
            HttpResponse<byte[]> r = get("/api/clips/alert-1", "Range", c[0]);
            assertEquals(Integer.parseInt(c[1]), r.statusCode(), c[0]);
            assertTrue(r.body().length > 0 && r.body()[0] == bytes[0], c[0]);
            assertEquals(++before, views(), "a view from byte 0 with Range " + c[0] + " must be audited");
        }
        assertEquals(SIZE, get("/api/clips/alert-1", "Range", "bytes=00-").body().length);
        assertEquals(SIZE, get("/api/clips/alert-1", "Range", "bytes=-99999999999").body().length);
    }

    /**
     * Regression: {@code bytes=1-} downloaded all but the (well-known) first byte of a clip with no
     * audit entry. A client's first read of a clip from any offset is a view; its further ranges
     * within the window (a browser seeking) are not each a new entry; answers without a body
     * (416, 304, HEAD) are not views.
     */
    @Test
    void aClientsFirstReadFromAnyOffsetIsAuditedItsSeeksAreNot() throws Exception {
        String[] notFromStart = {"bytes=1-", "bytes=100-", "bytes=-10", "bytes=5000-6000"};
        for (String range : notFromStart) {
            assertEquals(206, get("/api/clips/alert-1", "Range", range).statusCode(), range);
        }
        assertEquals(1, views(), "the first read (bytes=1-) is audited, the seeks after it are not");
        assertEquals(416, get("/api/clips/alert-1", "Range", "bytes=" + SIZE + "-").statusCode());
        assertEquals(416, get("/api/clips/alert-1", "Range", "bytes=99999999999999999999999-").statusCode());
        String etag = get("/api/clips/alert-1", "Range", "bytes=1-1").headers().firstValue("etag").orElseThrow();
        assertEquals(304, get("/api/clips/alert-1", "If-None-Match", etag).statusCode());
        assertTrue(ClipFixture.raw(server.port(), "127.0.0.1",
                "HEAD /api/clips/alert-1 HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
        assertEquals(1, views());
        get("/api/clips/alert-1", "Range", "bytes=0-");
        assertEquals(2, views(), "a new playback from byte 0 is audited again");
    }

    @Test
    void unsatisfiableRangeIs416() throws Exception {
        HttpResponse<byte[]> r = get("/api/clips/alert-1", "Range", "bytes=" + SIZE + "-");
        assertEquals(416, r.statusCode());
        assertEquals("bytes */" + SIZE, r.headers().firstValue("content-range").orElseThrow());
        assertEquals(416, get("/api/clips/alert-1", "Range", "bytes=-0").statusCode());
        assertEquals(416, get("/api/clips/alert-1", "Range", "bytes=99999999999999999999999-").statusCode());
    }

    @Test
    void matchingEtagIs304() throws Exception {
        String etag = get("/api/clips/alert-1").headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> r = get("/api/clips/alert-1", "If-None-Match", etag);
        assertEquals(304, r.statusCode());
        assertEquals(0, r.body().length);
    }

    /**
     * Against the real handler and a real store (the old test used a map, so it could not fail):
     * paths, encodings, absolute names and the clip's own file name are not ids, and nothing outside
     * the store, nor the clip by any other name, comes back.
     */
    @Test
    void unknownIdsAndPathsAre404() throws Exception {
        String abs = dir.resolve("secret.txt").toString();
        String relative = site.store.relative(clip);
        String[] paths = {
            "/api/clips/alert-2", "/api/clips/", "/api/clips/../secret.txt", "/api/clips/..%2fsecret.txt",
            "/api/clips/%2e%2e%2fsecret.txt", "/api/clips/%2e%2e/%2e%2e/secret.txt", "/api/clips/alert-1/../../secret.txt",
            "/api/clips/..%5csecret.txt", "/api/clips/%2e%2e%5c%2e%2e%5csecret.txt", "/api/clips/" + abs,
            "/api/clips/" + URLEncoder.encode(abs, StandardCharsets.UTF_8), "/api/clips/%2Fetc%2Fpasswd",
            "/api/clips/alert-1.mp4", "/api/clips/alert-1.json", "/api/clips/" + relative,
            "/api/clips/" + URLEncoder.encode(relative, StandardCharsets.UTF_8), "/api/clips/cam-1",
            "/api/clips/clips", "/api/clips/alert-1%00", "/api/clips/alert-1%2f", "/api/clips/ALERT-1",
            "/api/clips/" + "a".repeat(65), "/api/clips/alert-1?x=../../secret.txt%00",
        };
        for (String path : paths) {
            String answer = ClipFixture.get(server.port(), "127.0.0.1", path, cookie);
            String status = answer.lines().findFirst().orElse("");
            assertTrue(answer.startsWith("HTTP/1.1 404") || (path.contains("?") && answer.startsWith("HTTP/1.1 200")),
                    path + " -> " + status);
            assertFalse(answer.contains("not for you"), path);
            if (!path.contains("?")) {
                assertFalse(answer.length() > 1000, path + " sent a body: " + status);
            }
        }
        // Only the query-string case named the real id: one view, the others none.
        assertEquals(1, views());
    }

    @Test
    void malformedEscapesAre400NotAClosedConnection() throws Exception {
        assertTrue(ClipFixture.get(server.port(), "127.0.0.1", "/api/clips/%zz", cookie).startsWith("HTTP/1.1 400"));
        assertTrue(ClipFixture.get(server.port(), "127.0.0.1", "/api/clips/alert-%", cookie).startsWith("HTTP/1.1 400"));
    }

    @Test
    void headSendsHeadersOnly() throws Exception {
        String answer = ClipFixture.raw(server.port(), "127.0.0.1",
                "HEAD /api/clips/alert-1 HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.toLowerCase().contains("content-length: " + SIZE), answer);
        assertTrue(answer.endsWith("\r\n\r\n"), "HEAD must carry no body");
    }

    /**
     * Regression: each clip request walked the whole clip tree (and an unknown id always did). Now the
     * store answers from its index: hundreds of requests, known and unknown, cost at most the rescans
     * its rate limit allows.
     */
    @Test
    void clipsAreFoundByIdWithoutWalkingTheTreePerRequest() throws Exception {
        for (int i = 0; i < 40; i++) {
            site.addClip("cam-" + (i % 4), "other-" + i, new byte[] {1, 2, 3});
        }
        get("/api/clips/alert-1");
        long scans = site.store.scans();
        long start = System.nanoTime();
        int requests = 0;
        for (int i = 0; i < 150; i++) {
            assertEquals(206, get("/api/clips/other-" + (i % 40), "Range", "bytes=1-").statusCode());
            assertEquals(404, get("/api/clips/missing-" + i).statusCode());
            requests += 2;
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long allowed = 1 + elapsedMillis / ClipStore.RESCAN_MILLIS;
        long walked = site.store.scans() - scans;
        assertTrue(walked <= allowed, requests + " requests walked the tree " + walked + " times in "
                + elapsedMillis + " ms (allowed " + allowed + ")");
    }
}
