package io.minewatch.server.flights.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tus routes over the real server: the protocol's answers, a connection cut mid-body resumed to a
 * byte-identical file, the size limit (nothing kept), and attacks on ownership (another user's upload
 * is 404 and stays intact) and roles (an official, no session, no CSRF token: refused before a byte is stored).
 */
class TusUploadTest {
    private static final long LIMIT = 8 << 20;
    @TempDir
    Path dir;
    UploadSite site;
    UploadSite.User ana;

    @BeforeEach
    void start() throws Exception {
        site = new UploadSite(dir, new UploadLimits(LIMIT, 3));
        ana = site.signIn("ana");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private Path data(String path) {
        return dir.resolve("uploads").resolve(UploadSite.id(path) + ".bin");
    }

    @Test
    void speaksTusCoreCreationAndTermination() throws Exception {
        HttpResponse<String> options = site.send(site.request(ana, "/api/v1/uploads"), "OPTIONS");
        assertEquals(204, options.statusCode());
        assertEquals("1.0.0", options.headers().firstValue("tus-version").orElse(""));
        assertEquals("creation,termination", options.headers().firstValue("tus-extension").orElse(""));
        assertEquals(Long.toString(LIMIT), options.headers().firstValue("tus-max-size").orElse(""));

        HttpResponse<String> created = site.create(ana, 1000, "a.mp4");
        assertEquals(201, created.statusCode());
        String path = created.headers().firstValue("location").orElseThrow();
        assertTrue(path.matches("/api/v1/uploads/[A-Za-z0-9_-]{22}"), path);
        assertEquals("1.0.0", created.headers().firstValue("tus-resumable").orElse(""));
        HttpResponse<String> head = site.send(site.request(ana, path), "HEAD");
        assertEquals(200, head.statusCode());
        assertEquals("0", head.headers().firstValue("upload-offset").orElse(""));
        assertEquals("1000", head.headers().firstValue("upload-length").orElse(""));
        assertEquals("no-store", head.headers().firstValue("cache-control").orElse(""));

        byte[] bytes = random(1000, 1);
        HttpResponse<String> first = site.patch(ana, path, 0, Arrays.copyOf(bytes, 400));
        assertEquals(204, first.statusCode(), first.body());
        assertEquals("400", first.headers().firstValue("upload-offset").orElse(""));
        HttpResponse<String> wrong = site.patch(ana, path, 300, new byte[10]);
        assertEquals(409, wrong.statusCode(), "an offset other than the upload's: " + wrong.body());
        assertEquals("400", wrong.headers().firstValue("upload-offset").orElse(""));
        HttpResponse<String> type = site.http.send(site.request(ana, path).header("Upload-Offset", "400")
                .header("Content-Type", "application/json").method("PATCH",
                        java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, type.statusCode());
        HttpResponse<String> noVersion = site.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(site.base + path)).header("Cookie", ana.cookie())
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(412, noVersion.statusCode());
        assertEquals("1.0.0", noVersion.headers().firstValue("tus-version").orElse(""));
        HttpResponse<String> continued = site.http.send(site.request(ana, path).expectContinue(true)
                .header("Upload-Offset", "400").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        Arrays.copyOfRange(bytes, 400, 1000))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, continued.statusCode(), "Expect: 100-continue is answered: " + continued.body());
        assertArrayEquals(bytes, Files.readAllBytes(data(path)));

        assertEquals(204, site.send(site.request(ana, path), "DELETE").statusCode());
        assertEquals(404, site.send(site.request(ana, path), "HEAD").statusCode());
        assertTrue(isEmpty(dir.resolve("uploads")), "termination leaves nothing");
    }

    @Test
    void aConnectionCutMidBodyResumesToAByteIdenticalFile() throws Exception {
        byte[] bytes = random(6 << 20, 2);
        String path = site.created(ana, bytes.length, "flight.mp4");
        int cutAt = (5 << 20) / 2;
        try (Socket s = site.connect()) {
            OutputStream out = s.getOutputStream();
            UploadSite.write(out, UploadSite.patchHead(ana, path, 0, "Content-Length: " + bytes.length));
            out.write(bytes, 0, cutAt);
            out.flush();
            s.setSoLinger(true, 0); // the cut: a reset, as when a link drops
        }
        long offset = awaitWritable(path);
        assertTrue(offset > 0 && offset <= cutAt, "kept what arrived before the cut: " + offset);
        HttpResponse<String> rest = site.patch(ana, path, offset, Arrays.copyOfRange(bytes, (int) offset, bytes.length));
        assertEquals(204, rest.statusCode(), rest.body());
        assertEquals(Long.toString(bytes.length), rest.headers().firstValue("upload-offset").orElse(""));
        assertEquals(sha256(bytes), sha256(Files.readAllBytes(data(path))), "byte-identical after the resumption");
    }

