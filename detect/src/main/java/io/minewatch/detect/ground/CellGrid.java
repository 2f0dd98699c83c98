package io.minewatch.detect.ground;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.zones.Polygon;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * The square cells the ground is compared in: {@link #CELL} pixels of the feature image, which is the
 * detect frame scaled down to at most {@link #MAX_WIDTH} pixels wide (sensor noise averages out, and a
 * 640x360 frame costs a quarter). Cells are numbered row by row.
 */
final class CellGrid {
    /** Feature image width bound: a 640 px detect frame is halved. */
    static final int MAX_WIDTH = 320;
    /** Cell side in feature pixels (16 px of a 640 px frame). */
    static final int CELL = 8;
    /** Least share of a cell inside the zone's polygon for the cell to belong to the zone. */
    private static final double MIN_INSIDE = 0.5;

    final int frameWidth;
    final int frameHeight;
    final int width;
    final int height;
    final int cols;
    final int rows;

    CellGrid(int frameWidth, int frameHeight) {
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        double s = Math.min(1.0, (double) MAX_WIDTH / frameWidth);
        this.width = Math.max(CELL, (int) Math.round(frameWidth * s));
        this.height = Math.max(CELL, (int) Math.round(frameHeight * s));
        this.cols = width / CELL;
        this.rows = height / CELL;
    }

    int size() {
        return cols * rows;
    }

    /** The grid cells with at least half their area inside the polygon. */
    int[] cellsOf(Polygon polygon) {
        try (Mat mask = new Mat(height, width, CV_8UC1, Scalar.all(0));
             Mat pts = polygon.toPixels(width, height);
             MatVector polys = new MatVector(pts);
             Scalar white = Scalar.all(255)) {
            fillPoly(mask, polys, white);
            try (UByteIndexer m = mask.createIndexer()) {
                int[] tmp = new int[size()];
                int n = 0;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        int inside = 0;
                        for (int y = r * CELL; y < (r + 1) * CELL; y++) {
                            for (int x = c * CELL; x < (c + 1) * CELL; x++) {
                                inside += m.get(y, x) != 0 ? 1 : 0;
                            }
                        }
                        if (inside >= MIN_INSIDE * CELL * CELL) {
                            tmp[n++] = r * cols + c;
                        }
                    }
                }
                return java.util.Arrays.copyOf(tmp, n);
            }
        }
    }

    /**
     * Marks the cells a box (detect-frame pixels) covers, grown by a quarter of its size on each side
     * and at least one cell: a parked vehicle's shadow and the ground it pressed stay out of the comparison.
     */
    void markHidden(Box box, boolean[] hidden) {
        double sx = (double) width / frameWidth;
        double sy = (double) height / frameHeight;
        double gx = Math.max(CELL, 0.25 * box.width() * sx);
        double gy = Math.max(CELL, 0.25 * box.height() * sy);
        int c1 = clamp((int) Math.floor((box.x1() * sx - gx) / CELL), cols);
        int c2 = clamp((int) Math.floor((box.x2() * sx + gx) / CELL), cols);
        int r1 = clamp((int) Math.floor((box.y1() * sy - gy) / CELL), rows);
        int r2 = clamp((int) Math.floor((box.y2() * sy + gy) / CELL), rows);
        for (int r = r1; r <= r2; r++) {
            for (int c = c1; c <= c2; c++) {
                hidden[r * cols + c] = true;
            }
        }
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
