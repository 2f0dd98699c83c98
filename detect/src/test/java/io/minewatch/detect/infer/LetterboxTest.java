package io.minewatch.detect.infer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class LetterboxTest {

    private static final int S = 416;
    private static final int PLANE = S * S;

    /** A W x H frame of one colour, given as B, G, R. */
    private static Mat solid(int w, int h, int b, int g, int r) {
        return new Mat(h, w, CV_8UC3, new Scalar(b, g, r, 0));
    }

    private static float at(float[] chw, int plane, int x, int y) {
        return chw[plane * PLANE + y * S + x];
    }

    @Test
    void wideFrameFillsTheTopAndPadsBelowWith114() {
        try (Mat img = solid(200, 100, 10, 20, 30)) {
            Letterbox.Result res = new Letterbox(S, S, 114, false, 1f).apply(img);
            // r = min(416/100, 416/200) = 2.08 -> resized to 416 x 208 at the top-left
            assertEquals(2.08f, res.ratio(), 1e-6f);
            assertEquals(200, res.imageWidth());
            assertEquals(100, res.imageHeight());
            assertEquals(3 * PLANE, res.chw().length);
            for (int[] p : new int[][] {{0, 0}, {415, 0}, {200, 100}, {415, 207}}) {
                assertEquals(10f, at(res.chw(), 0, p[0], p[1]), "blue plane first at " + p[0] + "," + p[1]);
                assertEquals(20f, at(res.chw(), 1, p[0], p[1]), "green plane second");
                assertEquals(30f, at(res.chw(), 2, p[0], p[1]), "red plane third");
            }
            for (int[] p : new int[][] {{0, 208}, {415, 208}, {200, 300}, {415, 415}}) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(114f, at(res.chw(), c, p[0], p[1]), "padding at " + p[0] + "," + p[1]);
                }
            }
        }
    }

    @Test
    void tallFrameIsPaddedOnTheRight() {
        try (Mat img = solid(100, 200, 1, 2, 3)) {
            Letterbox.Result res = new Letterbox(S, S, 114, false, 1f).apply(img);
            assertEquals(2.08f, res.ratio(), 1e-6f);
            assertEquals(1f, at(res.chw(), 0, 207, 415));
            assertEquals(114f, at(res.chw(), 0, 208, 0));
            assertEquals(114f, at(res.chw(), 2, 415, 415));
        }
    }

    @Test
    void leftAndRightHalvesStayInPlaceAndKeepChannelOrder() {
        try (Mat img = solid(200, 100, 0, 0, 255)) {
            // left half pure blue (B=255), right half pure red (R=255)
            try (Mat left = img.colRange(0, 100)) {
                left.put(new Scalar(255, 0, 0, 0));
            }
            Letterbox.Result res = new Letterbox(S, S, 114, false, 1f).apply(img);
            assertEquals(255f, at(res.chw(), 0, 50, 50), "blue lands in plane 0");
            assertEquals(0f, at(res.chw(), 2, 50, 50));
            assertEquals(0f, at(res.chw(), 0, 400, 50));
            assertEquals(255f, at(res.chw(), 2, 400, 50), "red lands in plane 2");
        }
    }

    @Test
    void rgbCardsGetRedFirstAndScaleApplies() {
        try (Mat img = solid(200, 100, 10, 20, 30)) {
            Letterbox.Result res = new Letterbox(S, S, 114, true, 0.5f).apply(img);
            assertEquals(15f, at(res.chw(), 0, 10, 10));
            assertEquals(10f, at(res.chw(), 1, 10, 10));
            assertEquals(5f, at(res.chw(), 2, 10, 10));
            assertEquals(57f, at(res.chw(), 0, 10, 300));
        }
    }

    @Test
    void greyFramesAreExpandedToThreeChannels() {
        try (Mat img = new Mat(100, 200, CV_8UC1, new Scalar(77))) {
            Letterbox.Result res = new Letterbox(S, S, 114, false, 1f).apply(img);
            assertEquals(77f, at(res.chw(), 0, 5, 5));
            assertEquals(77f, at(res.chw(), 2, 5, 5));
        }
    }

    @Test
    void emptyFrameIsRefused() {
        try (Mat empty = new Mat()) {
            assertThrows(IllegalArgumentException.class, () -> new Letterbox(S, S, 114, false, 1f).apply(empty));
        }
    }
}
