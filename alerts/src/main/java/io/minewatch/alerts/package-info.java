/**
 * The alerts stage: detection events become {@link io.minewatch.alerts.schema.Alert}s and go out through an
 * {@link io.minewatch.alerts.AlertSink}.
 *
 * <p>{@link io.minewatch.alerts.AlertFactory} builds an alert from a
 * {@link io.minewatch.detect.event.DetectionEvent}; {@link io.minewatch.alerts.AlertJson} holds the
 * shared mapper (snake_case names, ISO-8601 UTC time) and reads alerts back;
 * {@link io.minewatch.alerts.schema.PayloadEncoder} writes every outbound payload;
 * {@link io.minewatch.alerts.AlertMetrics} names every metric of the module. Delivery over MQTT lives
 * in {@code alerts.mqtt}, the embedded broker in {@code alerts.broker}.
 */
package io.minewatch.alerts;
