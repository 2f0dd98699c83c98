package io.minewatch.alerts.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One alert message as it goes out on {@code <prefix>/alerts/<site>/<camera>}: a step of an alert's
 * lifecycle. Serialised to JSON with snake_case field names (see README, "MQTT topics and payloads",
 * and {@code schemas/alert.schema.json}). {@link PayloadEncoder} stamps {@code schema} and {@code msg_id}
 * on every message; a resend carries the same {@code msg_id}, so subscribers drop duplicates by it.
 *
 * @param id            alert id (UUID), the same for the new, update and end messages of one alert
 * @param event         lifecycle step: "new", "update" or "end"
 * @param rule          the rule that raised it (e.g. "heavy_vehicle")
 * @param level         urgency: "quick", "tough" or "emergency"
 * @param camera        camera id
 * @param site          site id
 * @param time          capture time of the frame this message reports (ISO-8601, UTC)
 * @param started       capture time of the frame that raised the alert
 * @param streamOffsetS seconds from the start of the stream to {@code time}'s frame
 * @param category      object category (e.g. "heavy_vehicle")
 * @param label         model label of the best object (e.g. "truck")
 * @param score         best score of the alert so far
 * @param box           [x1, y1, x2, y2] of the best object, detect-frame pixels
 * @param boxNorm       the same box divided by the frame's width and height, in [0, 1]
 * @param objectId      tracker id of the best object within this camera run
 * @param objects       number of distinct objects seen in this alert so far
 * @param snapshot      snapshot of the best frame, relative to the storage directory, or null
 * @param lat           latitude of the best object (WGS-84), or null (then absent from the JSON)
 * @param lon           longitude, or null
 * @param accuracyM     expected error of the position in metres, or null
 * @param geoSource     how the position was found ({@code ground}, {@code drone}, {@code osd}, {@code site}), or null
 * @param flight        the drone flight the alert comes from, or null (a camera's alert)
 */
public record Alert(
        String id,
        String event,
        String rule,
        String level,
        String camera,
        String site,
        Instant time,
        Instant started,
        double streamOffsetS,
        String category,
        String label,
        float score,
        List<Integer> box,
        List<Double> boxNorm,
        long objectId,
        int objects,
        String snapshot,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double lat,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double lon,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double accuracyM,
        @JsonInclude(JsonInclude.Include.NON_NULL) String geoSource,
        @JsonInclude(JsonInclude.Include.NON_NULL) String flight) implements OutboundPayload {

    /** An alert without a position (a camera's, before geotagging). */
    public Alert(String id, String event, String rule, String level, String camera, String site, Instant time,
                 Instant started, double streamOffsetS, String category, String label, float score, List<Integer> box,
                 List<Double> boxNorm, long objectId, int objects, String snapshot) {
        this(id, event, rule, level, camera, site, time, started, streamOffsetS, category, label, score, box, boxNorm,
                objectId, objects, snapshot, null, null, null, null, null);
    }

    /** Schema id of this payload. */
    public static final String SCHEMA = "minewatch.alert/1";

    /** The same alert as a message of this step. */
    public Alert as(String newEvent) {
        return new Alert(id, newEvent, rule, level, camera, site, time, started, streamOffsetS,
                category, label, score, box, boxNorm, objectId, objects, snapshot, lat, lon, accuracyM, geoSource,
                flight);
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    /** {@code alerts/<site>/<camera>}. */
    @Override
    public String topic(Topics topics) {
        return topics.alert(site, camera);
    }

    @Override
    public String metricKind() {
        return "alert";
    }
}
