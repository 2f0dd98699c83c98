package io.minewatch.alerts.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The payload records of the MQTT API other than {@link Alert}; snake_case JSON, stamped with
 * {@code schema} and {@code msg_id} by {@link PayloadEncoder}.
 */
public final class Payloads {

    public static final String ROUTED = "minewatch.routed_alert/1";
    public static final String WHISTLE = "minewatch.whistle/1";
    public static final String ESCALATION = "minewatch.escalation/1";
    public static final String EVENT = "minewatch.alert_event/1";
    public static final String STATS = "minewatch.server_stats/1";
    public static final String SNAPSHOT = "minewatch.snapshot/1";
    /** Schema id of {@link FlightProgress}. */
    public static final String FLIGHT_PROGRESS = "minewatch.flight_progress/1";
    public static final String CAMERA_STATUS = "minewatch.camera_status/1";
    public static final String CAMERA_ALERT = "minewatch.camera_alert/1";
    public static final String SERVER_ALERT = "minewatch.server_alert/1";
    public static final String SERVER_STATUS = "minewatch.server_status/1";
    public static final String ACK = "minewatch.ack/1";
    /** Schema id of {@link CaseEvent}. */
    public static final String CASE_EVENT = "minewatch.case_event/1";
    /** Schema id of {@link CaseWhistle}. */
    public static final String CASE_WHISTLE = "minewatch.case_whistle/1";

    /** {@code status} of a camera or of the server while connected. */
    public static final String ONLINE = "online";
    /** {@code status} of a camera that lost its stream, or of the server stopped or gone. */
    public static final String OFFLINE = "offline";

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
    public record RoutedAlert(String official, String reason, String ackTopic, Instant deadline, int escalation,
            Alert alert) implements OutboundPayload {
        @Override
        public String schema() {
            return ROUTED;
        }

        @Override
        public String topic(Topics topics) {
            return topics.official(official);
        }

        @Override
        public String metricKind() {
            return "routed";
        }
    }

    /** A matter outside the township's authority, whistled to a city department. */
    public record Whistle(String whistleId, String alert, String department, String level, String rule,
            String category, String site, String camera, String township, Instant time, String reason,
            String snapshot) implements OutboundPayload {
        @Override
        public String schema() {
            return WHISTLE;
        }

        @Override
        public String topic(Topics topics) {
            return topics.whistle(department);
        }

        @Override
        public String metricKind() {
            return "whistle";
        }
    }

    /** An alert not acknowledged in time: sent to the command centre with who now has it. */
    public record Escalation(String alert, String level, String site, String camera, String rule, int step,
            List<String> routedTo, String added, Instant time, Instant deadline) implements OutboundPayload {
        @Override
        public String schema() {
            return ESCALATION;
        }

        @Override
        public String topic(Topics topics) {
            return topics.escalations();
        }

        @Override
        public String metricKind() {
            return "escalation";
        }
    }

    /**
     * One state change of an alert: created, routed, acknowledged, escalated, whistled, ended,
     * ack_refused.
     */
    public record AlertEvent(String alert, String kind, String actor, Instant time, String detail)
            implements OutboundPayload {
        @Override
        public String schema() {
            return EVENT;
        }

        @Override
        public String topic(Topics topics) {
            return topics.events();
        }

        @Override
        public String metricKind() {
            return "event";
        }
    }

    /** Periodic server counters on {@code server/stats}. */
    public record ServerStats(Instant time, double uptimeS, int openAlerts, long outboxPending, long alertsRaised,
            long acks, long escalations, long whistles) implements OutboundPayload {
        @Override
        public String schema() {
            return STATS;
        }

        @Override
        public String topic(Topics topics) {
            return topics.stats();
        }

        @Override
        public String metricKind() {
            return "stats";
        }
    }

    /** The JPEG snapshot of an alert, base64, on {@code alerts/<site>/<camera>/snapshot}. */
    public record Snapshot(String alert, String site, String camera, String path, String contentType,
            String dataBase64) implements OutboundPayload {
        @Override
        public String schema() {
            return SNAPSHOT;
        }

        @Override
        public String topic(Topics topics) {
            return topics.snapshot(site, camera);
        }

        @Override
        public String metricKind() {
            return "snapshot";
        }
    }

