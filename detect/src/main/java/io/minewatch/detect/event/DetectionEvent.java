package io.minewatch.detect.event;

import io.minewatch.detect.geo.GeoFix;
import io.minewatch.detect.infer.Box;
import java.time.Instant;

/**
 * What the detect path tells the alerts stage: a small record, never a frame.
 *
 * @param rule           the rule that fired (e.g. "heavy_vehicle")
 * @param camera         camera id
 * @param site           site id
 * @param objectId       tracker id of the object, unique per camera run
 * @param time           capture time of the confirming frame (file sources: start time + stream offset)
 * @param streamOffsetS  seconds from the start of the stream to the confirming frame
 * @param category       category of the object: the wire name of a
 *                       {@link io.minewatch.detect.infer.Category} (e.g. "heavy_vehicle")
 * @param label          the model's label (e.g. "truck") in the object's best sighting
 * @param score          the score of that sighting
 * @param box            the object's box in that sighting, in detect-frame pixels: label, score, box and
 *                       snapshot all come from the one sighting the snapshot shows (heavy machinery
 *                       first, then the best score); {@code leave} events (no snapshot) carry the last box
 * @param frameWidth     detect-frame width, to normalise the box
 * @param frameHeight    detect-frame height
 * @param snapshot       snapshot file, relative to the storage directory; null when none was saved
 * @param zone           the zone the event is about, or null
 * @param kind           what happened: {@code object} (an object confirmed), {@code enter} / {@code leave}
 *                       (a zone), {@code stationary} (dwell), {@code count} (a count crossed its
 *                       threshold), {@code tamper} (the view was blocked, blurred or moved)
 * @param objectCount    objects counted by the rule (haul_trips: vehicles in the window; else 1)
 * @param boxOffsetS     seconds from the start of the stream to the frame of {@code box} (the best
 *                       sighting's, which may come a few frames before the confirming frame)
 * @param geo            where the object is on the ground (a drone flight's telemetry, a live drone's
 *                       OSD position), or null when nothing places it
 * @param flight         the drone flight the event comes from, or null for a camera
 */
public record DetectionEvent(
        String rule,
        String camera,
        String site,
        long objectId,
        Instant time,
        double streamOffsetS,
        String category,
        String label,
        float score,
        Box box,
        int frameWidth,
        int frameHeight,
        String snapshot,
        String zone,
        String kind,
        int objectCount,
        double boxOffsetS,
        GeoFix geo,
        String flight) {

    /** An event of a camera without a position (the form before geotagging). */
    public DetectionEvent(String rule, String camera, String site, long objectId, Instant time, double streamOffsetS,
                          String category, String label, float score, Box box, int frameWidth, int frameHeight,
                          String snapshot, String zone, String kind, int objectCount, double boxOffsetS) {
        this(rule, camera, site, objectId, time, streamOffsetS, category, label, score, box, frameWidth, frameHeight,
                snapshot, zone, kind, objectCount, boxOffsetS, null, null);
    }

    /** The same event placed on the ground. */
    public DetectionEvent withGeo(GeoFix where) {
        return new DetectionEvent(rule, camera, site, objectId, time, streamOffsetS, category, label, score, box,
                frameWidth, frameHeight, snapshot, zone, kind, objectCount, boxOffsetS, where, flight);
    }

    /** The same event of a drone flight, routed as this rule of this site (geofence routing). */
    public DetectionEvent routed(String toRule, String toSite, String ofFlight) {
        return new DetectionEvent(toRule, camera, toSite, objectId, time, streamOffsetS, category, label, score, box,
                frameWidth, frameHeight, snapshot, zone, kind, objectCount, boxOffsetS, geo, ofFlight);
    }

    /** An event whose box is from its confirming frame. */
    public DetectionEvent(String rule, String camera, String site, long objectId, Instant time, double streamOffsetS,
                          String category, String label, float score, Box box, int frameWidth, int frameHeight,
                          String snapshot, String zone, String kind, int objectCount) {
        this(rule, camera, site, objectId, time, streamOffsetS, category, label, score, box, frameWidth, frameHeight,
                snapshot, zone, kind, objectCount, streamOffsetS);
    }

    /** Kind of an event about one confirmed object. */
    public static final String OBJECT = "object";

    /** An {@code object} event outside any zone. */
    public DetectionEvent(String rule, String camera, String site, long objectId, Instant time, double streamOffsetS,
                          String category, String label, float score, Box box, int frameWidth, int frameHeight,
                          String snapshot) {
        this(rule, camera, site, objectId, time, streamOffsetS, category, label, score, box, frameWidth, frameHeight,
                snapshot, null, OBJECT, 1);
    }
}
