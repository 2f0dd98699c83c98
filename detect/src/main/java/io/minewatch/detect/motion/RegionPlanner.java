package io.minewatch.detect.motion;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides where the detector looks in a frame with motion (Frigate's regions): each moving area
 * is grown to a square at least the model's input size around it, so a small vehicle is detected
 * at full resolution instead of in a shrunken frame. Overlapping squares merge. When the squares
 * would cover most of the frame anyway, one whole-frame run is cheaper and the plan says so.
 */
public final class RegionPlanner {
    /** Above this share of the frame, one whole-frame run replaces the regions. */
    static final double WHOLE_FRAME_SHARE = 0.5;
    /** More regions than this in one frame: look at the whole frame instead. */
    static final int MAX_REGIONS = 4;
    /** A moving area is grown by this factor before the square is fitted, to hold the whole object. */
    private static final float MARGIN = 1.3f;

    private final int modelSide;

    /** @param modelWidth the model's input width, @param modelHeight its height */
    public RegionPlanner(int modelWidth, int modelHeight) {
        this.modelSide = Math.max(modelWidth, modelHeight);
    }

    /**
     * The regions to detect in; an empty list means the whole frame.
     *
     * @param motion boxes of moving areas, frame pixels
     */
    public List<Region> plan(List<Box> motion, int frameWidth, int frameHeight) {
        List<Box> squares = new ArrayList<>();
        for (Box m : motion) {
            squares.add(square(m, frameWidth, frameHeight));
        }
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < squares.size(); i++) {
                for (int j = i + 1; j < squares.size(); j++) {
                    if (squares.get(i).iou(squares.get(j)) > 0 || contains(squares.get(i), squares.get(j))) {
                        squares.set(i, square(BoxMerger.union(squares.get(i), squares.get(j)), frameWidth, frameHeight));
                        squares.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        double covered = 0;
        List<Region> regions = new ArrayList<>();
        for (Box b : squares) {
            Region r = new Region(Math.round(b.x1()), Math.round(b.y1()),
                    Math.round(b.width()), Math.round(b.height()));
            covered += r.area();
            regions.add(r);
        }
        if (regions.isEmpty() || regions.size() > MAX_REGIONS
                || covered >= WHOLE_FRAME_SHARE * frameWidth * frameHeight) {
            return List.of();
        }
        return regions;
    }

    /** A square of at least the model's side around the box, moved inside the frame and clipped to it. */
    private Box square(Box b, int frameWidth, int frameHeight) {
        float side = Math.max(modelSide, MARGIN * Math.max(b.width(), b.height()));
        float x1 = b.centerX() - side / 2;
        float y1 = b.centerY() - side / 2;
        x1 = Math.max(0, Math.min(x1, frameWidth - side));
        y1 = Math.max(0, Math.min(y1, frameHeight - side));
        return new Box(x1, y1, Math.min(frameWidth, x1 + side), Math.min(frameHeight, y1 + side));
    }

    private static boolean contains(Box a, Box b) {
        return a.x1() <= b.x1() && a.y1() <= b.y1() && a.x2() >= b.x2() && a.y2() >= b.y2();
    }
}
