package io.minewatch.detect.overlay;

import io.minewatch.detect.infer.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One camera's learnt overlay: the text-line boxes of its burned-in text, in detect-frame pixels.
 * Immutable, so the learner's thread publishes it and any thread reads it.
 *
 * @param boxes  text-line boxes (padded), in frame pixels
 * @param width  frame width the boxes are in
 * @param height frame height
 */
public record OverlayMask(List<Box> boxes, int width, int height) {
    /** No overlay learnt (yet). */
    public static final OverlayMask EMPTY = new OverlayMask(List.of(), 0, 0);

    public OverlayMask {
        boxes = List.copyOf(boxes);
    }

    /** Whether any overlay is known. */
    public boolean isEmpty() {
        return boxes.isEmpty();
    }

    /** Share of the frame the overlay covers, 0 to 1. */
    public double frameShare() {
        if (boxes.isEmpty() || width <= 0 || height <= 0) {
            return 0;
        }
        return unionArea(boxes) / ((double) width * height);
    }

    /** Share of the box's area inside the overlay, 0 to 1. */
    public double coverage(Box box) {
        double area = box.area();
        if (boxes.isEmpty() || area <= 0) {
            return 0;
        }
        List<Box> clipped = new ArrayList<>(boxes.size());
        for (Box b : boxes) {
            float x1 = Math.max(b.x1(), box.x1());
            float y1 = Math.max(b.y1(), box.y1());
            float x2 = Math.min(b.x2(), box.x2());
            float y2 = Math.min(b.y2(), box.y2());
            if (x2 > x1 && y2 > y1) {
                clipped.add(new Box(x1, y1, x2, y2));
            }
        }
        return Math.min(1, unionArea(clipped) / area);
    }

    /** Exact area of a union of boxes (coordinate compression; the lists are short). */
    static double unionArea(List<Box> boxes) {
        int n = boxes.size();
        if (n == 0) {
            return 0;
        }
        float[] xs = new float[2 * n];
        float[] ys = new float[2 * n];
        for (int i = 0; i < n; i++) {
            xs[2 * i] = boxes.get(i).x1();
            xs[2 * i + 1] = boxes.get(i).x2();
            ys[2 * i] = boxes.get(i).y1();
            ys[2 * i + 1] = boxes.get(i).y2();
        }
        Arrays.sort(xs);
        Arrays.sort(ys);
        double area = 0;
        for (int i = 0; i + 1 < xs.length; i++) {
            for (int j = 0; j + 1 < ys.length; j++) {
                float cx = (xs[i] + xs[i + 1]) / 2;
                float cy = (ys[j] + ys[j + 1]) / 2;
                for (Box b : boxes) {
                    if (cx > b.x1() && cx < b.x2() && cy > b.y1() && cy < b.y2()) {
                        area += (double) (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
                        break;
                    }
                }
            }
        }
        return area;
    }
}
