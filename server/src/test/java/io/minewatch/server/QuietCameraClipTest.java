package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.clips.ClipFile;
import io.minewatch.alerts.clips.ClipSidecar;
import io.minewatch.alerts.clips.ClipStore;
import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.EvidenceVerifier;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.RtspServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live camera that stops sending in the middle of an alert. Regression: its clip stayed
 * "recording" with no SHA-256 and no audit entry for good, waiting for an access unit past the
 * alert's end + post-roll. Now it is closed by the wall clock soon after end + post-roll.
 */
class QuietCameraClipTest {
    private static final int GAP_S = 3;
    private static final int POST_S = 4;

    @TempDir
    Path dir;

    @Test
    void aCameraThatStopsMidAlertHasItsClipClosedHashedAndAudited() throws Exception {
        RtspServerProcess rtsp = RtspServerProcess.start("street=" + TestSite.TRAFFIC_BUS);
        try {
            int rtspPort = rtsp.port();
            Path config = dir.resolve("site.yaml");
            Files.writeString(config, """
                    sites:
                      - id: pit-road
                        lat: 30.60
                        lon: 114.34
                    cameras:
                      - id: street-1
                        site: pit-road
                        detect: rtsp://127.0.0.1:%d/street
                        fps: 5
                    alerts:
                      gap_s: %d
                    mqtt:
                      embedded_port: %d
                      anonymous: read
                      topic_prefix: %s
                    storage:
                      dir: data
                      clips:
                        pre_s: 4
                        post_s: %d
                    http:
                      port: 0
                    """.formatted(rtspPort, GAP_S, FreePorts.freePort(), FreePorts.topicPrefix(), POST_S));
            MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
            Path storage = dir.resolve("data");
            ClipStore store = new ClipStore(storage);
            try (Application app = Application.create(cfg, MODEL)) {
                app.startCameras();
                ClipFile recording = awaitRecording(store, Duration.ofSeconds(120));
                rtsp.kill();   // the camera goes quiet mid-alert
                long quiet = System.nanoTime();

                // The alert ends GAP_S after its last detection; the clip POST_S after that, plus 2 s grace.
                Duration within = Duration.ofSeconds(GAP_S + POST_S + 2 + 10);
                ClipFile clip = awaitClosed(store, recording.alertId(), within);
                double took = (System.nanoTime() - quiet) / 1e9;
                assertTrue(clip.sidecar().sha256().equals(Sha256.of(clip.file())), "sidecar SHA-256 is not the file's");
                List<AuditEntry> entries = AuditLog.read(storage.resolve("evidence/audit.jsonl"));
                String action = ClipSidecar.COMPLETE.equals(clip.state()) ? "clip_created" : "clip_partial";
                assertTrue(entries.stream().anyMatch(e -> e.action().equals(action) && e.alert().equals(recording.alertId())
                        && e.sha256().equals(clip.sidecar().sha256())), "no " + action + " entry: " + entries);
                assertTrue(FfmpegCli.packetHashes(clip.file()).size() > 10, "the clip does not play");
                assertEquals(List.of(), EvidenceVerifier.verify(storage.resolve("evidence/audit.jsonl"), storage));
                System.out.printf("quiet camera: clip %s %s %.1f s after the camera stopped (%s)%n",
                        clip.relative(), clip.state(), took, clip.sidecar());
            }
        } finally {
            rtsp.close();
        }
    }

    private static ClipFile awaitRecording(ClipStore store, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ClipFile> c = store.all().stream()
                    .filter(f -> ClipSidecar.RECORDING.equals(f.state()) && f.size() > 20_000).findFirst();
            if (c.isPresent()) {
                return c.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no clip being recorded within " + timeout);
    }

    private static ClipFile awaitClosed(ClipStore store, String alertId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ClipFile> c = store.find(alertId);
            if (c.isPresent() && !ClipSidecar.RECORDING.equals(c.get().state())) {
                return c.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the quiet camera's clip of " + alertId + " still recording after " + timeout);
    }
}
