package io.minewatch.detect.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.randu;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.testing.Media;
import io.minewatch.detect.zones.Polygon;
import io.minewatch.detect.zones.Zone;
import io.minewatch.detect.zones.Zones;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/** The motion gate on synthetic frames: noise stays quiet, a moving block is found, masks hide it. */
class OpenCvMotionDetectorTest {

    /** A textured, static 640x360 scene (blurred random pixels). */
    private static Mat scene() {
        Mat m = new Mat(360, 640, CV_8UC3);
        try (Mat lo = Media.values(60); Mat hi = Media.values(200); Size k = new Size(9, 9)) {
            randu(m, lo, hi);
            GaussianBlur(m, m, k, 0);
        }
        return m;
    }

    /** The scene with a dark 60x40 block at (x, y), plus sensor noise. */
    private static Mat withBlock(Mat scene, int x, int y) {
        try (Mat copy = scene.clone(); Point a = new Point(x, y); Point b = new Point(x + 60, y + 40);
             Scalar dark = Scalar.all(10)) {
            rectangle(copy, a, b, dark, -1, 8, 0);
            return Media.noisy(copy, 3);
        }
    }

    private static Motion run(MotionDetector d, Mat frame) {
        try (frame) {
            return d.detect(frame);
        }
    }

    @Test
    void sensorNoiseOnAStillSceneIsNoMotion() {
        try (Mat scene = scene(); MotionDetector d = new OpenCvMotionDetector(MotionSettings.DEFAULT, Zones.NONE)) {
            assertTrue(run(d, Media.noisy(scene, 4)).wholeFrame(), "the first frames are a whole-frame look");
            int moving = 0;
            for (int i = 0; i < 60; i++) {
                Motion m = run(d, Media.noisy(scene, 4));
                if (i >= 3 && m.any()) {
                    moving++;
                }
            }
            assertEquals(0, moving, "noise alone must not count as motion");
        }
    }

    @Test
    void aMovingBlockIsFoundWhereItIs() {
        try (Mat scene = scene(); MotionDetector d = new OpenCvMotionDetector(MotionSettings.DEFAULT, Zones.NONE)) {
            for (int i = 0; i < 5; i++) {
                run(d, Media.noisy(scene, 3));
            }
            Motion m = null;
            for (int x = 100; x <= 300; x += 40) {
                m = run(d, withBlock(scene, x, 200));
            }
            assertFalse(m.wholeFrame());
            assertFalse(m.boxes().isEmpty(), "a moving block must be motion");
            Box block = new Box(300, 200, 360, 240);
            assertTrue(m.boxes().stream().anyMatch(b -> b.iou(block) > 0.2), "motion " + m.boxes() + " misses " + block);
        }
    }

    @Test
    void motionUnderAMaskIsIgnored() {
        Zones zones = new Zones(List.of(new Zone("trees", Zone.MASK,
                new Polygon(new double[] {0.0, 1.0, 1.0, 0.0}, new double[] {0.45, 0.45, 1.0, 1.0}))));
        try (Mat scene = scene(); MotionDetector d = new OpenCvMotionDetector(MotionSettings.DEFAULT, zones)) {
            for (int i = 0; i < 5; i++) {
                run(d, Media.noisy(scene, 3));
            }
            for (int x = 100; x <= 300; x += 40) {
                Motion m = run(d, withBlock(scene, x, 250));
                assertFalse(m.any(), "block under the mask at x=" + x + ": " + m);
            }
        }
    }

    @Test
    void theWholeViewChangingAsksForAWholeFrameLook() {
        try (Mat scene = scene(); Mat other = new Mat();
             MotionDetector d = new OpenCvMotionDetector(MotionSettings.DEFAULT, Zones.NONE)) {
            scene.convertTo(other, -1, 1, 60); // the lights come on
            for (int i = 0; i < 5; i++) {
                run(d, Media.noisy(scene, 3));
            }
            assertTrue(run(d, Media.noisy(other, 3)).wholeFrame());
        }
    }
}
