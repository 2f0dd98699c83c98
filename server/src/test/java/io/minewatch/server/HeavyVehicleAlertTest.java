package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.minewatch.server.TestSite.MODEL;
import static io.minewatch.server.TestSite.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real parts: real footage decoded by FFmpeg, the real YOLOX model through DJL,
 * the tracker and rule, and alerts received by a Paho subscriber from a real broker — Mosquitto at
 * 127.0.0.1:1883 (started by scripts/test) and the embedded Moquette broker.
 */
class HeavyVehicleAlertTest {
    private static final Path CLIP = TestSite.HAAR;

    @TempDir
    Path dir;

    @Test
    void alertsReachMosquitto() throws Exception {
        runClip("url: tcp://127.0.0.1:1883");
    }

    @Test
    void alertsReachTheEmbeddedBroker() throws Exception {
        int port = FreePorts.freePort();
        // The demo's setting: anonymous clients may watch the embedded broker.
        runClip("embedded_port: " + port + "\n  anonymous: read");
    }

    private void runClip(String brokerLine) throws Exception {
        assertTrue(Files.isRegularFile(CLIP), "footage missing: " + CLIP + " (set MINEWATCH_SHARED)");
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
                    detect: %s
                    fps: 5
                    realtime: false
                mqtt:
                  %s
                  topic_prefix: %s
                  client_id: minewatch-test-%s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(CLIP.toAbsolutePath(), brokerLine, prefix, UUID.randomUUID()));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of());

        List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        try (Application app = Application.create(cfg, MODEL)) {
            MqttClient subscriber = new MqttClient(app.mqttUrl(), "sub-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            subscriber.connect(options);
            subscriber.subscribe(prefix + "/alerts/#", 1,
                    (topic, message) -> {
                        assertEquals(prefix + "/alerts/river-north/overpass-1", topic);
                        alerts.add(JSON.readTree(message.getPayload()));
                    });
            try {
                app.startCameras();
                assertTrue(app.awaitCameras(Duration.ofMinutes(3)), "the clip did not finish in 3 minutes");
                double events = app.registry().get("detect.events").counter().count();
                app.desk().awaitIdle(10_000);
                // Every event is one lifecycle step: a new alert, an update, or nothing new (same object).
                double steps = app.registry().find("alerts.lifecycle").counters().stream()
                        .mapToDouble(c -> c.count()).sum();
                assertEquals(events, steps, "every detection event reaches the alert lifecycle");
                double raised = app.registry().find("alerts.lifecycle").tag("step", "new").counters().stream()
                        .mapToDouble(c -> c.count()).sum();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (alerts.stream().filter(a -> a.get("event").asText().equals("new")).count() < raised
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals((long) raised, alerts.stream().filter(a -> a.get("event").asText().equals("new")).count(),
                        "every alert raised arrives");
            } finally {
                subscriber.disconnect();
                subscriber.close();
            }
        }
        check(alerts);
    }

    private void check(List<JsonNode> alerts) throws Exception {
        // optional appearances (pickups, vans) count here: an alert for one is not false
        List<double[]> labels = heavyVehicles(TestSite.MODELS.getParent()
                .resolve("labels/andrewssobral_haar_video1.labels"));
        assertFalse(alerts.isEmpty(), "no alert at all");
        boolean tanker = false;
        for (JsonNode a : alerts) {
            assertEquals("minewatch.alert/1", a.get("schema").asText());
            assertEquals("heavy_vehicle", a.get("category").asText(), a.toString());
            assertEquals("overpass-1", a.get("camera").asText());
            assertEquals("river-north", a.get("site").asText());
            double t = a.get("stream_offset_s").asDouble();
            assertTrue(labels.stream().anyMatch(x -> t >= x[0] - 0.5 && t <= x[1] + 0.5),
                    "alert at " + t + " s matches no labelled heavy vehicle: " + a);
            assertTrue(Files.isRegularFile(dir.resolve("data").resolve(a.get("snapshot").asText())),
                    "snapshot missing: " + a.get("snapshot"));
            tanker |= t <= 3.0;
        }
        assertTrue(tanker, "no heavy_vehicle alert in the first 3 s (tanker at ~1 s): " + alerts);
        List<JsonNode> raised = alerts.stream().filter(a -> a.get("event").asText().equals("new")).toList();
        assertTrue(raised.size() <= labels.size(),
                raised.size() + " alerts for " + labels.size() + " heavy-vehicle appearances");
        assertEquals(raised.size(), raised.stream().map(a -> a.get("id").asText()).distinct().count(),
                "alert ids must be unique");
        assertEquals(alerts.size(), alerts.stream().map(a -> a.get("msg_id").asText()).distinct().count(),
                "message ids must be unique");
    }

    /**
     * The labelled heavy-vehicle appearances as {start_s, end_s}, optional ones included (the labels
     * format's first three fields; the tools module's {@code Labels} reads the whole format).
     */
    private static List<double[]> heavyVehicles(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(body -> !body.isEmpty())
                .map(body -> body.split("\\s+"))
                .filter(f -> f[2].equals("heavy_vehicle"))
                .map(f -> new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])})
                .toList();
    }
}
