package io.minewatch.alerts.outbox;

/** An outbox row not yet delivered: its sequence number and what to publish. */
record PendingMessage(long seq, String kind, String topic, byte[] payload, boolean retained, String alertId) {
}
