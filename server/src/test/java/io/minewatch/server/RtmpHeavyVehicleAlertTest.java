package io.minewatch.server;

import static io.minewatch.server.TestSite.JSON;
import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.OwnMosquitto;
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
 * End to end over RTMP: the freeway clip (H.264, as a drone's encoder sends it) published by the ffmpeg
 * CLI to the server's RTMP port ({@code detect: rtmp}) goes through the same ring, decoder, model and
 * rules as an RTSP camera and raises its heavy-vehicle alert (the tanker, ~1 s into each 10 s loop) over MQTT; a publish with a wrong password
 * gets nothing in. The camera list reports the transport as rtmp. The drone's DJI Cloud OSD position, published on
 * a real Mosquitto ({@code drone_osd}), places the alert: {@code lat}/{@code lon} of the drone, {@code geo_source}
 * osd, accuracy 5 m + its height above take-off.
 */
class RtmpHeavyVehicleAlertTest {
    @TempDir
    Path dir;

    @Test
    void aClipPublishedOverRtmpRaisesAHeavyVehicleAlert() throws Exception {
        Path h264 = dir.resolve("freeway.mp4");
        Process enc = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", TestSite.HAAR.toString(),
                "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-g", "15", "-bf", "0", "-an", h264.toString())
                .redirectErrorStream(true).start();
        String encOut = new String(enc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(enc.waitFor(60, TimeUnit.SECONDS) && enc.exitValue() == 0, "ffmpeg (libx264) failed: " + encOut);
        int[] ports = FreePorts.freePorts(2);
        try (OwnMosquitto dock = OwnMosquitto.start(Files.createDirectories(dir.resolve("dock")))) {
            // The dock's last OSD message, retained: the server's listener gets it when it subscribes.
            MqttClient pub = new MqttClient(dock.url(), "dock-" + UUID.randomUUID(), new MemoryPersistence());
            pub.connect(new MqttConnectOptions());
            pub.publish("thing/product/1581F5BKD223900C0002/osd", ("{\"tid\":\"t\",\"bid\":\"b\",\"timestamp\":1,"
                    + "\"data\":{\"latitude\":30.6021,\"longitude\":114.3107,\"height\":95.5,\"elevation\":60.0,"
                    + "\"attitude_head\":45.0}}").getBytes(StandardCharsets.UTF_8), 1, true);
            pub.disconnect();
            pub.close();
            run(h264, ports, dock.port());
        }
    }

    private void run(Path h264, int[] ports, int dockPort) throws Exception {
        String prefix = FreePorts.topicPrefix();
        Path config = dir.resolve("rtmp.yaml");
        Files.writeString(config, """
                sites:
                  - id: river-north
                    lat: 30.59
                    lon: 114.30
                cameras:
                  - id: drone-7
                    site: river-north
                    detect: rtmp
                    fps: 5
                    drone_sn: 1581F5BKD223900C0002
                rtmp:
                  port: %d
                  username: drone
                  password: ${RTMP_PASSWORD}
                drone_osd:
                  url: tcp://127.0.0.1:%d
                  max_age_s: 60
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(ports[1], dockPort, ports[0], prefix));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of("RTMP_PASSWORD", "pa55-word"));
        List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        try (Application app = Application.create(cfg, MODEL)) {
            MqttClient sub = new MqttClient(app.mqttUrl(), "sub-" + UUID.randomUUID(), new MemoryPersistence());
            sub.connect(new MqttConnectOptions());
            sub.subscribe(prefix + "/alerts/river-north/drone-7", 1, (topic, m) -> alerts.add(JSON.readTree(m.getPayload())));
            try {
                app.startCameras();
                String url = "rtmp://127.0.0.1:" + ports[1] + "/live/drone-7";
                assertTrue(publish(h264, url + "?user=drone&pass=guess", 2) != 0, "a wrong password was accepted");
                assertEquals(0.0, app.registry().get("ingest.access_units").tag("camera", "drone-7").counter().count());
                // Looped, so that a machine too busy to confirm the tanker in the first pass gets another.
                Process publisher = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-stream_loop", "-1",
                        "-i", h264.toString(), "-t", "60", "-c", "copy", "-f", "flv", url + "?user=drone&pass=pa55-word")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (alerts.stream().noneMatch(a -> "heavy_vehicle".equals(a.path("category").asText()))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                publisher.destroy();
                publisher.waitFor(5, TimeUnit.SECONDS);
            } finally {
                sub.disconnect();
                sub.close();
            }
            assertTrue(alerts.stream().anyMatch(a -> "heavy_vehicle".equals(a.path("category").asText())),
                    "no heavy-vehicle alert: " + alerts
                    + " (access units " + app.registry().get("ingest.access_units").tag("camera", "drone-7").counter().count()
                    + ", meters " + app.registry().getMeters().stream().filter(m -> "drone-7".equals(m.getId().getTag("camera")))
                    .map(m -> m.getId().getName() + m.getId().getTags() + "=" + m.measure().iterator().next().getValue()).toList() + ")");
            JsonNode heavy = alerts.stream().filter(a -> "heavy_vehicle".equals(a.path("category").asText()))
                    .findFirst().orElseThrow();
            assertEquals(30.6021, heavy.path("lat").asDouble(), 1e-9, "placed at the drone: " + heavy);
            assertEquals(114.3107, heavy.path("lon").asDouble(), 1e-9, "placed at the drone: " + heavy);
            assertEquals("osd", heavy.path("geo_source").asText(), heavy.toString());
            assertEquals(65.0, heavy.path("accuracy_m").asDouble(), 1e-9, heavy.toString());
            assertEquals(1.0, app.registry().get("ingest.rtmp.auth.refused").tag("reason", "wrong_credentials")
                    .counter().count());
            assertEquals(0.0, app.registry().get("ingest.seq_gaps").tag("camera", "drone-7").counter().count());
        }
    }

    private static int publish(Path clip, String url, int seconds) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-i", clip.toString(), "-t",
                Integer.toString(seconds), "-c", "copy", "-f", "flv", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(seconds + 20L, TimeUnit.SECONDS), "ffmpeg hung");
        return p.exitValue();
    }
}
