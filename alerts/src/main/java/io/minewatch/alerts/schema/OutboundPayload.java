package io.minewatch.alerts.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A message the server publishes: one record per type, each with its schema id, its topic (from
 * {@link Topics}) and whether the broker retains it.
 *
 * <p>The records carry neither {@code schema} nor {@code msg_id}: {@link PayloadEncoder} stamps both
 * on every payload (nested ones included), so no message goes out without them. Each schema id
 * {@code minewatch.<name>/<version>} has its JSON Schema in {@code resources/schemas/<name>.schema.json};
 * {@code OutboundPayloadSchemaTest} walks every permitted type and fails the build when one lacks it.
 */
public sealed interface OutboundPayload permits Alert, Payloads.RoutedAlert, Payloads.Whistle,
        Payloads.Escalation, Payloads.AlertEvent, Payloads.ServerStats, Payloads.Snapshot, Payloads.CameraStatus,
        Payloads.CameraAlert, Payloads.ServerAlert, Payloads.ServerStatus, Payloads.FlightProgress,
        Payloads.CaseEvent, Payloads.CaseWhistle {

    /** The schema id the payload's {@code schema} field carries, e.g. {@code minewatch.alert/1}. */
    @JsonIgnore
    String schema();

    /** The topic it goes to. */
    String topic(Topics topics);

    /** What it is, for the outbox metrics' {@code kind} tag. */
    @JsonIgnore
    String metricKind();

    /** Whether the broker keeps it as the topic's retained message. */
    @JsonIgnore
    default boolean retained() {
        return false;
    }
}
