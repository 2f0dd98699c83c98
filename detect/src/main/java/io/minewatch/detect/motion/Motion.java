package io.minewatch.detect.motion;

import io.minewatch.detect.infer.Box;
import java.util.List;

/**
 * What moved in one frame.
 *
 * @param boxes        bounding boxes of the moving areas, in frame pixels, after merging neighbours
 * @param changedShare share of the (unmasked) frame that changed, 0..1
 * @param wholeFrame   true when most of the view changed at once (light switched, camera moved,
 *                     the first frames): the detector should look at the whole frame
 */
public record Motion(List<Box> boxes, double changedShare, boolean wholeFrame) {
    /** Nothing moved. */
    public static final Motion NONE = new Motion(List.of(), 0, false);

    public Motion {
        boxes = List.copyOf(boxes);
    }

    /** Whether anything moved. */
    public boolean any() {
        return wholeFrame || !boxes.isEmpty();
    }
}