    /** Polls HEAD until the cut PATCH has been aborted (a PATCH of nothing is taken); returns the offset. */
    private long awaitWritable(String path) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            long offset = site.offset(ana, path);
            if (site.patch(ana, path, offset, new byte[0]).statusCode() == 204) {
                return offset;
            }
            Thread.sleep(20);
        }
        fail("the cut PATCH never released its upload");
        return -1;
    }

    @Test
    void theSizeLimitIsEnforcedAndNothingIsKept() throws Exception {
        HttpResponse<String> big = site.create(ana, LIMIT + 1, "big.mp4");
        assertEquals(413, big.statusCode(), big.body());
        assertEquals(Long.toString(LIMIT), big.headers().firstValue("tus-max-size").orElse(""));
        assertTrue(isEmpty(dir.resolve("uploads")), "a refused creation stores nothing");

        String path = site.created(ana, 1000, "small.mp4");
        assertEquals(204, site.patch(ana, path, 0, random(100, 3)).statusCode());
        HttpResponse<String> declared = site.patch(ana, path, 100, random(1000, 4));
        assertEquals(413, declared.statusCode(), "Content-Length past Upload-Length: " + declared.body());
        assertEquals(100, site.offset(ana, path));
        // A chunked body declares no length: refused when it runs past, this PATCH's bytes taken back.
        try (Socket s = site.connect()) {
            OutputStream out = s.getOutputStream();
            UploadSite.write(out, UploadSite.patchHead(ana, path, 100, "Transfer-Encoding: chunked"));
            for (int i = 0; i < 20; i++) {
                UploadSite.write(out, "64\r\n");
                out.write(random(100, 10 + i));
                UploadSite.write(out, "\r\n");
            }
            UploadSite.write(out, "0\r\n\r\n");
            out.flush();
            String answer = UploadSite.readResponse(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413") && answer.contains("runs past Upload-Length"), answer);
        }
        assertEquals(100, site.offset(ana, path), "the overflowing PATCH kept nothing");
        assertEquals(100, Files.size(data(path)));

        site.created(ana, 10, "b");
        site.created(ana, 10, "c");
        HttpResponse<String> fourth = site.create(ana, 10, "d");
        assertEquals(409, fourth.statusCode(), "three open uploads per user: " + fourth.body());
    }

    @Test
    void anotherUsersUploadIs404AndStaysIntact() throws Exception {
        byte[] bytes = random(500, 5);
        String path = site.created(ana, 1000, "mine.mp4");
        assertEquals(204, site.patch(ana, path, 0, bytes).statusCode());
        UploadSite.User bo = site.signIn("bo");
        HttpResponse<String> none = site.send(site.request(bo, "/api/v1/uploads/AAAAAAAAAAAAAAAAAAAAAA"), "HEAD");
        assertEquals(404, none.statusCode());
        assertEquals(404, site.send(site.request(bo, path), "HEAD").statusCode());
        assertEquals(404, site.patch(bo, path, 500, random(500, 6)).statusCode());
        assertEquals(404, site.send(site.request(bo, path), "DELETE").statusCode());
        HttpResponse<String> steal = site.submit(bo, "{\"video_upload\":\"" + UploadSite.id(path) + "\"}");
        assertEquals(404, steal.statusCode(), steal.body());
        assertEquals(UploadSite.json(site.submit(bo, "{\"video_upload\":\"AAAAAAAAAAAAAAAAAAAAAA\"}").body())
                .get("error").asText().replace("AAAAAAAAAAAAAAAAAAAAAA", "X"),
                UploadSite.json(steal.body()).get("error").asText().replace(UploadSite.id(path), "X"),
                "indistinguishable from an unknown upload");
        assertEquals(500, site.offset(ana, path), "ana's upload untouched");
        assertArrayEquals(bytes, Files.readAllBytes(data(path)));
    }

    @Test
    void officialsStrangersAndRequestsWithoutTheCsrfTokenAreRefusedBeforeAByteIsStored() throws Exception {
        String path = site.created(ana, 1000, "mine.mp4");
        UploadSite.User li = site.signIn("li");
        for (String[] op : List.of(new String[] {"POST", "/api/v1/uploads"}, new String[] {"HEAD", path},
                new String[] {"DELETE", path}, new String[] {"OPTIONS", "/api/v1/uploads"},
                new String[] {"POST", "/api/v1/flights"})) {
            assertEquals(403, site.send(site.request(li, op[1]).header("Upload-Length", "10"), op[0]).statusCode(),
                    "official: " + op[0] + " " + op[1]);
            assertEquals(401, site.send(site.request(null, op[1]), op[0]).statusCode(), "no session: " + op[1]);
        }
        assertEquals(403, site.patch(li, path, 0, random(100, 7)).statusCode(), "official PATCH");
        assertEquals(401, site.patch(null, path, 0, random(100, 7)).statusCode(), "PATCH without a session");
        UploadSite.User forged = new UploadSite.User(ana.cookie(), "not-the-token");
        HttpResponse<String> csrf = site.patch(forged, path, 0, random(100, 7));
        assertEquals(403, csrf.statusCode());
        assertTrue(csrf.body().contains("X-CSRF-Token"), csrf.body());
        assertEquals(0, site.offset(ana, path), "nothing stored by the refused PATCHes");
        assertEquals(0, Files.size(data(path)));
        assertEquals(201, site.create(site.signIn("cc"), 10, "x").statusCode(), "command may upload");
    }

    @Test
    void theConnectionServesOtherRequestsAfterAStreamedBody() throws Exception {
        String path = site.created(ana, 300, "a");
        byte[] bytes = random(300, 8);
        try (Socket s = site.connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // The PATCH and a GET pipelined behind it: the GET waits for the PATCH's answer, then goes through.
            UploadSite.write(out, UploadSite.patchHead(ana, path, 0, "Content-Length: 300"));
            out.write(bytes);
            UploadSite.write(out, "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: " + ana.cookie() + "\r\n\r\n");
            out.flush();
            String patched = UploadSite.readResponse(in);
            assertTrue(patched.startsWith("HTTP/1.1 204") && patched.toLowerCase().contains("upload-offset: 300"), patched);
            String me = UploadSite.readResponse(in);
            assertTrue(me.startsWith("HTTP/1.1 200") && me.contains("\"id\":\"ana\""), me);
        }
        assertArrayEquals(bytes, Files.readAllBytes(data(path)));
    }

    static boolean isEmpty(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
