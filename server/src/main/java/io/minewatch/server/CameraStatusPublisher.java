package io.minewatch.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.ingest.camera.CameraStatus;
import io.minewatch.ingest.camera.CameraStatusListener;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts camera availability on MQTT: the retained {@code <prefix>/cameras/<camera>/status}
 * ({@code online}/{@code offline}) and the {@code camera_offline} / {@code camera_online} alerts on
 * {@code <prefix>/alerts/<site>/<camera>}. Publishes asynchronously: safe on an event loop.
 */
final class CameraStatusPublisher implements CameraStatusListener {
    /** Schema of the retained status payload. */
    static final String STATUS_SCHEMA = "minewatch.camera_status/1";
    /** Schema of camera_offline / camera_online alerts. */
    static final String ALERT_SCHEMA = "minewatch.camera_alert/1";
    private static final Logger log = LoggerFactory.getLogger(CameraStatusPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttAlertSink sink;
    private final Map<String, String> siteOf;

    CameraStatusPublisher(MqttAlertSink sink, Map<String, String> siteOf) {
        this.sink = sink;
        this.siteOf = Map.copyOf(siteOf);
    }

    @Override
    public void statusChanged(CameraStatus s) {
        String site = siteOf.getOrDefault(s.camera(), "unknown");
        ObjectNode n = JSON.createObjectNode();
        String topic;
        boolean retained;
        switch (s.kind()) {
            case ONLINE, OFFLINE -> {
                n.put("schema", STATUS_SCHEMA);
                n.put("camera", s.camera());
                n.put("site", site);
                n.put("status", s.kind() == CameraStatus.Kind.ONLINE ? "online" : "offline");
                n.put("time", s.time().toString());
                if (!s.reason().isEmpty()) {
                    n.put("reason", s.reason());
                }
                if (!s.transport().isEmpty()) {
                    n.put("transport", s.transport());
                }
                topic = "cameras/" + s.camera() + "/status";
                retained = true;
            }
            default -> {
                boolean offline = s.kind() == CameraStatus.Kind.OFFLINE_ALERT;
                n.put("schema", ALERT_SCHEMA);
                n.put("id", UUID.randomUUID().toString());
                n.put("event", "new");
                n.put("rule", offline ? "camera_offline" : "camera_online");
                n.put("camera", s.camera());
                n.put("site", site);
                n.put("time", s.time().toString());
                if (offline) {
                    n.put("reason", s.reason());
                } else {
                    n.put("downtime_s", s.downtime().toMillis() / 1000.0);
                }
                topic = "alerts/" + site + "/" + s.camera();
                retained = false;
                log.warn("camera {}: {}{}", s.camera(), offline ? "camera_offline" : "camera_online",
                        offline ? " (" + s.reason() + ")" : "");
            }
        }
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            log.error("camera {}: cannot encode status", s.camera(), e);
            return;
        }
        sink.publish(topic, payload, retained).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("camera {}: status {} not delivered: {}", s.camera(), s.kind(), failure.getMessage());
            }
        });
    }
}
