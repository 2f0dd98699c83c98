package io.minewatch.detect.zones;

import static org.bytedeco.opencv.global.opencv_core.CV_32SC2;

import java.util.List;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A polygon in normalised frame coordinates (0..1, origin top-left), so it holds at any detect size.
 *
 * @param xs corner x coordinates
 * @param ys corner y coordinates, same length
 */
public record Polygon(double[] xs, double[] ys) {

    public Polygon {
        if (xs.length != ys.length || xs.length < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 corners");
        }
        xs = xs.clone();
        ys = ys.clone();
    }

    /** From {@code [x, y]} pairs. */
    public static Polygon of(List<double[]> points) {
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new Polygon(xs, ys);
    }

    /** Whether a normalised point lies inside (even-odd rule). */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y)
                    && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** The corners in pixels of a {@code width} x {@code height} image, as OpenCV's fillPoly wants them. */
    public Mat toPixels(int width, int height) {
        Mat m = new Mat(xs.length, 1, CV_32SC2);
        try (IntIndexer idx = m.createIndexer()) {
            for (int i = 0; i < xs.length; i++) {
                idx.put(i, 0, 0, (int) Math.round(xs[i] * width));
                idx.put(i, 0, 1, (int) Math.round(ys[i] * height));
            }
        }
        return m;
    }
}
