package io.minewatch.detect.tamper;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.minewatch.detect.testing.Media;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Tamper checks on real frames of the traffic clip with synthetic manipulations: covered, blurred
 * (defocused or smeared lens) and moved (re-aimed) views each fire once after the hold time; the
 * normal clip with its traffic and noise never does.
 */
class TamperDetectorTest {
    private static final long FRAME = 200_000;
    private static final long HOLD = 3_000_000;
    private static final List<Mat> clip = new ArrayList<>();

    @BeforeAll
    static void readFrames() throws Exception {
        for (double t = 2.0; t <= 70; t += 4.0) {
            clip.add(Media.frameAt(Media.video(Media.TRAFFIC), t));
        }
    }

    @AfterAll
    static void free() {
        clip.forEach(Mat::close);
    }

    /** Feeds 60 normal frames, then 40 manipulated ones; returns what fired and when (frame index). */
    private static List<String> run(UnaryOperator<Mat> manipulate) {
        List<String> first = null;
        // Three noise seeds: the outcome must not hang on one draw of the sensor noise.
        for (int seed = 1; seed <= 3; seed++) {
            org.bytedeco.opencv.global.opencv_core.setRNGSeed(seed);
            List<String> fired = runOnce(manipulate);
            if (first == null) {
                first = fired;
            } else {
                assertEquals(first.size(), fired.size(), "seed " + seed + ": " + fired + " vs " + first);
            }
        }
        return first;
    }

    private static List<String> runOnce(UnaryOperator<Mat> manipulate) {
        List<String> fired = new ArrayList<>();
        try (TamperDetector d = new TamperDetector(HOLD)) {
            for (int i = 0; i < 100; i++) {
                Mat base = clip.get((i / 5) % clip.size());
                try (Mat noisy = Media.noisy(base, 3)) {
                    Mat shown = i >= 60 && manipulate != null ? manipulate.apply(noisy) : noisy;
                    String what = d.check(shown, i * FRAME);
                    if (what != null) {
                        fired.add(what + "@" + i);
                    }
                    if (shown != noisy) {
                        shown.close();
                    }
                }
            }
        }
        return fired;
    }

    @Test
    void normalTrafficNeverFires() {
        assertEquals(List.of(), run(null));
    }

    @Test
    void aCoveredLensFiresBlockedOnce() {
        List<String> fired = run(f -> new Mat(f.rows(), f.cols(), f.type(), Scalar.all(40)));
        assertEquals(1, fired.size(), fired.toString());
        assertEquals("blocked", fired.get(0).split("@")[0]);
        assertFired(fired.get(0));
    }

    @Test
    void aBlurredViewFiresBlurredOnce() {
        List<String> fired = run(f -> {
            Mat out = new Mat();
            try (Size k = new Size(31, 31)) {
                GaussianBlur(f, out, k, 0);
            }
            return out;
        });
        assertEquals(1, fired.size(), fired.toString());
        assertEquals("blurred", fired.get(0).split("@")[0]);
        assertFired(fired.get(0));
    }

    @Test
    void aMovedCameraFiresMovedOnce() {
        List<String> fired = run(f -> {
            // Re-aimed: the view turned by 25 degrees and shifted.
            Mat out = new Mat();
            try (org.bytedeco.opencv.opencv_core.Point2f c = new org.bytedeco.opencv.opencv_core.Point2f(
                    f.cols() / 3f, f.rows() / 3f);
                 Mat rot = org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D(c, 25, 1.3);
                 Size size = f.size(); Scalar grey = Scalar.all(0)) {
                warpAffine(f, out, rot, size, org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR,
                        BORDER_REPLICATE, grey);
            }
            return out;
        });
        assertEquals(1, fired.size(), fired.toString());
        assertEquals("moved", fired.get(0).split("@")[0]);
        assertFired(fired.get(0));
    }

    /** Fired after the hold time (15 frames at 5 fps) and not much later. */
    private static void assertFired(String event) {
        int at = Integer.parseInt(event.split("@")[1]);
        assertNull(at < 60 + 15 ? "too early: " + event : at > 60 + 20 ? "too late: " + event : null);
    }
}
