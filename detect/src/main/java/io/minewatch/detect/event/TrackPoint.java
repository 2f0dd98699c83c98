package io.minewatch.detect.event;

import io.minewatch.detect.infer.Box;
import java.time.Instant;

/**
 * Where one reported object was in one detect frame: a point of an alert's track (what the detector
 * saw). Small, never a frame.
 *
 * @param camera        camera id
 * @param objectId      tracker id of the object (as in {@link DetectionEvent#objectId()})
 * @param time          capture time of the frame (the access unit's capture clock, the same one clips are cut by)
 * @param streamOffsetS seconds from the start of the stream to the frame
 * @param label         the model's label in this frame
 * @param score         the score in this frame
 * @param box           the box in this frame, detect-frame pixels
 * @param frameWidth    detect-frame width
 * @param frameHeight   detect-frame height
 * @param sourcePtsMicros the access unit's RTP presentation time (see {@code SampledFrame}), -1 when none
 * @param epoch         the access unit's connection, -1 when none
 */
public record TrackPoint(String camera, long objectId, Instant time, double streamOffsetS, String label,
                         float score, Box box, int frameWidth, int frameHeight, long sourcePtsMicros, int epoch) {

    /** A point without an access unit behind it (files, tests). */
    public TrackPoint(String camera, long objectId, Instant time, double streamOffsetS, String label, float score,
                      Box box, int frameWidth, int frameHeight) {
        this(camera, objectId, time, streamOffsetS, label, score, box, frameWidth, frameHeight, -1, -1);
    }
}
