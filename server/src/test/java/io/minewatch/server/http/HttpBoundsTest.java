package io.minewatch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.HttpConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the cost of HTTP requests, each on a real socket: a client that dribbles its headers, a
 * client that opens more requests than its share, and a burst of evidence exports, while other
 * clients must still be served promptly.
 */
class HttpBoundsTest {
    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ClipFixture site;
    private HttpServer server;
    private String cookie;

    private void start(HttpConfig config) throws Exception {
        site = new ClipFixture(dir.resolve("storage"));
        // /metrics is probed below as a route answered on the request pool: public here.
        server = site.start(config.withPort(0).withMetricsPublic(true), registry);
        cookie = ClipFixture.cookie(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (site != null) {
            site.close();
        }
    }

    private double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private long healthzMillis(String from) throws IOException {
        return millis(from, "/healthz");
    }

    private long millis(String from, String path) throws IOException {
        long t0 = System.nanoTime();
        String answer = ClipFixture.get(server.port(), from, path);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Regression: only a 30 s read timeout guarded a connection, so a client sending a header byte
     * every few hundred milliseconds held it for ever. It must be cut off at the request deadline,
     * counted, while another client is served; a connection that sends nothing goes the same way.
     */
    @Test
    void slowlorisIsCutOffByTheHeaderDeadlineWhileOthersAreServed() throws Exception {
        start(new HttpConfig("127.0.0.1", 0, 2, 8, 4));
        try (Socket slow = new Socket("127.0.0.1", server.port()); Socket silent = new Socket("127.0.0.1", server.port())) {
            slow.setSoTimeout(15_000);
            silent.setSoTimeout(15_000);
            long t0 = System.nanoTime();
            AtomicBoolean cut = new AtomicBoolean();
            Thread dribbler = new Thread(() -> {
                byte[] request = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                        .getBytes(StandardCharsets.US_ASCII);
                try {
                    OutputStream out = slow.getOutputStream();
                    for (int i = 0; i < request.length && !cut.get(); i++) {
                        out.write(request[i]);
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    cut.set(true);
                }
            }, "slowloris");
            dribbler.start();
            // Meanwhile another client is served at once, several times.
            for (int i = 0; i < 5; i++) {
                assertTrue(healthzMillis("127.0.0.1") < 1000);
            }
            int read = readOrEnd(slow.getInputStream());
            long slowClosedMillis = (System.nanoTime() - t0) / 1_000_000;
            cut.set(true);
            dribbler.join(5000);
            assertEquals(-1, read, "the slow client got an answer instead of being cut off");
            assertTrue(slowClosedMillis < 6000, "the slow client was cut off only after " + slowClosedMillis + " ms");
            assertEquals(-1, readOrEnd(silent.getInputStream()), "a connection that sends nothing is closed too");
            long silentClosedMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(silentClosedMillis < 6000, "silent connection closed after " + silentClosedMillis + " ms");
        }
        ClipFixture.await(() -> counter(HttpMetrics.HEADER_TIMEOUTS) == 2, Duration.ofSeconds(5),
                "both connections counted as header timeouts");
        // The deadline concerns the request's arrival only: a normal client is untouched by it.
        assertTrue(healthzMillis("127.0.0.1") < 1000);
    }

    /** The first byte read, or -1 at end of stream or on reset; a read timeout fails the test. */
    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after 15 s", e);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Regression: nothing bounded what one client had in progress. With a limit of 2, two downloads
     * that the client does not read hold both permits until their last byte; a third request from
     * that address is answered 429 and counted, another address is served, and once the downloads go
     * the client is served again.
     */
    @Test
    void aClientPastItsConcurrencyLimitGets429AndIsCounted() throws Exception {
        start(new HttpConfig("127.0.0.1", 0, 5, 2, 4));
        site.addSparseClip("cam-1", "big-1", 256L << 20);
        List<Socket> downloads = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096);
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                s.connect(new InetSocketAddress("127.0.0.1", server.port()));
                s.setSoTimeout(10_000);
                downloads.add(s);
                s.getOutputStream().write(("GET /api/clips/big-1 HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] head = s.getInputStream().readNBytes(12);
                assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
            }
            String third = ClipFixture.get(server.port(), "127.0.0.1", "/healthz");
            assertTrue(third.startsWith("HTTP/1.1 429"), third);
            assertTrue(third.toLowerCase().contains("retry-after: 1"), third);
            assertEquals(1, counter(HttpMetrics.REJECTED, "reason", HttpMetrics.CLIENT_LIMIT));
            // The limit is per address: another client is not held up by this one.
            assertTrue(healthzMillis("127.0.0.2") < 1000);
        } finally {
            for (Socket s : downloads) {
                s.close();
            }
        }
        ClipFixture.await(() -> {
            try {
                return ClipFixture.get(server.port(), "127.0.0.1", "/healthz").startsWith("HTTP/1.1 200");
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(10), "the client's permits came back once its downloads were closed");
    }

    /**
     * Regression: evidence exports ran on the 2-thread request pool, so 60 at once made /healthz take
     * seconds. They now run on their own thread with a short queue: /healthz and the request pool
     * (probed with /metrics) stay fast throughout, the exports past the queue get 503 (counted), and
     * those accepted are whole, valid zips.
     */
    @Test
    void sixtyParallelExportsDoNotSlowHealthz() throws Exception {
        start(new HttpConfig("127.0.0.1", 0, 5, 100, 4));
        byte[] video = new byte[4 << 20];
        new Random(3).nextBytes(video);
        site.addClip("cam-1", "alert-x", video);
        // Warm up first (classes loaded, JIT), the export and rejection paths included: the bound is
        // on queueing behind exports, not on a cold start of a loaded machine.
        ExecutorService warm = Executors.newFixedThreadPool(4);
        for (Future<Answer> f : burst(10, warm)) {
            f.get();
        }
        List<Long> idle = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            idle.add(healthzMillis("127.0.0.1"));
            Thread.sleep(10);
        }
        long baseline = idle.stream().mapToLong(Long::longValue).max().orElseThrow();
        int exportedBefore = site.entries("clip_exported").size();
        double rejectedBefore = counter(HttpMetrics.REJECTED, "reason", HttpMetrics.EXPORT_BUSY);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<Answer>> answers = burst(60, readers);
        // Once the burst is taken in (every request queued for export or refused), /healthz must stay
        // fast while the exports run. (Taking in 60 connections costs the loop its own moment on a
        // loaded machine; that moment is not queueing behind exports and is only reported.)
        long t0 = System.nanoTime();
        ClipFixture.await(() -> counter(HttpMetrics.REJECTED, "reason", HttpMetrics.EXPORT_BUSY) - rejectedBefore
                + registry.get(HttpMetrics.EXPORTS_QUEUED).gauge().value()
                + registry.get(HttpMetrics.EXPORTS_RUNNING).gauge().value()
                + exported() - exportedBefore >= 60, Duration.ofSeconds(20),
                "the burst was taken in");
        long takenIn = (System.nanoTime() - t0) / 1_000_000;
        int[] whileExporting = {0};
        double[] maxQueued = {0};
        List<Long> health = probeWhile(() -> {
            double queued = registry.get(HttpMetrics.EXPORTS_QUEUED).gauge().value();
            maxQueued[0] = Math.max(maxQueued[0], queued);
            if (queued + registry.get(HttpMetrics.EXPORTS_RUNNING).gauge().value() > 0) {
                whileExporting[0]++;
            }
            return !readers.isTerminated();
        });
        int ok = 0;
        int busy = 0;
        for (var f : answers) {
            Answer r = f.get();
            if (r.status() == 200) {
                ok++;
                assertTrue(r.zipEntries().containsAll(List.of("clip.mp4", "SHA256SUMS", "audit.jsonl")),
                        r.zipEntries().toString());
            } else {
                assertEquals(503, r.status());
                busy++;
            }
        }
        long max = health.stream().mapToLong(Long::longValue).max().orElseThrow();
        List<Long> sorted = health.stream().sorted().toList();
        long secondWorst = sorted.size() < 2 ? max : sorted.get(sorted.size() - 2);
        System.out.printf("exports: %d ok, %d busy, burst taken in after %d ms; /healthz idle max %d ms; under"
                + " exports %d probes (%d while exporting), max %d ms, second worst %d ms, median %d ms;"
                + " export queue max %.0f%n", ok, busy, takenIn, baseline, health.size(), whileExporting[0], max,
                secondWorst, sorted.get(sorted.size() / 2), maxQueued[0]);
        // Before the fix every probe queued behind the exports: over 10 s each on this machine. Now the
        // worst probe is the one that meets the burst's own 60 connections on the event loop (up to
        // ~700 ms seen on the shared 2-core test box at load 15); every other stays well under 300 ms.
        assertTrue(max < 1000, "a probe took " + max + " ms while exports ran: " + health);
        assertTrue(secondWorst < 300, "a probe took " + secondWorst + " ms while exports ran: " + health);
        assertTrue(whileExporting[0] >= 3, "too few probes while exports ran: " + whileExporting[0]);
        assertTrue(ok >= 1 && busy >= 1 && ok + busy == 60, ok + " ok, " + busy + " busy");
        assertEquals(busy, counter(HttpMetrics.REJECTED, "reason", HttpMetrics.EXPORT_BUSY) - rejectedBefore);
        assertTrue(maxQueued[0] <= 4, "queue past its bound: " + maxQueued[0]);
        assertEquals(ok, site.entries("clip_exported").size() - exportedBefore, "each export served is audited, no other");
    }

    private int exported() {
        try {
            return site.entries("clip_exported").size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Probes for as long as {@code running} says, each on a new connection, by turns /healthz (answered
     * on the event loop) and /metrics (answered on the request pool, as clips are).
     */
    private List<Long> probeWhile(BooleanSupplier running) throws Exception {
        List<Long> health = new ArrayList<>();
        while (running.getAsBoolean()) {
            health.add(millis("127.0.0.1", health.size() % 2 == 0 ? "/healthz" : "/metrics"));
            Thread.sleep(10);
        }
        return health;
    }

    /**
     * {@code n} export requests at once on {@code n} connections, written from one thread so that the
     * client's own threads do not compete with the server for the CPU; answers read by a few threads.
     */
    private List<Future<Answer>> burst(int n, ExecutorService readers) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        byte[] request = ("GET /api/alerts/alert-x/evidence.zip HTTP/1.1\r\nHost: x\r\nCookie: " + cookie
                + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
            Socket s = new Socket("127.0.0.1", server.port());
            s.setSoTimeout(60_000);
            sockets.add(s);
        }
        for (Socket s : sockets) {
            s.getOutputStream().write(request);
        }
        List<Future<Answer>> answers = new ArrayList<>();
        for (Socket s : sockets) {
            answers.add(readers.submit(() -> {
                try (s) {
                    return Answer.read(s.getInputStream());
                }
            }));
        }
        readers.shutdown();
        return answers;
    }

    /**
     * An answer read as it streams in, so that the client keeps no large buffers (the server shares
     * this JVM, and the garbage would show as its pauses): the status, and a zip's entry names.
     */
    private record Answer(int status, Set<String> zipEntries) {
        static Answer read(InputStream raw) throws IOException {
            InputStream in = new BufferedInputStream(raw);
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed in the headers: " + head);
                }
                head.append((char) c);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            Set<String> names = new HashSet<>();
            if (status == 200) {
                ZipInputStream zip = new ZipInputStream(in); // not closed: that would close the socket
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) {
                    names.add(e.getName());
                }
            }
            in.transferTo(OutputStream.nullOutputStream());
            return new Answer(status, names);
        }
    }
}
