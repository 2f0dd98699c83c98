package io.minewatch.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clip serving over real HTTP: ranges as a video element asks for them, ETags, and no way out of the store. */
class ClipHttpTest {
    private static final int SIZE = 200_000;

    @TempDir
    Path dir;
    private byte[] bytes;
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        bytes = new byte[SIZE];
        new Random(7).nextBytes(bytes);
        Path clip = dir.resolve("a1.mp4");
        Files.write(clip, bytes);
        Files.writeString(dir.resolve("secret.txt"), "not for you");
        Map<String, Path> clips = Map.of("alert-1", clip);
        server = HttpServer.start("127.0.0.1", 0, new HttpRoutes() {
            @Override
            public Health health() {
                return new Health(true, "{}");
            }

            @Override
            public String metrics() {
                return "";
            }

            @Override
            public Optional<Path> clip(String alertId) {
                return Optional.ofNullable(clips.get(alertId));
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
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

    @Test
    void unsatisfiableRangeIs416() throws Exception {
        HttpResponse<byte[]> r = get("/api/clips/alert-1", "Range", "bytes=" + SIZE + "-");
        assertEquals(416, r.statusCode());
        assertEquals("bytes */" + SIZE, r.headers().firstValue("content-range").orElseThrow());
        assertEquals(416, get("/api/clips/alert-1", "Range", "bytes=-0").statusCode());
    }

    @Test
    void matchingEtagIs304() throws Exception {
        String etag = get("/api/clips/alert-1").headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> r = get("/api/clips/alert-1", "If-None-Match", etag);
        assertEquals(304, r.statusCode());
        assertEquals(0, r.body().length);
    }

    @Test
    void unknownIdsAndPathsAre404() throws Exception {
        assertEquals(404, get("/api/clips/alert-2").statusCode());
        assertEquals(404, get("/api/clips/").statusCode());
        for (String path : new String[] {"/api/clips/../secret.txt", "/api/clips/..%2fsecret.txt",
                "/api/clips/%2e%2e%2fsecret.txt", "/api/clips/alert-1/../../secret.txt", "/api/clips/" + dir.resolve("secret.txt")}) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 404"), path + " -> " + answer.lines().findFirst().orElse(""));
            assertTrue(!answer.contains("not for you"), path);
        }
    }

    @Test
    void headSendsHeadersOnly() throws Exception {
        String answer = raw("HEAD /api/clips/alert-1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.toLowerCase().contains("content-length: " + SIZE), answer);
        assertTrue(answer.endsWith("\r\n\r\n"), "HEAD must carry no body");
    }

    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
