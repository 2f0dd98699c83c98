/**
 * Camera availability on MQTT: the retained camera status and the {@code camera_offline} /
 * {@code camera_online} alerts, from the ingest's status changes.
 */
package io.minewatch.alerts.cameras;
