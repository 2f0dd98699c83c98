package io.minewatch.alerts.cameras;

import io.minewatch.alerts.AlertSink;
import io.minewatch.alerts.schema.OutboundPayload;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.schema.Payloads;
import io.minewatch.ingest.camera.CameraStatus;
import io.minewatch.ingest.camera.CameraStatusListener;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts camera availability on MQTT: the retained {@code cameras/<camera>/status} ({@code online} /
 * {@code offline}, {@link Payloads.CameraStatus}) and the {@code camera_offline} / {@code camera_online}
 * alerts on the camera's alert topic ({@link Payloads.CameraAlert}). Publishes through the sink's outbox
 * without waiting: safe on an event loop.
 */
public final class CameraStatusPublisher implements CameraStatusListener {
    /** Rule of the alert raised when a camera stays offline past its debounce. */
    public static final String CAMERA_OFFLINE = "camera_offline";
    /** Rule of the alert raised when such a camera is back. */
    public static final String CAMERA_ONLINE = "camera_online";
    /** Site of a camera the map does not know (a topic level must not be empty). */
    static final String UNKNOWN_SITE = "unknown";
    private static final Logger log = LoggerFactory.getLogger(CameraStatusPublisher.class);

    private final AlertSink sink;
    private final Map<String, String> siteOf;

    /**
     * A publisher over a sink.
     *
     * @param siteOf the site of each camera id
     */
    public CameraStatusPublisher(AlertSink sink, Map<String, String> siteOf) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.siteOf = Map.copyOf(siteOf);
    }

    @Override
    public void statusChanged(CameraStatus s) {
        OutboundPayload payload = payload(s, siteOf.getOrDefault(s.camera(), UNKNOWN_SITE));
        if (payload instanceof Payloads.CameraAlert a) {
            log.warn("camera {}: {}{}", s.camera(), a.rule(), a.reason() == null ? "" : " (" + a.reason() + ")");
        }
        sink.publish(payload).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("camera {}: status {} not delivered: {}", s.camera(), s.kind(), failure.getMessage());
            }
        });
    }

    /** The payload of a status change: a retained status, or a camera alert. */
    static OutboundPayload payload(CameraStatus s, String site) {
        return switch (s.kind()) {
            case ONLINE -> new Payloads.CameraStatus(s.camera(), site, Payloads.ONLINE, s.time(), null,
                    s.transport().isEmpty() ? null : s.transport());
            case OFFLINE -> new Payloads.CameraStatus(s.camera(), site, Payloads.OFFLINE, s.time(),
                    s.reason().isEmpty() ? null : s.reason(), null);
            case OFFLINE_ALERT -> new Payloads.CameraAlert(PayloadEncoder.newMessageId(), "new", CAMERA_OFFLINE,
                    s.camera(), site, s.time(), s.reason(), null);
            case ONLINE_ALERT -> new Payloads.CameraAlert(PayloadEncoder.newMessageId(), "new", CAMERA_ONLINE,
                    s.camera(), site, s.time(), null, s.downtime().toMillis() / 1000.0);
        };
    }
}
