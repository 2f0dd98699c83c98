package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.minewatch.server.TestSite.MODEL;
import static io.minewatch.server.TestSite.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.PayloadSchemas;
import io.minewatch.testkit.RtspServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * End to end over RTSP: a freeway clip (re-encoded to H.264 by the ffmpeg CLI, as cameras send it)
 * served live by the GStreamer RTSP server, pulled by the Netty ingest, decoded from access units
 * by avcodec, run through the real YOLOX model, and a heavy-vehicle alert received over MQTT; the
 * camera's retained status says online.
 */
class RtspHeavyVehicleAlertTest {
    private static final Path CLIP = TestSite.HAAR;

    @TempDir
    Path dir;

    @Test
    void aClipServedOverRtspRaisesAHeavyVehicleAlert() throws Exception {
        Path h264 = encode();

        RtspServerProcess server = RtspServerProcess.start("cam=" + h264);
        try {
            int rtspPort = server.port();
            int mqttPort = FreePorts.freePort();
            String prefix = FreePorts.topicPrefix();
            Path config = dir.resolve("site.yaml");
            Files.writeString(config, """
                    sites:
                      - id: river-north
                        lat: 30.59
                        lon: 114.30
                    cameras:
                      - id: overpass-1
                        site: river-north
                        detect: rtsp://127.0.0.1:%d/cam
                        fps: 5
                    mqtt:
                      embedded_port: %d
                      anonymous: read
                      topic_prefix: %s
                    storage:
                      dir: data
                    http:
                      port: 0
                    """.formatted(rtspPort, mqttPort, prefix));
            MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
            List<JsonNode> alerts = new CopyOnWriteArrayList<>();
            List<JsonNode> statuses = new CopyOnWriteArrayList<>();
            List<String> invalid = new CopyOnWriteArrayList<>();
            try (Application app = Application.create(cfg, MODEL)) {
                MqttClient sub = new MqttClient(app.mqttUrl(), "sub-" + UUID.randomUUID(), new MemoryPersistence());
                sub.connect(new MqttConnectOptions());
                sub.subscribe(prefix + "/#", 1, (topic, m) -> {
                    // Every payload the server publishes (camera status, server status, alerts, ...) must
                    // carry msg_id and validate against its schema file; camera status did neither.
                    String problem = PayloadSchemas.problem(topic, m.getPayload());
                    if (problem != null) {
                        invalid.add(problem);
                    }
                    if (topic.equals(prefix + "/alerts/river-north/overpass-1")) {
                        alerts.add(JSON.readTree(m.getPayload()));
                    } else if (topic.equals(prefix + "/cameras/overpass-1/status")) {
                        statuses.add(JSON.readTree(m.getPayload()));
                    }
                });
                try {
                    app.startCameras();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (alerts.stream().noneMatch(a -> "heavy_vehicle".equals(a.path("category").asText()))
                            && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                } finally {
                    sub.disconnect();
                    sub.close();
                }
                assertTrue(alerts.stream().anyMatch(a -> "heavy_vehicle".equals(a.path("category").asText())
                        && a.path("stream_offset_s").asDouble() < 5), "no heavy-vehicle alert in the first 5 s: " + alerts);
                assertTrue(statuses.stream().anyMatch(s -> "online".equals(s.path("status").asText())),
                        "camera status online: " + statuses);
                assertEquals(List.of(), invalid, "payloads that do not validate");
                assertEquals(0.0, app.registry().get("ingest.seq_gaps").tag("camera", "overpass-1").counter().count());
                // Every frame is decoded, only those due at 5 fps are converted (the clip is 15 fps).
                double decoded = app.registry().get("detect.frames.decoded").tag("camera", "overpass-1").counter().count();
                double sampled = app.registry().get("detect.frames.sampled").tag("camera", "overpass-1").counter().count();
                assertTrue(sampled > 0 && decoded >= 2 * sampled, "decoded " + decoded + ", sampled " + sampled);
            }
        } finally {
            server.close();
        }
    }

    /** The freeway clip as H.264 in MP4, as a camera or encoder would send it. */
    private Path encode() throws Exception {
        assertTrue(Files.isRegularFile(CLIP), "footage missing: " + CLIP);
        Path h264 = dir.resolve("freeway.mp4");
        Process enc = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", CLIP.toString(),
                "-c:v", "libx264", "-preset", "veryfast", "-g", "15", "-bf", "0", "-an", h264.toString())
                .redirectErrorStream(true).start();
        String encOut = new String(enc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(enc.waitFor(60, TimeUnit.SECONDS) && enc.exitValue() == 0, "ffmpeg (libx264) failed: " + encOut);
        return h264;
    }

    @Test
    void aClipPushedByFfmpegRaisesTheSameAlertAndStrangersAreRefused() throws Exception {
        Path h264 = encode();
        int[] ports = FreePorts.freePorts(2);
        int mqttPort = ports[0];
        int rtspPort = ports[1];
        String prefix = FreePorts.topicPrefix();
        Path config = dir.resolve("push.yaml");
        Files.writeString(config, """
                sites:
                  - id: river-north
                    lat: 30.59
                    lon: 114.30
                cameras:
                  - id: drone-gw-1
                    site: river-north
                    detect: push
                    fps: 5
                rtsp_server:
                  host: 127.0.0.1
                  port: %d
                  username: gateway
                  password: ${PUSH_PASSWORD}
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(rtspPort, mqttPort, prefix));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of("PUSH_PASSWORD", "pa55-word"));
        List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        try (Application app = Application.create(cfg, MODEL)) {
            MqttClient sub = new MqttClient(app.mqttUrl(), "sub-" + UUID.randomUUID(), new MemoryPersistence());
            sub.connect(new MqttConnectOptions());
            sub.subscribe(prefix + "/alerts/river-north/drone-gw-1", 1, (topic, m) -> alerts.add(JSON.readTree(m.getPayload())));
            try {
                app.startCameras();
                String url = "rtsp://127.0.0.1:" + rtspPort + "/drone-gw-1";
                assertTrue(push(h264, url, 2) != 0, "a push without credentials was accepted");
                Process pusher = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-i", h264.toString(),
                        "-t", "12", "-c", "copy", "-f", "rtsp", "-rtsp_transport", "tcp",
                        "rtsp://gateway:pa55-word@127.0.0.1:" + rtspPort + "/drone-gw-1")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while (alerts.stream().noneMatch(a -> "heavy_vehicle".equals(a.path("category").asText()))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                pusher.destroy();
                pusher.waitFor(5, TimeUnit.SECONDS);
            } finally {
                sub.disconnect();
                sub.close();
            }
            assertTrue(alerts.stream().anyMatch(a -> "heavy_vehicle".equals(a.path("category").asText())
                    && a.path("stream_offset_s").asDouble() < 5), "no heavy-vehicle alert in the first 5 s: " + alerts);
        }
    }

    private static int push(Path clip, String url, int seconds) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-i", clip.toString(), "-t",
                Integer.toString(seconds), "-c", "copy", "-f", "rtsp", "-rtsp_transport", "tcp", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(seconds + 20L, TimeUnit.SECONDS), "ffmpeg hung");
        return p.exitValue();
    }
}
