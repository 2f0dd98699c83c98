package io.minewatch.alerts.lifecycle;

import io.minewatch.detect.event.DetectionEvent;

/** Normalised boxes and their overlap. */
final class Boxes {

    private Boxes() {
    }

    /** The event's box divided by the frame size: [x1, y1, x2, y2] in [0, 1]. */
    static float[] norm(DetectionEvent e) {
        float w = Math.max(1, e.frameWidth());
        float h = Math.max(1, e.frameHeight());
        return new float[] {e.box().x1() / w, e.box().y1() / h, e.box().x2() / w, e.box().y2() / h};
    }

    /** Intersection over union of two boxes. */
    static double iou(float[] a, float[] b) {
        double ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = ix * iy;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
