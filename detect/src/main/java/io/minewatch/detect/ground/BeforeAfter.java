package io.minewatch.detect.ground;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.hconcat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.drawContours;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.polylines;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.minewatch.detect.infer.Box;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The picture of a ground change: the band's reference frame (before) and the frame that confirmed
 * the change (after) side by side, each at most {@link #MAX_WIDTH} pixels wide, the zone outlined in
 * yellow and the cells changed in the last observation outlined in red on both, with their capture
 * times in the site's time zone.
 */
public final class BeforeAfter {
    /** Width bound of each half. */
    static final int MAX_WIDTH = 640;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private BeforeAfter() {
    }

    /**
     * The pair and where the change is in it.
     *
     * @param image   before | after, BGR (the caller closes it)
     * @param changed the bounding box of the changed cells on the after half, in the pair's pixels
     */
    public record Picture(Mat image, Box changed) implements AutoCloseable {
        @Override
        public void close() {
            image.close();
        }
    }

    /** Draws the finding over the frame that confirmed it. */
    public static Picture draw(GroundFinding f, Mat after, ZoneId siteZone) {
        double s = Math.min(1.0, (double) MAX_WIDTH / after.cols());
        int w = (int) Math.round(after.cols() * s);
        int h = (int) Math.round(after.rows() * s);
        try (Size size = new Size(w, h); Mat a = new Mat(); Mat b = new Mat(); Mat mask = changedMask(f, w, h);
             MatVector contours = new MatVector(); Mat hierarchy = new Mat();
             Scalar red = new Scalar(0, 0, 255, 0); Scalar yellow = new Scalar(0, 255, 255, 0)) {
            resize(after, a, size, 0, 0, INTER_AREA);
            try (Mat decoded = f.before() == null ? null : imdecode(new Mat(new BytePointer(f.before())), IMREAD_COLOR)) {
                if (decoded == null || decoded.empty()) {
                    a.copyTo(b);
                    b.put(Scalar.all(64));
                } else {
                    resize(decoded, b, size, 0, 0, INTER_AREA);
                }
            }
            findContours(mask, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            try (Mat zone = f.zone().polygon().toPixels(w, h); MatVector zones = new MatVector(zone)) {
                for (Mat half : new Mat[] {b, a}) {
                    polylines(half, zones, true, yellow, 1, LINE_AA, 0);
                    drawContours(half, contours, -1, red, 2, LINE_AA, hierarchy, Integer.MAX_VALUE, new Point());
                }
            }
            label(b, "before " + TIME.format(f.beforeTime().atZone(siteZone)));
            label(a, String.format(Locale.ROOT, "after %s  %s %.0f%%", TIME.format(f.at().atZone(siteZone)),
                    f.zone().name(), 100 * f.share()));
            Mat pair = new Mat();
            try (MatVector halves = new MatVector(b, a)) {
                hconcat(halves, pair);
            }
            Box box;
            try (Rect r = boundingRect(mask)) {
                box = new Box(w + r.x(), r.y(), w + r.x() + r.width(), r.y() + r.height());
            }
            return new Picture(pair, box);
        }
    }

    private static Mat changedMask(GroundFinding f, int w, int h) {
        GroundFinding.CellGridView g = f.grid();
        try (Mat small = new Mat(g.height(), g.width(), CV_8UC1, Scalar.all(0))) {
            try (UByteIndexer idx = small.createIndexer()) {
                for (int i = 0; i < f.cells().length; i++) {
                    if (!f.changed()[i]) {
                        continue;
                    }
                    int x0 = (f.cells()[i] % g.cols()) * g.cell();
                    int y0 = (f.cells()[i] / g.cols()) * g.cell();
                    for (int y = y0; y < y0 + g.cell(); y++) {
                        for (int x = x0; x < x0 + g.cell(); x++) {
                            idx.put(y, x, 255);
                        }
                    }
                }
            }
            Mat out = new Mat();
            try (Size size = new Size(w, h)) {
                resize(small, out, size, 0, 0, INTER_NEAREST);
            }
            return out;
        }
    }

    private static void label(Mat half, String text) {
        try (Scalar black = new Scalar(0, 0, 0, 0); Scalar white = new Scalar(255, 255, 255, 0);
             Point p1 = new Point(0, 0); Point p2 = new Point(Math.min(half.cols(), 8 + 8 * text.length()), 20);
             Point at = new Point(4, 15)) {
            rectangle(half, p1, p2, black, -1, LINE_AA, 0);
            putText(half, text, at, FONT_HERSHEY_SIMPLEX, 0.45, white, 1, LINE_AA, false);
        }
    }
}
