package io.minewatch.detect.ground;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.remap;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.testing.Media;
import io.minewatch.detect.zones.Polygon;
import io.minewatch.detect.zones.Zone;
import io.minewatch.detect.zones.Zones;
import io.minewatch.testkit.SharedFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Days of a fixed camera made from real footage: frames of the 640x360 street camera clip (its own
 * traffic, compression noise and auto exposure) stand for the camera's view at successive capture
 * times, and what happens to the ground or the light is painted on: a patch of earth (a crop of the
 * gravel ground under the crusher in {@code media/images/machines}) growing in the pit, a daylight
 * curve with cloudy days, shadows sweeping with the hour, rain streaks, sensor noise, a swaying tree,
 * and a parked pickup (from the COCO pickup image) on the stockpile.
 */
final class GroundScenes implements AutoCloseable {
    static final ZoneId SITE = ZoneId.of("Asia/Shanghai");
    /** Midnight in the site's zone, the first simulated day. */
    static final Instant DAY0 = Instant.parse("2026-06-01T00:00:00+08:00");
    /** The dirt lot at the top of the street view. */
    static final Zone PIT = new Zone("east-pit", "pit", new Polygon(new double[] {0.02, 0.56, 0.56, 0.22, 0.02},
            new double[] {0.00, 0.00, 0.07, 0.21, 0.27}));
    /** The pavement and verge right of the road, with a bare tree. */
    static final Zone STOCKPILE = new Zone("stockpile", "stockpile", new Polygon(
            new double[] {0.80, 1.00, 1.00, 0.80}, new double[] {0.20, 0.20, 0.80, 0.80}));
    static final Zones ZONES = new Zones(List.of(PIT, STOCKPILE));

    private final List<Mat> bases = new ArrayList<>();
    private final Mat earth;
    private final Mat pickup;

    /** What is painted on one frame. */
    record Look(double patchRadius, boolean shadow, boolean rain, double noise, boolean sway, boolean parked,
                double cloud) {
        static Look plain() {
            return new Look(0, false, false, 3, false, false, 1);
        }
    }

    GroundScenes() throws Exception {
        double[] offsets = {9, 16, 22, 38, 55, 63, 70}; // 30 s and 47 s: cars cross the stockpile zone
        try (GrabberFrameSource src = Media.source("scenes", Media.video(Media.TRAFFIC), Clock.systemUTC())) {
            src.open();
            SampledFrame f;
            int next = 0;
            while (next < offsets.length && (f = src.next()) != null) {
                try (SampledFrame frame = f) {
                    if (frame.offsetSeconds() >= offsets[next]) {
                        bases.add(frame.bgr().clone());
                        next++;
                    }
                }
            }
        }
        if (bases.size() < 4) {
            throw new AssertionError("too few frames from " + Media.TRAFFIC);
        }
        try (Mat crusher = imread(SharedFiles.shared().resolve("media/images/machines/atlas-copco-5515.jpg").toString())) {
            int h = crusher.rows();
            try (Mat ground = crusher.apply(new Rect(0, (int) (h * 0.80), crusher.cols(), (int) (h * 0.18)))) {
                earth = new Mat();
                resize(ground, earth, new Size(400, (int) (400.0 * ground.rows() / ground.cols())), 0, 0, INTER_AREA);
            }
        }
        try (Mat coco = imread(SharedFiles.shared().resolve(
                "media/images/coco_val2017_000000009769_pickup_truck.jpg").toString());
             Mat truck = coco.apply(new Rect(70, 170, 407, 217))) {
            pickup = new Mat();
            resize(truck, pickup, new Size(124, 66), 0, 0, INTER_AREA);
        }
    }

    int width() {
        return bases.get(0).cols();
    }

    int height() {
        return bases.get(0).rows();
    }

    /** Where the parked pickup stands (pixels), inside the stockpile zone. */
    Box pickupBox() {
        int x = (int) (0.80 * width());
        int y = (int) (0.45 * height());
        return new Box(x, y, x + pickup.cols(), y + pickup.rows());
    }

    /** Light of an hour of the day: night 0.35 of the clip's afternoon, noon 1.0. */
    static double daylight(Instant t) {
        double h = t.atZone(SITE).getHour() + t.atZone(SITE).getMinute() / 60.0;
        return 0.35 + 0.65 * Math.max(0, Math.sin(Math.PI * (h - 6) / 12));
    }

