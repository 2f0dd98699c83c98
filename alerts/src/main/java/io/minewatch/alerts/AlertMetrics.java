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

    /** Counter {@code alerts.outbox.appended{kind}}: messages committed to the outbox. */
    public static final String OUTBOX_APPENDED = "alerts.outbox.appended";

    /** Counter {@code alerts.outbox.delivered{kind}}: outbox messages the broker acknowledged (PUBACK). */
    public static final String OUTBOX_DELIVERED = "alerts.outbox.delivered";

    /** Counter {@code alerts.outbox.retried{kind}}: publishes that failed and will be sent again. */
    public static final String OUTBOX_RETRIED = "alerts.outbox.retried";

    /** Gauge {@code alerts.outbox.waiting}: messages of this run not yet delivered. */
    public static final String OUTBOX_WAITING = "alerts.outbox.waiting";

    /** Counter {@code alerts.lifecycle{camera,rule,step}}: alert lifecycle steps (new, update, end, suppressed, stationary, cooldown). */
    public static final String LIFECYCLE = "alerts.lifecycle";

    /**
     * Counter {@code alerts.acks{channel,result}}: inbound acknowledgements, accepted or rejected;
     * {@code channel} is {@value #CHANNEL_MQTT} (ack topic) or {@value #CHANNEL_HTTP} (API v1).
     */
    public static final String ACKS = "alerts.acks";
    /** {@code result} of an ack whose payload names another official than the one that sent it. */
    public static final String ACK_FORGED = "forged";
    /** {@code result} of an ack on the old topic {@code alerts/<alert>/ack}, which does not name the sender. */
    public static final String ACK_NO_OFFICIAL = "no_official";

    /** {@code result} of an HTTP ack that failed validation (action or note). */
    public static final String ACK_BAD_INPUT = "bad_input";
    /** Tag key: the channel an ack came through. */
    public static final String TAG_CHANNEL = "channel";
    /** {@code channel}: an MQTT ack topic. */
    public static final String CHANNEL_MQTT = "mqtt";
    /** {@code channel}: {@code POST /api/v1/alerts/{id}/ack}. */
    public static final String CHANNEL_HTTP = "http";

    /** Counter {@code alerts.escalations{level}}: escalation steps taken. */
    public static final String ESCALATIONS = "alerts.escalations";

    /** Counter {@code alerts.whistles{department,level}}: matters whistled to a department. */
    public static final String WHISTLES = "alerts.whistles";

    /** Tag key: outbound message kind. */
    public static final String TAG_KIND = "kind";

    /** Tag key: lifecycle step. */
    public static final String TAG_STEP = "step";

    /** Tag key: result of an inbound message. */
    public static final String TAG_RESULT = "result";

    /** Tag key: alert level. */
    public static final String TAG_LEVEL = "level";

    /** Tag key: department id. */
    public static final String TAG_DEPARTMENT = "department";

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

    /** Track points stored with their alert, by camera (see {@code alerts.track.TrackBook}). */
    public static final String TRACK_POINTS = "alerts.track.points";

    /**
     * Track points not stored, by camera and reason: {@link #REASON_PER_ALERT_BOUND} (the alert already
     * holds its bound), {@link #REASON_DESK_BUSY} (too many frames' points waiting for the desk's thread).
     */
    public static final String TRACK_DROPPED = "alerts.track.points.dropped";

    /** Drop reason: the alert's track holds {@code TrackBook.MAX_POINTS_PER_ALERT} points already. */
    public static final String REASON_PER_ALERT_BOUND = "per_alert_bound";

    /** Drop reason: the desk's thread is behind; the detect path does not wait for it. */
    public static final String REASON_DESK_BUSY = "desk_busy";

    /** Counter {@code cases.opened{source}}: cases opened (alert, flight, hotline, patrol). */
    public static final String CASES_OPENED = "cases.opened";

    /** Counter {@code cases.whistles{department,level}}: matters of cases whistled to a department. */
    public static final String CASES_WHISTLES = "cases.whistles";

    /** Counter {@code cases.escalations}: escalation steps of case whistles past a deadline. */
    public static final String CASES_ESCALATIONS = "cases.escalations";

    /** Gauge {@code cases.whistles.overdue}: whistles escalated at least once and not yet reported. */
    public static final String CASES_WHISTLES_OVERDUE = "cases.whistles.overdue";

    /** Tag key: a case's source. */
    public static final String TAG_SOURCE = "source";

    private AlertMetrics() {
    }
}
