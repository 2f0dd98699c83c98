package io.minewatch.alerts.outbox;

import java.util.Objects;

/**
 * One message to publish at QoS 1.
 *
 * @param msgId    the message id the payload carries (its {@code msg_id}); a resend carries the same
 * @param kind     what it is, for metrics: alert, routed, whistle, escalation, event, status, stats, snapshot
 * @param topic    the full topic
 * @param payload  the bytes to publish
 * @param retained whether the broker keeps it as the topic's retained message
 * @param alertId  the alert it belongs to, or null
 */
public record OutboundMessage(String msgId, String kind, String topic, byte[] payload, boolean retained,
        String alertId) {

    public OutboundMessage {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