    /** The frame at capture time {@code t} (a new Mat). */
    Mat frame(Instant t, Look look, Random rnd) {
        Mat img = bases.get(rnd.nextInt(bases.size())).clone();
        if (look.patchRadius() > 0) {
            paintPatch(img, look.patchRadius());
        }
        if (look.parked()) {
            Box b = pickupBox();
            try (Mat dst = img.apply(new Rect((int) b.x1(), (int) b.y1(), pickup.cols(), pickup.rows()))) {
                pickup.copyTo(dst);
            }
        }
        if (look.sway()) {
            swap(img, sway(img, t, rnd));
        }
        if (look.shadow()) {
            paintShadow(img, t);
        }
        if (look.rain()) {
            paintRain(img, rnd);
        }
        double gain = daylight(t) * look.cloud();
        try (Mat lit = new Mat()) {
            img.convertTo(lit, -1, gain, 6 * (1 - gain));
            lit.copyTo(img);
        }
        if (look.noise() > 0) {
            swap(img, Media.noisy(img, look.noise()));
        }
        return img;
    }

    private static void swap(Mat into, Mat from) {
        from.copyTo(into);
        from.close();
    }

    /** An irregular blob of earth centred in the pit, {@code r} pixels in radius. */
    private void paintPatch(Mat img, double r) {
        double cx = 0.22 * width();
        double cy = 0.10 * height();
        Polygon blob = blob(cx, cy, r, img);
        try (Mat mask = new Mat(img.rows(), img.cols(), CV_8UC1, Scalar.all(0));
             Mat pts = blob.toPixels(img.cols(), img.rows()); MatVector polys = new MatVector(pts);
             Scalar white = Scalar.all(255); Mat tex = new Mat()) {
            fillPoly(mask, polys, white);
            resize(earth, tex, new Size(img.cols(), img.rows() * earth.rows() * img.cols() / earth.cols() / img.rows() + 1),
                    0, 0, INTER_LINEAR);
            try (Mat full = new Mat(img.rows(), img.cols(), img.type(), Scalar.all(0))) {
                for (int y = 0; y < img.rows(); y += tex.rows()) {
                    int h = Math.min(tex.rows(), img.rows() - y);
                    try (Mat src = tex.apply(new Rect(0, 0, img.cols(), h));
                         Mat dst = full.apply(new Rect(0, y, img.cols(), h))) {
                        src.copyTo(dst);
                    }
                }
                full.copyTo(img, mask);
            }
        }
    }

