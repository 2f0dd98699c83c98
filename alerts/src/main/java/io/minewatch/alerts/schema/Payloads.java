package io.minewatch.alerts.schema;

import io.minewatch.alerts.Alert;
import java.time.Instant;
import java.util.List;

/** The payload records of the MQTT API other than {@link Alert}; snake_case JSON via {@code AlertJson}. */
public final class Payloads {

    public static final String ROUTED = "minewatch.routed_alert/1";
    public static final String WHISTLE = "minewatch.whistle/1";
    public static final String ESCALATION = "minewatch.escalation/1";
    public static final String EVENT = "minewatch.alert_event/1";
    public static final String STATS = "minewatch.server_stats/1";
    public static final String SNAPSHOT = "minewatch.snapshot/1";
    public static final String ACK = "minewatch.ack/1";

    private Payloads() {
    }

    /**
     * An alert as routed to one official on {@code officials/<official>/alerts}.
     *
     * @param reason     routed (first time), escalated (added by escalation), resend (deadline passed),
     *                   update or end (lifecycle steps of an alert routed before)
     * @param ackTopic   where this official acknowledges it: {@code <prefix>/alerts/<alert>/ack/<official>}
     * @param deadline   when it escalates unless acknowledged; null when acknowledged or no more steps
     * @param escalation escalation steps taken so far
     */
    public record RoutedAlert(String schema, String msgId, String official, String reason, String ackTopic,
            Instant deadline, int escalation, Alert alert) {
    }

    /** A matter outside the township's authority, whistled to a city department. */
    public record Whistle(String schema, String msgId, String whistleId, String alert, String department,
            String level, String rule, String category, String site, String camera, String township, Instant time,
            String reason, String snapshot) {
    }

    /** An alert not acknowledged in time: sent to the command centre with who now has it. */
    public record Escalation(String schema, String msgId, String alert, String level, String site, String camera,
            String rule, int step, List<String> routedTo, String added, Instant time, Instant deadline) {
    }

    /**
     * One state change of an alert: created, routed, acknowledged, escalated, whistled, ended,
     * ack_refused.
     */
    public record AlertEvent(String schema, String msgId, String alert, String kind, String actor, Instant time,
            String detail) {
    }

    /** Periodic server counters on {@code server/stats}. */
    public record ServerStats(String schema, String msgId, Instant time, double uptimeS, int openAlerts,
            long outboxPending, long alertsRaised, long acks, long escalations, long whistles) {
    }

    /** The JPEG snapshot of an alert, base64, on {@code alerts/<site>/<camera>/snapshot}. */
    public record Snapshot(String schema, String msgId, String alert, String camera, String path,
            String contentType, String dataBase64) {
    }

    /**
     * An inbound acknowledgement on {@code alerts/<alert>/ack/<official>}; {@code official} must be the
     * topic's official (who sent it), or the ack is refused as forged.
     */
    public record Ack(String schema, String official, String action, String note, String alert) {
    }
}
