package io.minewatch.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.server.Application;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Capture-to-subscriber latency of alerts with N cameras playing real footage at real time: for every
 * {@code new} or {@code update} alert received, receipt time minus the confirming frame's capture time
 * ({@code time}). Args: SHARED_DIR MODEL_DIR WORK_DIR [cameras=12] [seconds=60].
 */
public final class AlertLatencyBench {
    /** The benchmark's own output (its report), not logging. */
    private static final java.io.PrintStream REPORT = System.out;


    private AlertLatencyBench() {
    }

    private static double sum(io.micrometer.core.instrument.MeterRegistry r, String name) {
        return r.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        Path model = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int cameras = args.length > 3 ? Integer.parseInt(args[3]) : 12;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        List<String> clips = List.of("andrewssobral_haar_video1.avi", "cKuhn517_cvTrafficCam_traffic.mp4",
                "mihailrc_highway_traffic.mp4");
        StringBuilder yaml = new StringBuilder("""
                sites:
                  - id: bench
                    lat: 30
                    lon: 114
                alerts:
                  gap_s: 5
                  stats_interval_s: 0
                mqtt:
                  embedded_port: 0
                  anonymous: read
                  topic_prefix: bench/v1
                storage:
                  dir: data
                http:
                  port: 0
                cameras:
                """);
        for (int i = 0; i < cameras; i++) {
            yaml.append("  - id: cam-").append(i).append("\n    site: bench\n    detect: ")
                    .append(shared.resolve("media/video").resolve(clips.get(i % clips.size())))
                    .append("\n    fps: 5\n    width: 640\n    loop: true\n");
        }
        // embedded_port 0 is not allowed by the config: pick a free port.
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = work.resolve("bench.yaml");
        Files.writeString(config, yaml.toString().replace("embedded_port: 0", "embedded_port: " + port));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
        ObjectMapper json = new ObjectMapper();
        Percentiles latency = new Percentiles();
        try (Application app = Application.create(cfg, model)) {
            MqttClient sub = new MqttClient(app.mqttUrl(), "bench-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            sub.connect(o);
            sub.subscribe("bench/v1/alerts/+/+", 1, (topic, m) -> {
                long now = System.currentTimeMillis();
                JsonNode a = json.readTree(m.getPayload());
                String event = a.get("event").asText();
                if (event.equals("new") || event.equals("update")) {
                    latency.add(now - Instant.parse(a.get("time").asText()).toEpochMilli());
                }
            });
            app.startCameras();
            Thread.sleep(seconds * 1000L);
            sub.disconnect();
            sub.close();
            var r = app.registry();
            REPORT.println("cameras=" + cameras + " seconds=" + seconds + " capture->subscriber latency: "
                    + latency.summary() + String.format(java.util.Locale.ROOT,
                    " | frames detected %.0f, dropped %.0f, detect max %.0f ms, events %.0f, alerts new %.0f",
                    sum(r, "detect.frames.detected"), sum(r, "detect.frames.dropped"),
                    r.find("detect.latency").timers().stream().mapToDouble(t -> t.takeSnapshot().percentileValues().length
                            > 0 ? t.max(java.util.concurrent.TimeUnit.MILLISECONDS) : 0).max().orElse(0),
                    sum(r, "detect.events"), r.find("alerts.lifecycle").tag("step", "new").counters().stream()
                            .mapToDouble(c -> c.count()).sum()));
        }
    }
}
