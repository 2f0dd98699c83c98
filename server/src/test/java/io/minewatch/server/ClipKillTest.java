package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.minewatch.server.TestSite.MODEL;

import io.minewatch.alerts.clips.ClipFile;
import io.minewatch.alerts.clips.ClipSidecar;
import io.minewatch.alerts.clips.ClipStore;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.EvidenceVerifier;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.RtspServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real server (a child JVM running {@link Main}) while it writes a clip from a live
 * RTSP camera: the partial file plays up to the kill, and after a restart on the same storage the
 * clip is marked partial — in its sidecar, in the audit log and in the alert's own history.
 */
class ClipKillTest {
    private static final Path CLIP = TestSite.TRAFFIC_BUS;

    @TempDir
    Path dir;

    @Test
    void aClipCutByKillNinePlaysAndIsMarkedPartialAfterRestart() throws Exception {
        assertTrue(Files.isRegularFile(CLIP), "footage missing: " + CLIP);
        RtspServerProcess rtsp = RtspServerProcess.start("street=" + CLIP);
        Process server = null;
        try {
            int rtspPort = rtsp.port();
            int mqttPort = FreePorts.freePort();
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
                      gap_s: 120
                    mqtt:
                      embedded_port: %d
                    storage:
                      dir: data
                      clips:
                        pre_s: 4
                        post_s: 30
                    http:
                      port: 0
                    """.formatted(rtspPort, mqttPort));
            Path storage = dir.resolve("data");
            server = startServer(config);
            ClipFile recording = awaitRecording(storage, server);
            Thread.sleep(3000); // a few more fragments on disk
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
            server = null;

            String played = FfmpegCli.output("ffprobe", "-v", "error", "-count_packets", "-select_streams", "v",
                    "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", recording.file().toString()).trim();
            assertTrue(Integer.parseInt(played) > 10, "the partial clip does not play: " + played);

            MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
            try (Application app = Application.create(cfg, MODEL)) {
                ClipFile clip = new ClipStore(storage).find(recording.alertId()).orElseThrow();
                assertEquals(ClipSidecar.PARTIAL, clip.state());
                assertEquals(64, clip.sidecar().sha256().length());
                assertTrue(AuditLog.read(storage.resolve("evidence/audit.jsonl")).stream()
                        .anyMatch(e -> e.action().equals("clip_partial") && e.alert().equals(recording.alertId())));
                assertTrue(app.evidence().alertHistory(recording.alertId()).contains("clip_partial"),
                        "the alert's history does not say its clip is partial");
                assertEquals(List.of(), EvidenceVerifier.verify(storage.resolve("evidence/audit.jsonl"), storage));
            }
        } finally {
            if (server != null) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            rtsp.close();
        }
    }

    private static ClipFile awaitRecording(Path storage, Process server) throws InterruptedException {
        ClipStore store = new ClipStore(storage);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "the server exited");
            Optional<ClipFile> c = store.all().stream()
                    .filter(f -> ClipSidecar.RECORDING.equals(f.state()) && f.size() > 20_000).findFirst();
            if (c.isPresent()) {
                return c.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no clip being recorded within 120 s");
    }

    private Process startServer(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config", config.toString(), "--model", MODEL.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    }
}