    private static Polygon blob(double cx, double cy, double r, Mat img) {
        int n = 18;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double rr = r * (1 + 0.18 * Math.sin(3 * a + 1) + 0.1 * Math.cos(5 * a));
            xs[i] = Math.max(0, Math.min(1, (cx + 1.6 * rr * Math.cos(a)) / img.cols()));
            ys[i] = Math.max(0, Math.min(1, (cy + 0.7 * rr * Math.sin(a)) / img.rows()));
        }
        return new Polygon(xs, ys);
    }

    /**
     * A building's shadow, darkening to 45 %, whose edge sweeps across the pit with the hour (as the
     * sun moves), in daylight only.
     */
    private void paintShadow(Mat img, Instant t) {
        double h = t.atZone(SITE).getHour() + t.atZone(SITE).getMinute() / 60.0;
        if (h < 7 || h > 18) {
            return;
        }
        double edge = (h - 7) / 11.0; // 0 at 07:00 .. 1 at 18:00
        double x0 = -0.1 + 0.7 * edge;
        Polygon p = new Polygon(new double[] {0, x0, x0 + 0.18, 0}, new double[] {0, 0, 0.35, 0.35});
        try (Mat mask = new Mat(img.rows(), img.cols(), CV_8UC1, Scalar.all(0));
             Mat pts = clampPolygon(p).toPixels(img.cols(), img.rows()); MatVector polys = new MatVector(pts);
             Scalar white = Scalar.all(255); Mat dark = new Mat()) {
            fillPoly(mask, polys, white);
            img.convertTo(dark, -1, 0.45, 0);
            dark.copyTo(img, mask);
        }
    }

    private static Polygon clampPolygon(Polygon p) {
        double[] xs = p.xs().clone();
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Math.max(0, Math.min(1, xs[i]));
        }
        return new Polygon(xs, p.ys());
    }

    /** About 300 streaks 8-22 px long, slanted, a third as bright again as what they cross. */
    private static void paintRain(Mat img, Random rnd) {
        try (Mat drops = img.clone(); Scalar bright = Scalar.all(235)) {
            for (int i = 0; i < 300; i++) {
                int x = rnd.nextInt(img.cols());
                int y = rnd.nextInt(img.rows());
                int len = 8 + rnd.nextInt(15);
                try (Point a = new Point(x, y); Point b = new Point(x + len / 4, y + len)) {
                    line(drops, a, b, bright, 1, LINE_AA, 0);
                }
            }
            addWeighted(img, 0.65, drops, 0.35, 0, img);
        }
    }

    /** Branches and verge in the right fifth of the frame swaying up to 3 px with the wind. */
    private final java.util.Map<Integer, Mat[]> swayMaps = new java.util.HashMap<>();

    private Mat sway(Mat img, Instant t, Random rnd) {
        int key = rnd.nextInt(18);
        Mat[] maps = swayMaps.computeIfAbsent(key, k -> swayMaps(img.cols(), img.rows(), k % 6 * Math.PI / 3, 1 + k / 6));
        Mat out = new Mat();
        remap(img, out, maps[0], maps[1], INTER_LINEAR);
        return out;
    }

    private static Mat[] swayMaps(int w, int h, double phase, double amp) {
        Mat mx = new Mat(h, w, CV_32FC1);
        Mat my = new Mat(h, w, CV_32FC1);
        {
            try (FloatIndexer ix = mx.createIndexer(); FloatIndexer iy = my.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double weight = Math.max(0, Math.min(1, (x - 0.62 * w) / (0.1 * w)));
                        double d = weight * amp * Math.sin(2 * Math.PI * y / 40.0 + phase);
                        ix.put(y, x, (float) (x + d));
                        iy.put(y, x, (float) (y + 0.5 * d));
                    }
                }
            }
            return new Mat[] {mx, my};
        }
    }

    /**
     * The camera re-aimed and zoomed in a little: the same view cropped 32 px from the left to 90 % of
     * its size and scaled back (a new Mat). The pit keeps its patch, shifted up to 36 px; the
     * stockpile's verge moves by 20 px.
     */
    static Mat moved(Mat f) {
        return moved(f, 32, 0, 0.9);
    }

    /** The view cropped from ({@code x}, {@code y}) to {@code scale} of its size and scaled back (a new Mat). */
    static Mat moved(Mat f, int x, int y, double scale) {
        int w = f.cols();
        int h = f.rows();
        Mat out = new Mat();
        try (Mat crop = f.apply(new Rect(x, y, (int) (scale * w), (int) (scale * h))); Size size = new Size(w, h)) {
            resize(crop, out, size, 0, 0, INTER_LINEAR);
        }
        return out;
    }

    /**
     * The camera turned to another view: the same scene rotated by 25 degrees about a point a third of
     * the way in, and zoomed in by 1.3 (a new Mat) — as far as the tamper check needs to call it moved.
     */
    static Mat turned(Mat f) {
        Mat out = new Mat();
        try (Point2f c = new Point2f(f.cols() / 3f, f.rows() / 3f); Mat rot = getRotationMatrix2D(c, 25, 1.3);
             Size size = f.size(); Scalar black = Scalar.all(0)) {
            warpAffine(f, out, rot, size, INTER_LINEAR, BORDER_REPLICATE, black);
        }
        return out;
    }

    /** Capture times every {@code minutes} from {@link #DAY0} for {@code days} days. */
    static List<Instant> times(double days, int minutes) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = DAY0; t.isBefore(DAY0.plus(Duration.ofMinutes((long) (days * 24 * 60))));
             t = t.plus(Duration.ofMinutes(minutes))) {
            out.add(t);
        }
        return out;
    }

    @Override
    public void close() {
        bases.forEach(Mat::close);
        earth.close();
        pickup.close();
        swayMaps.values().forEach(m -> {
            m[0].close();
            m[1].close();
        });
    }
}
