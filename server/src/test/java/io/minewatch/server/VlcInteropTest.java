package io.minewatch.server;

import static io.minewatch.server.TestSite.JSON;
import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.clips.ClipFile;
import io.minewatch.alerts.clips.ClipSidecar;
import io.minewatch.alerts.clips.ClipStore;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.FreePorts;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 interop: VLC 3.0's RTSP server (UDP only: 461 to a TCP SETUP; RTP timestamps that step
 * back now and then) as the camera, configured with the default transport {@code auto}. The camera
 * must come online over UDP, raise its heavy-vehicle alert, and the alert's clip must cover it from
 * start − pre-roll to end + post-roll, or be marked partial with the reason.
 */
class VlcInteropTest {
    private static final int PRE_S = 2;
    private static final int POST_S = 2;

    @TempDir
    Path dir;

    @Test
    void aCameraOnAutoAgainstVlcComesOnlineOverUdpAndRaisesItsAlertWithAWholeClip() throws Exception {
        Path h264 = dir.resolve("freeway.mp4");
        FfmpegCli.output("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", TestSite.HAAR.toString(), "-t", "12",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "15", "-bf", "0", "-an", h264.toString());
        assertTrue(Files.size(h264) > 0, "ffmpeg made no file");
        int vlcPort = FreePorts.freePort();
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "minewatch-vlc", "--")); // VLC refuses to run as root
        }
        cmd.addAll(List.of("cvlc", "-I", "dummy", "--no-audio", "--loop", h264.toString(), "--sout",
                "#rtp{sdp=rtsp://127.0.0.1:" + vlcPort + "/cam}", "--sout-keep"));
        dir.toFile().setExecutable(true, false);
        h264.toFile().setReadable(true, false);
        Process vlc = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitListening(vlcPort, vlc);
            int mqttPort = FreePorts.freePort();
            String prefix = FreePorts.topicPrefix();
            Path config = dir.resolve("site.yaml");
            Files.writeString(config, """
                    sites:
                      - id: river-north
                        lat: 30.59
                        lon: 114.30
                    cameras:
                      - id: vlc-1
                        site: river-north
                        detect: rtsp://127.0.0.1:%d/cam
                        fps: 5
                    alerts:
                      gap_s: 3
                    mqtt:
                      embedded_port: %d
                      anonymous: read
                      topic_prefix: %s
                    storage:
                      dir: data
                      clips:
                        pre_s: %d
                        post_s: %d
                    http:
                      port: 0
                    """.formatted(vlcPort, mqttPort, prefix, PRE_S, POST_S));
            MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
            Path storage = dir.resolve("data");
            List<JsonNode> alerts = new CopyOnWriteArrayList<>();
            List<JsonNode> statuses = new CopyOnWriteArrayList<>();
            try (Application app = Application.create(cfg, MODEL)) {
                MqttClient sub = new MqttClient(app.mqttUrl(), "sub-" + UUID.randomUUID(), new MemoryPersistence());
                sub.connect(new MqttConnectOptions());
                sub.subscribe(prefix + "/#", 1, (topic, m) -> {
                    if (topic.equals(prefix + "/alerts/river-north/vlc-1")) {
                        alerts.add(JSON.readTree(m.getPayload()));
                    } else if (topic.equals(prefix + "/cameras/vlc-1/status")) {
                        statuses.add(JSON.readTree(m.getPayload()));
                    }
                });
                app.startCameras();
                ClipStore store = new ClipStore(storage);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                List<ClipFile> clips = List.of();
                JsonNode end = null;
                while (System.nanoTime() < deadline) {
                    end = alerts.stream().filter(a -> "end".equals(a.path("event").asText())
                            && "heavy_vehicle".equals(a.path("category").asText())).findFirst().orElse(null);
                    if (end != null) {
                        String id = end.path("id").asText();
                        clips = store.all().stream().filter(c -> c.alerts().contains(id)).toList();
                        if (!clips.isEmpty() && clips.stream().noneMatch(c -> ClipSidecar.RECORDING.equals(c.state()))) {
                            break;
                        }
                    }
                    Thread.sleep(250);
                }
                sub.disconnect();
                sub.close();
                assertTrue(statuses.stream().anyMatch(s -> "online".equals(s.path("status").asText())
                        && "udp".equals(s.path("transport").asText())), "camera status online over UDP: " + statuses);
                assertTrue(end != null, "no heavy-vehicle alert ended: " + alerts);
                assertFalse(clips.isEmpty(), "no clip of the alert");
                double event = Duration.between(Instant.parse(end.path("started").asText()),
                        Instant.parse(end.path("time").asText())).toMillis() / 1000.0;
                double gop = FfmpegCli.maxKeyFrameInterval(h264);
                double expected = PRE_S + event + POST_S;
                double covered = 0;
                for (ClipFile c : clips) {
                    if (ClipSidecar.PARTIAL.equals(c.state())) {
                        assertFalse(c.sidecar().reason().isEmpty(), "a partial clip says why");
                    } else {
                        assertEquals(ClipSidecar.COMPLETE, c.state());
                    }
                    covered += lastMinusFirst(c.file());
                }
                // From the key frame at or before start − pre to end + post (frames of 1/25 s at the ends).
                assertTrue(covered >= expected - gop - 0.5 && covered <= expected + gop + 0.5,
                        "clips cover " + covered + " s for pre " + PRE_S + " + event " + event + " + post " + POST_S
                                + " (GOP " + gop + " s); clips " + clips);
                assertEquals(2, (int) app.registry().get("ingest.transport").tag("camera", "vlc-1").gauge().value());
            }
        } finally {
            vlc.destroy();
            if (!vlc.waitFor(5, TimeUnit.SECONDS)) {
                vlc.destroyForcibly();
            }
        }
    }

    /** Last minus first packet time (s), and the ffprobe duration agrees within a frame or two. */
    private static double lastMinusFirst(Path clip) throws Exception {
        double first = Double.MAX_VALUE;
        double last = -1;
        for (String line : FfmpegCli.output("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "packet=pts_time", "-of", "csv=p=0", clip.toString()).split("\n")) {
            String v = line.replace(",", "").trim();
            if (!v.isEmpty() && !"N/A".equals(v)) {
                first = Math.min(first, Double.parseDouble(v));
                last = Math.max(last, Double.parseDouble(v));
            }
        }
        double duration = FfmpegCli.duration(clip);
        assertEquals(0, first, 0.001, clip + ": first timestamp");
        assertTrue(Math.abs(duration - last) < 0.5, clip + ": duration " + duration + " vs last packet " + last);
        return duration;
    }

    private static void awaitListening(int port, Process vlc) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline && vlc.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("VLC's RTSP server did not start on " + port
                + " (needs vlc-bin, vlc-plugin-base and, as root, the user minewatch-vlc: scripts/test sets them up)");
    }
}
