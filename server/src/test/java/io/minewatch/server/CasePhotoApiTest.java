package io.minewatch.server;

import static io.minewatch.server.CaseHttp.expect;
import static io.minewatch.server.CaseHttp.get;
import static io.minewatch.server.CaseHttp.ok;
import static io.minewatch.server.CaseHttp.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On-site photos through the real server: the body streamed to disk and bounded by
 * {@code cases.max_photo_mb} (413 for a declared length over it before the body is read, and for a chunked
 * body as it passes it — nothing kept either way), a wrong Content-Type or a body that is not the image
 * it claims is 400, a half-written body of a previous run is deleted at the start, and the stored file's SHA-256 is the answer's and the sent bytes'; the photo reads back
 * byte for byte for whoever reads the case (an official of another team: 404; a department: 403).
 */
@Timeout(90)
class CasePhotoApiTest {
    /** Small enough that an over-bound body fits in the socket buffers whole (the server answers, then closes). */
    static final int MAX = 32 << 10;

    @TempDir
    Path dir;

    @Test
    void photosAreStreamedBoundedCheckedAndKeptExactly() throws Exception {
        byte[] jpeg = Files.readAllBytes(CaseSite.frame());
        assertTrue(jpeg.length > 1000 && jpeg.length < MAX, "the frame fits the bound: " + jpeg.length);
        Path stale = Files.createDirectories(dir.resolve("data/cases/incoming")).resolve("C-20261120-0001-77.part");
        Files.write(stale, Arrays.copyOf(jpeg, 100)); // a body a stopped server left half-written
        try (CaseSite site = new CaseSite(dir, Instant.parse("2026-11-21T02:00:00Z"), MAX)) {
            assertTrue(Files.notExists(stale), "an unfinished upload of a previous run is deleted at the start");
            ApiClient cmd = site.signIn("cmd");
            ApiClient li = site.signIn("li-wei");
            String id = expect(201, post(cmd, "/api/v1/cases", """
                    {"source":"hotline","note":"村民举报河边有人挖砂","lat":%s,"lon":%s}"""
                    .formatted(CaseFixtures.NORTH_LAT, CaseFixtures.NORTH_LON))).get("id").asText();
            ok(post(cmd, "/api/v1/cases/" + id + "/dispatch", "{\"team\":\"north-1\"}"));
            String photos = "/api/v1/cases/" + id + "/photos";
            Path incoming = site.storage.resolve("cases/incoming");

            // The wrong type of body (refused on its headers: a short body, so that the answer is read before the close).
            byte[] some = Arrays.copyOf(jpeg, 512);
            expect(400, post(li, photos, "text/plain", HttpRequest.BodyPublishers.ofByteArray(some)));
            expect(400, post(li, photos, null, HttpRequest.BodyPublishers.ofByteArray(some)));
            JsonNode notPng = expect(400, post(li, photos, "image/png", HttpRequest.BodyPublishers.ofByteArray(jpeg)));
            assertTrue(notPng.get("error").asText().contains("png"), notPng.toString());
            expect(400, post(li, photos, "image/jpeg", HttpRequest.BodyPublishers.ofByteArray("GIF89a".getBytes())));

            // Over the bound: declared (refused before a byte is read), and chunked (refused as it passes).
            String head = "POST " + photos + " HTTP/1.1\r\nHost: x\r\nCookie: " + li.cookie() + "\r\nX-CSRF-Token: "
                    + li.csrf() + "\r\nContent-Type: image/jpeg\r\n";
            String declared = exchange(site, head + "Content-Length: " + (MAX + 1) + "\r\n\r\n", null);
            assertTrue(declared.startsWith("HTTP/1.1 413") && declared.contains("at most " + MAX), declared);
            byte[] big = Arrays.copyOf(jpeg, MAX + 100);
            String chunked = exchange(site, head + "Transfer-Encoding: chunked\r\n\r\n", big);
            assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked);
            JsonNode none = ok(get(li, "/api/v1/cases/" + id));
            assertEquals(0, none.get("photos").size(), "nothing refused was kept");
            assertTrue(!Files.exists(site.storage.resolve("cases/" + id)) || files(site.storage.resolve("cases/" + id))
                    .isEmpty(), "no file of the case");

            // A real JPEG: stored exactly, its SHA-256 the answer's.
            HttpResponse<String> r = post(li, photos, "image/jpeg",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(jpeg)));
            JsonNode photo = expect(201, r);
            ApiSchemas.check("Photo", photo);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg));
            assertEquals(sha, photo.get("sha256").asText());
            assertEquals(jpeg.length, photo.get("bytes").asLong());
            assertEquals(1, photo.get("n").asInt());
            assertEquals("/api/v1/cases/" + id + "/photos/1", photo.get("url").asText());
            List<Path> stored = files(site.storage.resolve("cases/" + id));
            assertEquals(1, stored.size(), stored.toString());
            assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(stored.get(0)))), "the stored file's SHA-256 is the answer's");
            assertTrue(!Files.exists(incoming) || files(incoming).isEmpty(), "nothing left in incoming/");

            // Read back by whoever reads the case.
            for (String user : List.of("cmd", "ana", "rev", "li-wei")) {
                HttpResponse<byte[]> back = site.signIn(user).get(photo.get("url").asText());
                assertEquals(200, back.statusCode(), user);
                assertEquals("image/jpeg", back.headers().firstValue("content-type").orElse(""), user);
                assertArrayEquals(jpeg, back.body(), user);
            }
            assertEquals(404, site.signIn("zhang-min").get(photo.get("url").asText()).statusCode(), "another team");
            assertEquals(403, site.signIn("police").get(photo.get("url").asText()).statusCode(), "a department");
            assertEquals(404, li.get("/api/v1/cases/" + id + "/photos/2").statusCode());
            expect(404, post(site.signIn("zhang-min"), photos, "image/jpeg", HttpRequest.BodyPublishers.ofByteArray(some)));
            JsonNode c = ok(get(cmd, "/api/v1/cases/" + id));
            assertEquals(1, c.get("photos").size());
            assertEquals(sha, c.get("photos").get(0).get("sha256").asText());
            assertTrue(Files.readString(site.storage.resolve("evidence/audit.jsonl")).contains("\"action\":\"case_photo\""));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** A raw request (the head, then the body in 8 KiB chunks when given) and the answer's head and body. */
    private static String exchange(CaseSite site, String head, byte[] chunkedBody) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", site.app.httpPort()), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            if (chunkedBody != null) {
                for (int at = 0; at < chunkedBody.length; at += 8192) {
                    int n = Math.min(8192, chunkedBody.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunkedBody, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
