package io.minewatch.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One alert as it goes out on {@code <prefix>/alerts/<site>/<camera>}. Serialised to JSON with
 * snake_case field names (see README, "MQTT topics and payloads").
 *
 * @param schema        payload schema id, {@value #SCHEMA}
 * @param id            unique alert id (UUID); subscribers drop duplicates by it
 * @param event         lifecycle step: "new" (later also "update", "end")
 * @param rule          the rule that raised it (e.g. "heavy_vehicle")
 * @param camera        camera id
 * @param site          site id
 * @param time          capture time of the confirming frame (ISO-8601, UTC)
 * @param streamOffsetS seconds from the start of the stream to that frame
 * @param category      object category (e.g. "heavy_vehicle")
 * @param label         model label (e.g. "truck")
 * @param score         best score of the object
 * @param box           [x1, y1, x2, y2] in detect-frame pixels
 * @param boxNorm       the same box divided by the frame's width and height, in [0, 1]
 * @param objectId      tracker id of the object within this camera run
 * @param snapshot      snapshot reference relative to the storage directory, or null
 */
public record Alert(
        String schema,
        String id,
        String event,
        String rule,
        String camera,
        String site,
        Instant time,
        double streamOffsetS,
        String category,
        String label,
        float score,
        List<Integer> box,
        List<Double> boxNorm,
        long objectId,
        String snapshot) {

    /** Schema id of this payload. */
    public static final String SCHEMA = "minewatch.alert/1";
}
