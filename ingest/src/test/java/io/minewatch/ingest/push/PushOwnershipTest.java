package io.minewatch.ingest.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtspServerConfig;
import io.minewatch.ingest.testing.AuSequence;
import io.minewatch.ingest.testing.ClipIndex;
import io.minewatch.testkit.SharedFiles;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Who may hold a pushed camera's path (issue 10: anyone on the network could push as any camera, and a
 * client that ANNOUNCEd/RECORDed and then sent only OPTIONS every 5 s kept the real encoder out with 453).
 */
class PushOwnershipTest {
    private static final String USER = "gateway";
    private static final String PASSWORD = "pa55-word";

    @Test
    void anonymousPushOnANetworkAddressIsRefusedUnlessAskedFor() throws Exception {
        try (RtspPushServer open = new RtspPushServer(new RtspServerConfig("0.0.0.0", 0, null, null),
                new SimpleMeterRegistry())) {
            open.add("drone-1", IngestSettings.DEFAULTS, e -> { });
            IllegalStateException e = assertThrows(IllegalStateException.class, open::start,
                    "an anonymous push server started on 0.0.0.0");
            assertTrue(e.getMessage().contains("refusing to listen on 0.0.0.0 without credentials"), e.getMessage());
        }
        try (RtspPushServer asked = new RtspPushServer(new RtspServerConfig("0.0.0.0", 0, null, null, true,
                RtspServerConfig.DEFAULT_IDLE_TIMEOUT), new SimpleMeterRegistry())) {
            asked.start();
            assertTrue(asked.port() > 0);
        }
    }

    @Test
    void aSquatterSendingOnlyKeepAlivesIsClosedAndTheRealEncoderGetsIn() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RtspPushServer server = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, USER, PASSWORD, false,
                Duration.ofSeconds(2)), registry)) {
            PushedCamera cam = server.add("drone-1", IngestSettings.DEFAULTS, e -> { });
            server.start();
            try (RawRtspClient squatter = new RawRtspClient(server.port(), 5_000)) {
                long start = System.nanoTime();
                assertEquals(200, squatter.announceAndRecord("drone-1", USER, PASSWORD).status());
                try (RawRtspClient second = new RawRtspClient(server.port(), 5_000)) {
                    assertEquals(453, second.announceAndRecord("drone-1", USER, PASSWORD).status(),
                            "a second pusher took the path from one still within its start-up grace");
                }
                // The squatter's keep-alive loop: an OPTIONS every 300 ms, each answer read, no media.
                boolean closed = false;
                long deadline = start + TimeUnit.SECONDS.toNanos(8);
                while (!closed && System.nanoTime() < deadline) {
                    try {
                        squatter.send("OPTIONS", squatter.url("drone-1"), null, null, null);
                        closed = squatter.read().status() < 0;
                        Thread.sleep(300);
                    } catch (java.net.SocketException reset) {
                        closed = true;
                    }
                }
                double held = (System.nanoTime() - start) / 1e9;
                assertTrue(closed, "a client sending only OPTIONS still held the camera after " + held + " s");
                assertTrue(held < 4, "squatter held the path for " + held + " s (idle timeout 2 s)");
            }
            assertEquals(1, registry.counter("ingest.push.closed", "reason", "idle").count());
            assertEquals(0, cam.metrics().accessUnits());
            assertEquals(0, push("rtsp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port() + "/drone-1", 5)
                    .waitFor(), "the real encoder was refused after the squatter left");
            assertReceived(cam);
        }
    }

    @Test
    void anAuthenticatedPusherReplacesAStaleHolderButNotAHealthyOne() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RtspPushServer server = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, USER, PASSWORD),
                registry)) {
            PushedCamera cam = server.add("drone-1", IngestSettings.DEFAULTS, e -> { });
            server.start();
            try (RawRtspClient squatter = new RawRtspClient(server.port(), 5_000)) {
                long start = System.nanoTime();
                assertEquals(200, squatter.announceAndRecord("drone-1", USER, PASSWORD).status());
                // Keep-alives for longer than the stale time (3 s), well inside the idle timeout (10 s).
                while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(3_300)) {
                    squatter.send("OPTIONS", squatter.url("drone-1"), null, null, null);
                    assertEquals(200, squatter.read().status());
                    Thread.sleep(300);
                }
                squatter.readTimeout(300);
                Process encoder = push("rtsp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + server.port() + "/drone-1",
                        6);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (cam.metrics().accessUnits() < 30 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(cam.metrics().accessUnits() >= 30, "the encoder did not replace the stale holder");
                assertTrue(squatter.closedByServer() || squatter.closedByServer(), "the stale holder is still connected");
                assertEquals(1, registry.counter("ingest.push.closed", "reason", "replaced").count());
                // The encoder's media flows: a fresh ANNOUNCE, even with credentials, is refused.
                try (RawRtspClient rival = new RawRtspClient(server.port(), 5_000)) {
                    assertEquals(453, rival.announceAndRecord("drone-1", USER, PASSWORD).status(),
                            "a healthy pusher was replaced");
                }
                assertTrue(encoder.waitFor(30, TimeUnit.SECONDS), "ffmpeg hung");
                assertEquals(0, encoder.exitValue(), "the encoder's push failed");
            }
            assertReceived(cam);
        }
    }

    private static void assertReceived(PushedCamera cam) throws Exception {
        var aus = Arrays.asList(cam.ring().snapshot());
        assertTrue(aus.size() > 100, "only " + aus.size() + " access units");
        assertNull(AuSequence.check(aus, ClipIndex.of(SharedFiles.video(SharedFiles.HIGHWAY_720P))));
    }

    /** ffmpeg pushing the 720p clip in real time, stream copy over TCP, as a field encoder would. */
    private static Process push(String url, int seconds) throws Exception {
        return new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-i",
                SharedFiles.video(SharedFiles.HIGHWAY_720P).toString(), "-t", Integer.toString(seconds), "-c", "copy", "-f", "rtsp",
                "-rtsp_transport", "tcp", url).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
