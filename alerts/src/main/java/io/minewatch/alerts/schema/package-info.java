/**
 * The versioned MQTT API: topic names under the configured prefix ({@link io.minewatch.alerts.schema.Topics})
 * and one payload record per outbound message type (the sealed
 * {@link io.minewatch.alerts.schema.OutboundPayload}), each with a {@code schema} id and a JSON Schema file
 * in {@code resources/schemas}; {@link io.minewatch.alerts.schema.PayloadEncoder} is the one writer of
 * their JSON and stamps {@code schema} and {@code msg_id}.
 */
package io.minewatch.alerts.schema;
