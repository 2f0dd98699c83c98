package io.minewatch.alerts.cameras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.ingest.camera.CameraStatus;
import io.minewatch.testkit.PayloadSchemas;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Camera status on a real broker (Mosquitto at 127.0.0.1:1883, started by scripts/test): the retained
 * status topic, and the camera_offline / camera_online alerts on the camera's alert topic.
 */
class CameraStatusPublisherTest {

    @Test
    void statusIsRetainedAndOutagesAlert() throws Exception {
        String prefix = "mwcam-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
        try (MqttAlertSink sink = new MqttAlertSink("tcp://127.0.0.1:1883", "pub-" + UUID.randomUUID(), null, null,
                prefix, new SimpleMeterRegistry())) {
            sink.start();
            CameraStatusPublisher p = new CameraStatusPublisher(sink, Map.of("cam-1", "pit-3"));
            Instant t = Instant.parse("2026-11-29T08:00:00Z");
            p.statusChanged(new CameraStatus("cam-1", CameraStatus.Kind.OFFLINE, t, "no data for 10 s", Duration.ZERO));
            p.statusChanged(new CameraStatus("cam-1", CameraStatus.Kind.OFFLINE_ALERT, t.plusSeconds(30),
                    "offline since " + t, Duration.ZERO));
            p.statusChanged(new CameraStatus("cam-1", CameraStatus.Kind.ONLINE, t.plusSeconds(50), "", Duration.ZERO));
            p.statusChanged(new CameraStatus("cam-1", CameraStatus.Kind.ONLINE_ALERT, t.plusSeconds(50), "",
                    Duration.ofSeconds(50)));

            BlockingQueue<Object[]> got = new LinkedBlockingQueue<>();
            MqttClient sub = new MqttClient("tcp://127.0.0.1:1883", "sub-" + UUID.randomUUID(), new MemoryPersistence());
            sub.connect(new MqttConnectOptions());
            // Subscribing after the fact: only the retained status is there, and it is the latest.
            sub.subscribe(prefix + "/cameras/+/status", 1, (topic, m) -> got.add(new Object[] {topic, m}));
            Object[] status = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(status, "no retained status");
            assertEquals(prefix + "/cameras/cam-1/status", status[0]);
            MqttMessage m = (MqttMessage) status[1];
            assertTrue(m.isRetained());
            // Regression: camera status was built by hand, without msg_id and without a schema file.
            JsonNode s = PayloadSchemas.validate(m.getPayload());
            assertFalse(s.path("msg_id").asText().isEmpty());
            assertEquals("minewatch.camera_status/1", s.get("schema").asText());
            assertEquals("online", s.get("status").asText());
            assertEquals("pit-3", s.get("site").asText());

            sub.subscribe(prefix + "/alerts/#", 1, (topic, msg) -> got.add(new Object[] {topic, msg}));
            p.statusChanged(new CameraStatus("cam-1", CameraStatus.Kind.OFFLINE_ALERT, t.plusSeconds(90),
                    "offline since " + t, Duration.ZERO));
            Object[] alert = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(alert, "no camera_offline alert");
            assertEquals(prefix + "/alerts/pit-3/cam-1", alert[0]);
            MqttMessage am = (MqttMessage) alert[1];
            assertFalse(am.isRetained());
            JsonNode a = PayloadSchemas.validate(am.getPayload());
            assertFalse(a.path("msg_id").asText().isEmpty());
            assertEquals("offline since " + t, a.get("reason").asText());
            assertEquals("minewatch.camera_alert/1", a.get("schema").asText());
            assertEquals("camera_offline", a.get("rule").asText());
            assertEquals("cam-1", a.get("camera").asText());
            assertFalse(a.get("id").asText().isEmpty());
            p.statusChanged(new CameraStatus("cam-1", CameraStatus.Kind.ONLINE_ALERT, t.plusSeconds(95), "",
                    Duration.ofSeconds(5)));
            Object[] back = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(back, "no camera_online alert");
            JsonNode b = PayloadSchemas.validate(((MqttMessage) back[1]).getPayload());
            assertEquals("camera_online", b.get("rule").asText());
            assertEquals(5.0, b.get("downtime_s").asDouble());
            // leave no retained status behind on the shared broker
            sub.publish(prefix + "/cameras/cam-1/status", new byte[0], 1, true);
            sub.disconnect();
            sub.close();
        }
    }
}
