package io.minewatch.detect.overlay;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;

import io.minewatch.detect.infer.Box;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds text lines in a map of persistent stroke edges. Pieces too large to be glyphs (lane lines,
 * kerbs, a parked car's outline, a banner's frame) are set aside; a horizontal closing joins the
 * remaining glyphs of a line into one blob; a blob counts as a text line when it has a line's shape
 * and texture:
 *
 * <ul>
 *   <li>height at least {@value #MIN_HEIGHT} px and at most a fifth of the frame; width at least
 *       {@value #MIN_ASPECT} times the height (a line of three glyphs or more);</li>
 *   <li>solid once closed: at least {@value #MIN_FILL} of its bounding box is blob (glyphs side by
 *       side close into a bar; scattered edges of foliage or scenery do not);</li>
 *   <li>dense strokes: at least {@value #MIN_DENSITY} of the box's pixels are persistent edges.</li>
 * </ul>
 *
 * <p>Known limit: a line drawn straight over busy static scenery (a parked row, a building) can
 * join that scenery's edges into one blob too large to be a line, and is then missed.
 */
final class TextLines {
    private static final Logger log = LoggerFactory.getLogger(TextLines.class);
    static final int MIN_HEIGHT = 7;
    static final double MIN_ASPECT = 2.5;
    static final double MIN_FILL = 0.45;
    static final double MIN_DENSITY = 0.2;
    /** Padding added around a line, as a share of its height: a detection's box is looser than the glyphs. */
    static final double PAD = 0.3;

    private TextLines() {
    }

    /**
     * @param persistent 8-bit map, non-zero where a stroke edge persists (work resolution)
     * @param scale      frame pixels per work pixel
     */
    static List<Box> find(Mat persistent, double scale, int frameWidth, int frameHeight) {
        int w = persistent.cols();
        int h = persistent.rows();
        int kx = Math.max(3, Math.round(w / 80f));
        List<Box> lines = new ArrayList<>();
        try (Mat glyphs = glyphs(persistent); Mat closed = new Mat(); Mat labels = new Mat(); Mat stats = new Mat();
             Mat centroids = new Mat(); Size k = new Size(kx, 3); Mat kernel = getStructuringElement(MORPH_RECT, k)) {
            morphologyEx(glyphs, closed, MORPH_CLOSE, kernel);
            int n = connectedComponentsWithStats(closed, labels, stats, centroids, 8, CV_32S);
            try (IntIndexer s = stats.createIndexer(); UByteIndexer edges = glyphs.createIndexer()) {
                for (int i = 1; i < n; i++) {
                    int x = s.get(i, 0);
                    int y = s.get(i, 1);
                    int bw = s.get(i, 2);
                    int bh = s.get(i, 3);
                    int area = s.get(i, 4);
                    if (bh < MIN_HEIGHT || bh > h / 5 || bw < MIN_ASPECT * bh) {
                        continue;
                    }
                    double fill = area / (double) (bw * bh);
                    long on = 0;
                    for (int r = y; r < y + bh; r++) {
                        for (int c = x; c < x + bw; c++) {
                            if (edges.get(r, c) != 0) {
                                on++;
                            }
                        }
                    }
                    double density = on / (double) (bw * bh);
                    boolean text = fill >= MIN_FILL && density >= MIN_DENSITY;
                    if (log.isDebugEnabled()) {
                        log.debug("line [{},{} {}x{}] fill {} density {} -> {}", x, y, bw, bh,
                                String.format("%.2f", fill), String.format("%.2f", density), text ? "text" : "not text");
                    }
                    if (text) {
                        double pad = PAD * bh;
                        lines.add(new Box((float) Math.max(0, (x - pad) * scale), (float) Math.max(0, (y - pad) * scale),
                                (float) Math.min(frameWidth, (x + bw + pad) * scale),
                                (float) Math.min(frameHeight, (y + bh + pad) * scale)));
                    }
                }
            }
        }
        return lines;
    }

    /**
     * The persistent edges of glyph-sized pieces only: a piece (connected edges) taller than a
     * fifth of the frame or wider than a third — a lane line, a kerb, a parked car's outline, a
     * banner's frame — is no glyph and would join its neighbours into one blob.
     */
    private static Mat glyphs(Mat persistent) {
        int w = persistent.cols();
        int h = persistent.rows();
        Mat out = new Mat(h, w, CV_8U, Scalar.all(0));
        try (Mat labels = new Mat(); Mat stats = new Mat(); Mat centroids = new Mat()) {
            int n = connectedComponentsWithStats(persistent, labels, stats, centroids, 8, CV_32S);
            boolean[] keep = new boolean[n];
            try (IntIndexer s = stats.createIndexer()) {
                for (int i = 1; i < n; i++) {
                    keep[i] = s.get(i, 3) <= h / 5 && s.get(i, 2) <= w / 3;
                }
            }
            int[] row = new int[w];
            int[] outRow = new int[w];
            try (IntIndexer l = labels.createIndexer(); UByteIndexer o = out.createIndexer()) {
                for (int r = 0; r < h; r++) {
                    l.get(r, 0, row);
                    for (int c = 0; c < w; c++) {
                        outRow[c] = keep[row[c]] ? 255 : 0;
                    }
                    o.put(r, 0, outRow);
                }
            }
        }
        return out;
    }
}
