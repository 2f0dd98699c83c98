package io.minewatch.alerts.outbox;

/** A message the broker acknowledged: reported to the outbox's delivery listener. */
public record Delivered(long seq, String kind, String topic, String alertId, long atMs) {
}
