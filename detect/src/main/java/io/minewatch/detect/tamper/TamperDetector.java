package io.minewatch.detect.tamper;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.accumulateWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Notices a camera being interfered with: its view <em>blocked</em> (almost no contrast left),
 * <em>blurred</em> (sharpness far below the reference's) or <em>moved</em> (most of the reference's
 * edges gone), held for a few seconds. The reference is the scene averaged slowly over normal
 * frames, so dusk, weather and parked vehicles drift into it while a sudden change does not.
 *
 * <p>After firing it stays quiet until the view has been normal again for the hold time. A changed
 * view that lasts a minute becomes the new reference (the camera was re-aimed for good). Owns
 * native buffers: one per camera, one thread.
 */
public final class TamperDetector implements AutoCloseable {
    /** What {@link #check} returns for a view that was moved or re-zoomed. */
    public static final String MOVED = "moved";
    /** Small grey frame width the checks work on. */
    private static final int WIDTH = 160;
    /** Frames that build the first reference before any check. */
    private static final int LEARN_FRAMES = 10;
    /** Reference learning rate per normal frame. */
    private static final double ALPHA = 0.01;
    /** Sharpness below this share of the reference's is a blurred view. */
    static final double BLUR_RATIO = 0.3;
    /** Grey-level standard deviation below which the view is blocked (a hand, a bag, paint). */
    static final double BLOCKED_STD = 8;
    /**
     * The view has moved when the share of the reference's edges still found falls below this part
     * of its usual share (normal frames find ~0.9 of them: noise and traffic hide the rest).
     */
    static final double MOVED_MATCH = 0.7;
    /** An abnormal view that lasts this long becomes the new reference. */
    private static final long ADOPT_MICROS = 60_000_000;

    private final long holdMicros;
    private final Mat small = new Mat();
    private final Mat grey = new Mat();
    private final Mat reference = new Mat();
    private final Mat reference8 = new Mat();
    private final Mat lap = new Mat();
    private final Mat edges = new Mat();
    private final Mat refEdges = new Mat();
    private final Mat both = new Mat();
    private final Mat kernel = new Mat();
    private final Mat mean = new Mat();
    private final Mat std = new Mat();
    /** Share of the reference edges found in the last frame checked (for tests and tuning). */
    double lastMatch = 1;
    private double refMatch = 0.9;
    private double refSharpness;
    private double refStd;
    private int learned;
    private String state;
    private long stateSince;
    private boolean fired;
    private long normalSince = Long.MIN_VALUE;

    /** @param holdMicros how long a condition must last before it is reported */
    public TamperDetector(long holdMicros) {
        this.holdMicros = holdMicros;
    }

    /**
     * Looks at the next frame; returns {@code blocked}, {@code blurred} or {@code moved} the moment a
     * condition has lasted the hold time (once), else null.
     */
    public String check(Mat bgr, long ptsMicros) {
        int h = Math.max(8, Math.round(bgr.rows() * (WIDTH / (float) bgr.cols())));
        try (Size size = new Size(WIDTH, h)) {
            resize(bgr, small, size, 0, 0, INTER_AREA);
        }
        cvtColor(small, grey, COLOR_BGR2GRAY);
        double sharp = sharpness();
        double sd = stdDev(grey);
        if (learned < LEARN_FRAMES || reference.cols() != WIDTH || reference.rows() != h) {
            learn(sharp, sd, learned == 0 || reference.rows() != h ? 1.0 : 0.2);
            learned++;
            return null;
        }
        String now = condition(sharp, sd);
        if (now == null) {
            if (normalSince == Long.MIN_VALUE) {
                normalSince = ptsMicros;
            }
            // Hysteresis: a borderline view that flickers normal for a frame or two stays suspect.
            if (state != null && ptsMicros - normalSince >= holdMicros / 3) {
                state = null;
            }
            if (fired && ptsMicros - normalSince >= holdMicros) {
                fired = false;
            }
            if (state == null) {
                learn(sharp, sd, ALPHA);
                refMatch += 0.05 * (lastMatch - refMatch);
            }
            return null;
        }
        normalSince = Long.MIN_VALUE;
        if (state == null) {
            state = now;
            stateSince = ptsMicros;
        }
        if (ptsMicros - stateSince >= ADOPT_MICROS) {
            learned = 0;
            state = null;
            return null;
        }
        if (!fired && ptsMicros - stateSince >= holdMicros) {
            fired = true;
            return state;
        }
        return null;
    }

    private String condition(double sharp, double sd) {
        lastMatch = refMatch;
        if (refStd > 2 * BLOCKED_STD && sd < BLOCKED_STD) {
            return "blocked";
        }
        if (refSharpness > 0 && sharp < BLUR_RATIO * refSharpness) {
            return "blurred";
        }
        int refCount = countNonZero(refEdges);
        if (refCount > 0.01 * grey.cols() * grey.rows()) {
            Canny(grey, edges, 50, 150);
            dilate(edges, edges, kernel);
            bitwise_and(edges, refEdges, both);
            lastMatch = countNonZero(both) / (double) refCount;
            if (lastMatch < MOVED_MATCH * refMatch) {
                return MOVED;
            }
        }
        return null;
    }

    private void learn(double sharp, double sd, double alpha) {
        if (alpha >= 1.0) {
            grey.convertTo(reference, CV_32F);
            refSharpness = sharp;
            refStd = sd;
        } else {
            accumulateWeighted(grey, reference, alpha);
            refSharpness += alpha * (sharp - refSharpness);
            refStd += alpha * (sd - refStd);
        }
        reference.convertTo(reference8, CV_8U);
        Canny(reference8, refEdges, 50, 150);
    }

    /** Variance of the Laplacian: high for a sharp, textured view. */
    private double sharpness() {
        Laplacian(grey, lap, CV_64F);
        double s = stdDev(lap);
        return s * s;
    }

    private double stdDev(Mat m) {
        meanStdDev(m, mean, std);
        try (DoubleIndexer idx = std.createIndexer()) {
            return idx.get(0);
        }
    }

    @Override
    public void close() {
        for (Mat m : new Mat[] {small, grey, reference, reference8, lap, edges, refEdges, both, kernel, mean, std}) {
            m.close();
        }
    }
}
