package io.minewatch.detect.pipeline;

import io.minewatch.detect.infer.Region;
import io.minewatch.detect.motion.Motion;
import io.minewatch.detect.motion.MotionDetector;
import io.minewatch.detect.motion.RegionPlanner;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decides per frame whether the detector runs, and where: on motion (in regions around it, or the
 * whole frame when they would cover most of it), and on the whole frame at least every
 * {@code fullFrameMicros} of stream time so that stationary objects stay confirmed.
 */
final class MotionGate implements AutoCloseable {
    private final MotionDetector motion;
    private final RegionPlanner planner;
    private final long fullFrameMicros;
    private long lastFull = Long.MIN_VALUE;

    MotionGate(MotionDetector motion, int modelWidth, int modelHeight, long fullFrameMicros) {
        this.motion = motion;
        this.planner = new RegionPlanner(modelWidth, modelHeight);
        this.fullFrameMicros = fullFrameMicros;
    }

    /** Whether to detect, and where (empty regions = whole frame); and whether anything moved. */
    record Decision(boolean detect, boolean motion, List<Region> regions) {
    }

    Decision decide(Mat bgr, long ptsMicros) {
        Motion m = motion.detect(bgr);
        boolean due = lastFull == Long.MIN_VALUE || ptsMicros - lastFull >= fullFrameMicros || ptsMicros < lastFull;
        if (m.wholeFrame() || due) {
            lastFull = ptsMicros;
            return new Decision(true, m.any(), List.of());
        }
        if (!m.any()) {
            return new Decision(false, false, List.of());
        }
        List<Region> regions = planner.plan(m.boxes(), bgr.cols(), bgr.rows());
        if (regions.isEmpty()) {
            lastFull = ptsMicros;
        }
        return new Decision(true, true, regions);
    }

    @Override
    public void close() {
        motion.close();
    }
}
