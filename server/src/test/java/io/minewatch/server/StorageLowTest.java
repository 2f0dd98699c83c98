package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.minewatch.server.TestSite.MODEL;
import static io.minewatch.server.TestSite.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.PayloadSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A disk that is "full" (free space under a huge min_free_mb) with nothing deletable: the server
 * keeps running, the gauge says so, and one storage_low notice reaches MQTT — not one per pass.
 */
class StorageLowTest {

    @TempDir
    Path dir;

    @Test
    void storageLowIsPublishedOncePerSpell() throws Exception {
        // Regression (flaky under load): with the embedded broker the test could only subscribe after
        // Application.create, and the one non-retained notice sometimes went out before it. The
        // subscriber now waits on the test Mosquitto (127.0.0.1:1883, started by scripts/test) first.
        String broker = "tcp://127.0.0.1:1883";
        String prefix = "mwlow-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                mqtt:
                  url: %s
                  topic_prefix: %s
                storage:
                  dir: data
                  clips:
                    min_free_mb: 1000000000
                    retention_interval_s: 1
                http:
                  port: 0
                """.formatted(broker, prefix));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
        List<JsonNode> notices = new CopyOnWriteArrayList<>();
        List<String> invalid = new CopyOnWriteArrayList<>();
        MqttClient sub = new MqttClient(broker, "sub-" + UUID.randomUUID(), new MemoryPersistence());
        sub.connect(new MqttConnectOptions());
        sub.subscribe(prefix + "/server/alerts", 1, (t, m) -> {
            String problem = PayloadSchemas.problem(t, m.getPayload());
            if (problem != null) {
                invalid.add(problem);
            }
            notices.add(JSON.readTree(m.getPayload()));
        });
        try (Application app = Application.create(cfg, MODEL)) {
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (notices.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(3000); // three more retention passes: still one notice
            sub.disconnect();
            sub.close();
            assertEquals(1, notices.size(), notices.toString());
            // Regression: storage_low was string concatenation, without msg_id or a schema file.
            assertEquals(List.of(), invalid, "every notice validates against server_alert.schema.json");
            assertEquals("storage_low", notices.get(0).path("rule").asText());
            assertEquals("minewatch.server_alert/1", notices.get(0).path("schema").asText());
            assertEquals(1.0, app.registry().get("clips.storage.low").gauge().value());
            assertTrue(app.httpPort() > 0, "the server keeps running");
        }
    }
}
