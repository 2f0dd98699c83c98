package io.minewatch.alerts;

/**
 * Catalogue of the metrics of the alerts module: every meter name and tag key lives here.
 *
 * <p>Tag values are bounded: camera ids and rule names come from the configuration, failure reasons
 * from the fixed set below.
 */
public final class AlertMetrics {

    /** Counter {@code alerts.published{camera,rule}}: alerts the broker acknowledged (PUBACK). */
    public static final String PUBLISHED = "alerts.published";

    /** Counter {@code alerts.publish.failed{camera,reason}}: alerts that could not be handed over. */
    public static final String PUBLISH_FAILED = "alerts.publish.failed";

    /** Tag key: camera id. */
    public static final String TAG_CAMERA = "camera";

    /** Tag key: rule name. */
    public static final String TAG_RULE = "rule";

    /** Tag key: why a publish failed, one of the {@code REASON_*} values. */
    public static final String TAG_REASON = "reason";

    /** Failure reason: the sink was closed before or while publishing. */
    public static final String REASON_CLOSED = "closed";

    /** Failure reason: the alert could not be serialised. */
    public static final String REASON_SERIALIZATION = "serialization";

    /** Failure reason: site or camera id cannot be used as a topic level. */
    public static final String REASON_INVALID_TOPIC = "invalid_topic";

    /** Failure reason: the MQTT client refused the message as not connected. */
    public static final String REASON_NOT_CONNECTED = "not_connected";

    /** Failure reason: the disconnected buffer is full (long outage). */
    public static final String REASON_BUFFER_FULL = "buffer_full";

    /** Failure reason: too many QoS 1 messages are waiting for their PUBACK. */
    public static final String REASON_TOO_MANY_INFLIGHT = "too_many_inflight";

    /** Failure reason: the connection dropped while the message waited for its PUBACK. */
    public static final String REASON_CONNECTION_LOST = "connection_lost";

    /** Failure reason: any other MQTT client error. */
    public static final String REASON_MQTT_ERROR = "mqtt_error";

    private AlertMetrics() {
    }
}