    /**
     * A drone flight's processing state on {@code flights/<flight>/progress}: sent when it starts, every
     * few seconds while it runs, and when it ends (done, failed, cancelled); the live feed carries it.
     *
     * @param state    queued, running, done, failed or cancelled
     * @param progress share of the video processed, 0..1
     * @param etaS     seconds until done at the rate so far; absent unless running
     * @param frames   frames judged so far
     * @param findings alerts raised so far
     * @param error    why it failed; absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FlightProgress(String flight, String name, String state, double progress, Double etaS,
                                 long frames, int findings, String error, Instant time) implements OutboundPayload {
        @Override
        public String schema() {
            return FLIGHT_PROGRESS;
        }

        @Override
        public String topic(Topics topics) {
            return topics.flightProgress(flight);
        }

        @Override
        public String metricKind() {
            return "flight";
        }
    }

    /**
     * A camera's availability on {@code cameras/<camera>/status}, retained: the latest is what a
     * subscriber gets on subscribing.
     *
     * @param status online or offline
     * @param reason why it is offline (no data, refused, ...); absent when online
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CameraStatus(String camera, String site, String status, Instant time, String reason,
                               String transport) implements OutboundPayload {
        @Override
        public String schema() {
            return CAMERA_STATUS;
        }

        @Override
        public String topic(Topics topics) {
            return topics.cameraStatus(camera);
        }

        @Override
        public String metricKind() {
            return "camera_status";
        }

        @Override
        public boolean retained() {
            return true;
        }
    }

    /**
     * A camera offline for longer than its debounce ({@code camera_offline}, with the reason) or back
     * ({@code camera_online}, with the downtime), on the camera's alert topic.
     *
     * @param id        alert id (UUID)
     * @param event     always {@code new}: these alerts have no lifecycle
     * @param downtimeS seconds offline; only on camera_online
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CameraAlert(String id, String event, String rule, String camera, String site, Instant time,
            String reason, Double downtimeS) implements OutboundPayload {
        @Override
        public String schema() {
            return CAMERA_ALERT;
        }

        @Override
        public String topic(Topics topics) {
            return topics.alert(site, camera);
        }

        @Override
        public String metricKind() {
            return "camera_alert";
        }
    }

    /**
     * A notice about the server itself on {@code server/alerts}: {@code storage_low} (the disk is full of
     * clips that must be kept).
     *
     * @param freeBytes usable disk space of the storage directory
     */
    public record ServerAlert(String id, String rule, String level, Instant time, long freeBytes)
            implements OutboundPayload {
        @Override
        public String schema() {
            return SERVER_ALERT;
        }

        @Override
        public String topic(Topics topics) {
            return topics.serverAlerts();
        }

        @Override
        public String metricKind() {
            return "server_alert";
        }
    }

    /**
     * The server's connection on {@code server/status}, retained: {@code online} on every (re)connect,
     * {@code offline} on a clean stop and as the last will. Published directly, not through the outbox.
     *
     * @param reason stopped or connection_lost; absent when online
     * @param time   when it was published; absent in the last will (written at connect time)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerStatus(String status, String reason, Instant time) implements OutboundPayload {
        @Override
        public String schema() {
            return SERVER_STATUS;
        }

        @Override
        public String topic(Topics topics) {
            return topics.serverStatus();
        }

        @Override
        public String metricKind() {
            return "status";
        }

        @Override
        public boolean retained() {
            return true;
        }
    }

    /**
     * One step of a case of the enforcement loop on {@code cases/events}.
     *
     * @param step     the audit action (case_opened, case_dispatched, ..., case_reopened)
     * @param state    the case's state after the step
     * @param district null until known; {@code team} null until dispatched
     * @param whistleId the whistle of a whistle step, else null; {@code matter} the matter code or null
     */
    public record CaseEvent(String caseId, String step, String actor, Instant time, String state, String township,
            String district, String team, String level, String whistleId, String matter, String detail)
            implements OutboundPayload {
        @Override
        public String schema() {
            return CASE_EVENT;
        }

        @Override
        public String topic(Topics topics) {
            return topics.caseEvents();
        }

        @Override
        public String metricKind() {
            return "case_event";
        }
    }

    /**
     * A whistle of the enforcement loop to its department on {@code departments/<department>/whistles}:
     * sent when issued, escalated, acknowledged and reported.
     *
     * @param state issued, acknowledged, reported or escalated
     */
    public record CaseWhistle(String whistleId, String caseId, String department, String matter, String matterName,
            String level, String state, int escalations, String township, Instant time, Instant ackDeadline,
            Instant reportDeadline, String caseTitle) implements OutboundPayload {
        @Override
        public String schema() {
            return CASE_WHISTLE;
        }

        @Override
        public String topic(Topics topics) {
            return topics.departmentWhistles(department);
        }

        @Override
        public String metricKind() {
            return "case_whistle";
        }
    }

    /**
     * An inbound acknowledgement on {@code alerts/<alert>/ack/<official>}; {@code official} must be the
     * topic's official (who sent it), or the ack is refused as forged.
     */
    public record Ack(String schema, String official, String action, String note, String alert) {
    }
}
