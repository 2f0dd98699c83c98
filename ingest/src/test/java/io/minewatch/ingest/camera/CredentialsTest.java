package io.minewatch.ingest.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.rtsp.RtspException;
import io.minewatch.ingest.rtsp.RtspUrl;
import io.minewatch.testkit.RtspServerProcess;
import io.minewatch.testkit.SharedFiles;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Digest authentication against the GStreamer server, and the password kept out of every log line,
 * error and metric tag — on success, on refusal and on a camera that cannot be reached.
 */
class CredentialsTest {
    private static final String SECRET = "s3cr3t-Pa55";

    @Test
    void digestAuthWorksAndThePasswordNeverShows() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = LogbackReady.context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<CameraStatus> events = new CopyOnWriteArrayList<>();
        IngestSettings settings = new IngestSettings(IngestSettings.Transport.TCP, Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 5, 4L << 20);
        try (RtspServerProcess server = RtspServerProcess.start(List.of("--user", "viewer", "--password", SECRET),
                "ok=" + SharedFiles.video(SharedFiles.TRAFFIC), "bad=" + SharedFiles.video(SharedFiles.TRAFFIC));
             RtspIngest ingest = new RtspIngest(1, registry)) {
            String good = "rtsp://viewer:" + SECRET + "@127.0.0.1:" + server.port() + "/ok";
            String wrong = "rtsp://viewer:wrong-" + SECRET + "@127.0.0.1:" + server.port() + "/bad";
            String none = server.url("bad");
            String unreachable = "rtsp://viewer:" + SECRET + "@127.0.0.1:1/x";
            CameraIngest ok = ingest.add("ok", good, settings, events::add);
            CameraIngest bad = ingest.add("bad", wrong, settings, events::add);
            CameraIngest anon = ingest.add("anon", none, settings, events::add);
            CameraIngest gone = ingest.add("gone", unreachable, settings, events::add);
            ingest.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while ((ok.metrics().keyFrames() == 0 || bad.metrics().reconnects() == 0 || anon.metrics().reconnects() == 0
                    || gone.metrics().reconnects() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(ok.metrics().keyFrames() > 0, "digest authentication failed");
            assertEquals(0, bad.metrics().accessUnits());
            assertTrue(bad.metrics().reconnects() > 0 && anon.metrics().reconnects() > 0 && gone.metrics().reconnects() > 0);
        } finally {
            root.detachAppender(logs);
        }
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("credentials refused")),
                "the refusal is logged");
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("needs credentials")),
                "the missing credentials are logged");
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertFalse(line.contains(SECRET), "password in a log line: " + line);
        }
        for (Meter m : registry.getMeters()) {
            assertFalse(m.getId().toString().contains(SECRET), "password in a metric: " + m.getId());
        }
    }

    @Test
    void urlErrorsAndNamesAreMasked() {
        try {
            RtspUrl.parse("http://viewer:" + SECRET + "@cam.example/x");
            throw new AssertionError("http accepted");
        } catch (RtspException e) {
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
        try {
            RtspUrl u = RtspUrl.parse("rtsp://viewer:" + SECRET + "@cam.example:8554/live?ch=1");
            assertEquals("rtsp://cam.example:8554/live?ch=1", u.toString());
            assertEquals("viewer", u.user());
            assertEquals(SECRET, u.password());
            // Regression (issue 10): a token in the query string was printed by toString, i.e. in every
            // "camera x: <url> (reason); reconnecting" line. Requests still carry it.
            RtspUrl t = RtspUrl.parse("rtsp://cam.example/live?ch=1&token=" + SECRET);
            assertEquals("rtsp://cam.example/live?ch=1&token=****", t.toString());
            assertEquals("rtsp://cam.example/live?ch=1&token=" + SECRET, t.request());
        } catch (RtspException e) {
            throw new AssertionError(e);
        }
    }
}
