package io.minewatch.detect.ground;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.cartToPolar;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The structure of each cell of one frame, in numbers that light does not move: per cell a
 * histogram of gradient orientations weighted by gradient magnitude (normalised to sum 1: contrast
 * cancels), the texture strength (mean gradient magnitude over mean brightness: a uniform gain such
 * as a cloud or a shadow cancels, an added offset barely moves it) and the edge density (share of
 * pixels whose gradient exceeds {@link #EDGE} of the cell's brightness). Gradients are taken on the
 * grey feature image after a Gaussian blur (sensor noise, rain streaks a pixel wide).
 */
final class CellFeatures {
    static final int BINS = 8;
    /** Floats per cell: the histogram, strength, edge density. */
    static final int LEN = BINS + 2;
    static final int STRENGTH = BINS;
    static final int EDGES = BINS + 1;
    /** Relative gradient that makes a pixel an edge (a 3x3 Sobel answers about 4x a step's contrast). */
    static final float EDGE = 0.35f;
    /** Added to the mean brightness, so that near-black cells do not blow the ratios up. */
    static final float DARK = 8f;

    private final CellGrid grid;
    private final float[] values;

    private CellFeatures(CellGrid grid, float[] values) {
        this.grid = grid;
        this.values = values;
    }

    /** The features of the cells marked in {@code needed} (others stay zero) of a BGR detect frame. */
    static CellFeatures of(Mat bgr, CellGrid grid, boolean[] needed) {
        int w = grid.width;
        int h = grid.height;
        byte[] grey = new byte[w * h];
        float[] mag = new float[w * h];
        float[] ang = new float[w * h];
        try (Mat g = new Mat(); Mat small = new Mat(); Mat blur = new Mat(); Mat dx = new Mat(); Mat dy = new Mat();
             Mat m = new Mat(); Mat a = new Mat(); Size size = new Size(w, h); Size k = new Size(5, 5)) {
            cvtColor(bgr, g, COLOR_BGR2GRAY);
            if (g.cols() != w || g.rows() != h) {
                resize(g, small, size, 0, 0, INTER_AREA);
            } else {
                g.copyTo(small);
            }
            GaussianBlur(small, blur, k, 1.0);
            Sobel(blur, dx, CV_32F, 1, 0);
            Sobel(blur, dy, CV_32F, 0, 1);
            cartToPolar(dx, dy, m, a, true);
            new BytePointer(blur.data()).get(grey);
            new FloatPointer(m.data()).get(mag);
            new FloatPointer(a.data()).get(ang);
        }
        float[] v = new float[grid.size() * LEN];
        int cell = CellGrid.CELL;
        float n = cell * cell;
        for (int i = 0; i < grid.size(); i++) {
            if (!needed[i]) {
                continue;
            }
            int x0 = (i % grid.cols) * cell;
            int y0 = (i / grid.cols) * cell;
            int o = i * LEN;
            float sumI = 0;
            float sumM = 0;
            for (int y = y0; y < y0 + cell; y++) {
                int row = y * w;
                for (int x = x0; x < x0 + cell; x++) {
                    float mm = mag[row + x];
                    sumI += grey[row + x] & 0xff;
                    sumM += mm;
                    float deg = ang[row + x];
                    int bin = (int) ((deg >= 180 ? deg - 180 : deg) * BINS / 180f);
                    v[o + Math.min(BINS - 1, bin)] += mm;
                }
            }
            float light = sumI / n + DARK;
            float edgeAt = EDGE * light;
            int edges = 0;
            for (int y = y0; y < y0 + cell; y++) {
                int row = y * w;
                for (int x = x0; x < x0 + cell; x++) {
                    edges += mag[row + x] > edgeAt ? 1 : 0;
                }
            }
            for (int b = 0; b < BINS; b++) {
                v[o + b] = sumM > 0 ? v[o + b] / sumM : 1f / BINS;
            }
            v[o + STRENGTH] = sumM / n / light;
            v[o + EDGES] = edges / n;
        }
        return new CellFeatures(grid, v);
    }

    /** The features of the given grid cells, packed in their order. */
    float[] pick(int[] cells) {
        float[] out = new float[cells.length * LEN];
        for (int i = 0; i < cells.length; i++) {
            System.arraycopy(values, cells[i] * LEN, out, i * LEN, LEN);
        }
        return out;
    }

    CellGrid grid() {
        return grid;
    }
}
