package io.minewatch.tools.eval;

import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.util.Locale;

/**
 * Whether an event's box is on a labelled appearance's object: at the event's time, the labelled box
 * ({@link BoxTrack}, interpolated, scaled to the event's frame) and the event's box overlap with IoU
 * at least {@link #MIN_IOU}, or the event box's centre lies inside the labelled box. An appearance
 * without boxes matches any event box (time decides alone).
 *
 * @param ok           whether it matches
 * @param boxed        whether the appearance has boxes
 * @param iou          IoU of the two boxes (0 when unboxed or the event has no box)
 * @param centreInside whether the event box's centre lies inside the labelled box
 * @param labelled     the labelled box at the event's time, in the event's frame pixels, or null
 */
public record BoxMatch(boolean ok, boolean boxed, float iou, boolean centreInside, Box labelled) {

    /** Lowest IoU at which an event box is on the labelled object. */
    public static final float MIN_IOU = 0.3f;

    /** Checks event {@code e} against appearance {@code a} at the event's stream offset. */
    public static BoxMatch of(Labels.Appearance a, DetectionEvent e) {
        if (a.boxes().isEmpty()) {
            return new BoxMatch(true, false, 0f, false, null);
        }
        Box ev = e.box();
        if (ev == null || e.frameWidth() <= 0 || e.frameHeight() <= 0) {
            return new BoxMatch(false, true, 0f, false, null);
        }
        // The labelled box where the object was when the event's box was seen (its best sighting).
        Box l = a.boxes().at(e.boxOffsetS(), e.frameWidth(), e.frameHeight());
        float iou = ev.iou(l);
        boolean inside = ev.centerX() >= l.x1() && ev.centerX() <= l.x2()
                && ev.centerY() >= l.y1() && ev.centerY() <= l.y2();
        return new BoxMatch(iou >= MIN_IOU || inside, true, iou, inside, l);
    }

    /** "IoU 0.12, centre outside [x1,y1,x2,y2]", for reports. */
    public String describe() {
        if (!boxed) {
            return "no labelled box";
        }
        if (labelled == null) {
            return "the event has no box";
        }
        return String.format(Locale.ROOT, "IoU %.2f, centre %s labelled box %s", iou, centreInside ? "inside" : "outside",
                Evaluate.box(labelled));
    }
}
