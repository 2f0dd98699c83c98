package io.minewatch.alerts.outbox;

/**
 * A message the outbox has just committed, as its commit listeners see it (see
 * {@link Outbox#onCommitted}). The payload array is the outbox's own: listeners must not change it,
 * and copy what they keep.
 *
 * @param seq     the outbox sequence number (increasing, in commit order)
 * @param kind    what it is (alert, routed, event, escalation, whistle, camera_status, ...)
 * @param topic   the full MQTT topic
 * @param payload the JSON bytes as published
 * @param alertId the alert it belongs to, or null
 * @param atMs    when it was committed (the outbox's clock)
 */
public record Committed(long seq, String kind, String topic, byte[] payload, String alertId, long atMs) {
}
