package io.minewatch.detect.pipeline;

import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.track.IouTracker;
import java.util.ArrayList;
import java.util.List;

/**
 * Cleans one frame's detections before tracking.
 *
 * <ul>
 *   <li>A box covering most of the frame is dropped: on a roadside camera it is the road or the
 *       scene itself (YOLOX-nano calls a whole motorway view a "train"), not a vehicle.</li>
 *   <li>Detections of one object under two classes (the same box as "bus" and as "truck") are
 *       merged, keeping the higher score, so that one vehicle never starts two tracks.</li>
 * </ul>
 */
final class ObjectFilter {
    /** Largest share of the frame one object's box may cover. */
    static final float MAX_FRAME_SHARE = 0.8f;
    /** Overlap above which two boxes of one tracking group are one object. */
    static final float SAME_OBJECT_IOU = 0.6f;

    private ObjectFilter() {
    }

    /** Detections must come sorted by descending score, as detectors return them. */
    static List<Detection> apply(List<Detection> detections, int width, int height) {
        float frameArea = (float) width * height;
        List<Detection> kept = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            if (d.box().area() > MAX_FRAME_SHARE * frameArea) {
                continue;
            }
            boolean duplicate = false;
            for (Detection k : kept) {
                if (sameGroup(k, d) && k.box().iou(d.box()) >= SAME_OBJECT_IOU) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(d);
            }
        }
        return kept;
    }

    private static boolean sameGroup(Detection a, Detection b) {
        return IouTracker.group(a.category()).equals(IouTracker.group(b.category()));
    }
}
