package io.minewatch.server.http;

import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.clips.ClipFile;
import io.minewatch.alerts.clips.ClipStore;
import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.EvidenceExport;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.UserConfig;
import io.minewatch.server.api.ApiRoutes;
import io.minewatch.server.auth.Accounts;
import io.minewatch.server.auth.Authenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A real storage folder for the HTTP tests: a real {@link ClipStore} with clips laid out as the
 * recorder lays them out (file and sidecar), a real {@link AuditLog}, and routes that call them the way
 * the server's {@code Evidence} does (clip by id, {@code clip_viewed}, evidence zip via
 * {@link EvidenceExport}). The HTTP handler under test is the real one, behind the real sign-in: the
 * analyst {@value #USER} signs in over HTTP ({@link #cookie}).
 */
final class ClipFixture implements HttpRoutes, AutoCloseable {
    static final String USER = "viewer";
    static final String PASSWORD = "viewer-pw-0123";
    final Path storage;
    final ClipStore store;
    final AuditLog audit;
    final Accounts accounts = Accounts.of(List.of(new UserConfig(USER, null, "analyst", PASSWORD, null)), List.of());

    ClipFixture(Path storage) throws IOException {
        this.storage = storage;
        this.store = new ClipStore(storage);
        this.audit = AuditLog.open(storage.resolve("evidence/audit.jsonl"), Clock.systemUTC());
    }

    /** The real server with the real route table and sign-in over this fixture. */
    HttpServer start(HttpConfig config, MeterRegistry registry) throws Exception {
        return start(config, registry, Clock.systemUTC());
    }

    /** The same, with the clock sessions expire by (30 minutes idle). */
    HttpServer start(HttpConfig config, MeterRegistry registry, Clock clock) throws Exception {
        Authenticator auth = new Authenticator(accounts, clock, java.time.Duration.ofMinutes(30), false,
                (actor, action, subject) -> audit.append(actor, action, "", subject, ""), registry);
        return HttpServer.start(config, ApiRoutes.builder(this, auth, config).build(), auth, registry);
    }

    HttpServer start() throws Exception {
        return start(new HttpConfig("127.0.0.1", 0), new SimpleMeterRegistry());
    }

    /** Signs in as {@value #USER} over HTTP; returns {@code mw_session=<token>} for a Cookie header. */
    static String cookie(int port) throws IOException {
        String body = "{\"user\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}";
        String answer = raw(port, "127.0.0.1", "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        if (!answer.startsWith("HTTP/1.1 200")) {
            fail("sign-in failed: " + answer);
        }
        int at = answer.indexOf("mw_session=");
        return answer.substring(at, answer.indexOf(';', at));
    }

    /** Writes a complete clip of {@code alertId} on {@code camera} as the recorder would; returns its file. */
    Path addClip(String camera, String alertId, byte[] bytes) throws IOException {
        Path file = store.newClip(camera, alertId, Instant.parse("2026-11-30T07:00:00Z"));
        Files.write(file, bytes);
        sidecar(file, alertId);
        return file;
    }

    /** A clip of {@code size} bytes that takes no disk (sparse). */
    Path addSparseClip(String camera, String alertId, long size) throws IOException {
        Path file = store.newClip(camera, alertId, Instant.parse("2026-11-30T07:00:00Z"));
        try (var f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        sidecar(file, alertId);
        return file;
    }

    private static void sidecar(Path clip, String alertId) throws IOException {
        String name = clip.getFileName().toString();
        Files.writeString(clip.resolveSibling(name.substring(0, name.length() - 4) + ".json"),
                "{\"alerts\":[\"" + alertId + "\"],\"state\":\"complete\",\"sha256\":\"\"}");
    }

    /** The audit entries with this action. */
    List<AuditEntry> entries(String action) throws IOException {
        return AuditLog.read(audit.file()).stream().filter(e -> e.action().equals(action)).toList();
    }

    @Override
    public Health health() {
        return new Health(true, "{\"status\":\"ok\"}");
    }

    @Override
    public String metrics() {
        return "";
    }

    @Override
    public Optional<Path> clip(String alertId) {
        return store.find(alertId).map(ClipFile::file);
    }

    @Override
    public void clipViewed(String alertId, String client) {
        store.find(alertId).ifPresent(c -> audit.append(client, "clip_viewed", alertId, c.relative(), ""));
    }

    @Override
    public Optional<Path> evidenceZip(String alertId, String client) throws IOException {
        Optional<ClipFile> clip = store.find(alertId);
        if (clip.isEmpty()) {
            return Optional.empty();
        }
        Path dir = storage.resolve("exports");
        Files.createDirectories(dir);
        Path zip = Files.createTempFile(dir, alertId + "-", ".zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            EvidenceExport.write(out, alertId, "{\"id\":\"" + alertId + "\"}", clip.get().file(), List.of(), audit,
                    client);
        }
        return Optional.of(zip);
    }

    @Override
    public void close() throws IOException {
        audit.close();
    }

    /** Sends a raw request from {@code from} (any 127.x address) and reads until the server closes. */
    static String raw(int port, String from, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** A plain GET that closes the connection after its answer. */
    static String get(int port, String from, String path) throws IOException {
        return raw(port, from, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    /** A GET with a session cookie that closes the connection after its answer. */
    static String get(int port, String from, String path, String cookie) throws IOException {
        return raw(port, from, "GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie
                + "\r\nConnection: close\r\n\r\n");
    }

    /** Polls until the condition holds; fails after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
