package io.minewatch.detect.event;

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
 * @param category       category of the object (e.g. "heavy_vehicle")
 * @param label          the model's label (e.g. "truck")
 * @param score          best score seen for the object so far
 * @param box            the object's box in the confirming frame, in detect-frame pixels
 * @param frameWidth     detect-frame width, to normalise the box
 * @param frameHeight    detect-frame height
 * @param snapshot       snapshot file, relative to the storage directory; null when none was saved
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
        String snapshot) {
}
