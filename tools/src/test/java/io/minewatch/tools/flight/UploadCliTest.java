package io.minewatch.tools.flight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.UserConfig;
import io.minewatch.server.api.ApiRoutes;
import io.minewatch.server.auth.Accounts;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.flights.UploadedFlight;
import io.minewatch.server.flights.upload.FlightUploads;
import io.minewatch.server.flights.upload.UploadLimits;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload command against the real server (its routes, sign-in and upload store, a recording
 * intake in place of flight processing) through a relay that cuts the connection mid-video: the command
 * resumes, the flight reaches the intake with a byte-identical video (SHA-256) and its SRT, and stderr
 * shows the progress bar and the resumption. Also: a wrong password, a refused file and a bad command line.
 */
class UploadCliTest {
    static final Path SHARED = Path.of(System.getProperty("minewatch.shared", "../shared"));
    static final Path CLIP = SHARED.resolve("media/video/spatialhast_drone_aerial_city.mp4");
    static final Path SRT = SHARED.resolve("media/telemetry/air2s.srt");
    static final String PASSWORD = "pilot-pw-0123";
    @TempDir
    Path dir;
    HttpServer server;
    final List<UploadedFlight> submitted = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Authenticator auth = new Authenticator(Accounts.of(List.of(new UserConfig("pilot", null, "analyst", PASSWORD,
                null)), List.of()), Clock.systemUTC(), Duration.ofMinutes(30), false, (a, b, c) -> { }, registry);
        HttpConfig config = new HttpConfig("127.0.0.1", 0);
        HttpRoutes routes = new HttpRoutes() {
            @Override
            public Health health() {
                return new Health(true, "{}");
            }

            @Override
            public String metrics() {
                return "";
            }
        };
        FlightUploads uploads = FlightUploads.open(dir.resolve("flights"), new UploadLimits(64 << 20, 4), f -> {
            submitted.add(f);
            return "flight-" + submitted.size();
        }, Clock.systemUTC());
        server = HttpServer.start(config, uploads.register(ApiRoutes.builder(routes, auth, config)).build(), auth,
                registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(int port, String password, String... args) {
        return UploadCli.run(args, password == null ? Map.of() : Map.of("MINEWATCH_PASSWORD", password), () -> null,
                dir.resolve("state"), 50, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aCutConnectionResumesAndTheFlightArrivesByteIdentical() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(server.port(), 1_500_000)) {
            int code = run(proxy.port(), PASSWORD, CLIP.toString(), SRT.toString(), "--site", "pit-3", "--server",
                    "http://127.0.0.1:" + proxy.port(), "--user", "pilot", "--drone", "air2s");
            String stderr = err.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, stderr);
            assertEquals(1, proxy.cuts.get(), "the relay cut the upload once");
            assertTrue(stderr.contains("resuming at"), stderr);
            assertTrue(stderr.matches("(?s).*spatialhast_drone_aerial_city\\.mp4 \\[#{30}] 100% .*"), stderr);
            assertEquals("flight-1", out.toString(StandardCharsets.UTF_8).strip());
        }
        UploadedFlight f = submitted.get(0);
        assertEquals(sha256(CLIP), sha256(f.video()), "byte-identical video after the cut");
        assertArrayEquals(Files.readAllBytes(SRT), Files.readAllBytes(f.telemetry()));
        assertEquals(List.of("pit-3", "air2s", "pilot"), List.of(f.site(), f.droneModel(), f.uploadedBy()));
        try (var left = Files.list(dir.resolve("state"))) {
            assertEquals(0, left.count(), "nothing left to resume");
        }
    }

    @Test
    void refusalsAndUsageErrorsSayWhy() throws Exception {
        String url = "http://127.0.0.1:" + server.port();
        assertEquals(UploadCli.EXIT_FAILED, run(0, "wrong", CLIP.toString(), "--site", "s", "--server", url,
                "--user", "pilot"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("refused (401): wrong user or password"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(UploadCli.EXIT_FAILED, run(0, PASSWORD, SRT.toString(), "--site", "s", "--server", url,
                "--user", "pilot"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("refused (400): air2s.srt is not a readable video"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(UploadCli.EXIT_USAGE, run(0, PASSWORD, CLIP.toString(), "--server", url, "--user", "pilot"));
        assertEquals(UploadCli.EXIT_USAGE, run(0, null, CLIP.toString(), "--site", "s", "--server", url,
                "--user", "pilot"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no password"), err.toString(StandardCharsets.UTF_8));
        assertTrue(submitted.isEmpty());
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
