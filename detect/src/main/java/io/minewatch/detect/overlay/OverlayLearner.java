package io.minewatch.detect.overlay;

import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_GRADIENT;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.minewatch.detect.infer.Box;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Learns where a camera burns text into its picture: pixels where a high-contrast stroke edge is
 * present in most looks while the scene under and around them changes (traffic passing, light
 * changing), grouped into text lines ({@link TextLines}).
 *
 * <p>Cheap by construction: one look every {@link OverlaySettings#sampleMicros()} of stream time
 * (grey conversion, a 3x3 morphological gradient, a threshold and a running average, at most
 * 640 px wide), and every {@link OverlaySettings#refreshMicros()} a rebuild of the mask (a closing,
 * connected components and a pass over their boxes). A clock's ticking digits and a blinking banner
 * are there in enough looks to persist; a vehicle passing, or stopping for a while, is not there
 * for the whole horizon and does not; a parked car or a kerb persists but is no text line.
 *
 * <p>Called on the camera's decode thread only; {@link #mask()} and {@link #image()} may be read
 * from any thread (immutable snapshots published through volatile fields).
 */
public final class OverlayLearner implements AutoCloseable {
    /** Widest picture the learner looks at; wider frames are scaled down first. */
    static final int WORK_WIDTH = 640;

    private final OverlaySettings settings;
    private final double alpha;
    private final Mat small = new Mat();
    private final Mat gray = new Mat();
    private final Mat gradient = new Mat();
    private final Mat edges = new Mat();
    private final Mat persistence = new Mat();
    private final Mat persistent = new Mat();
    private final Mat kernel;
    private long lastSample = Long.MIN_VALUE;
    private long lastRefresh = Long.MIN_VALUE;
    private int samples;
    private volatile OverlayMask mask = OverlayMask.EMPTY;
    private volatile byte[] image;

    public OverlayLearner(OverlaySettings settings) {
        this.settings = settings;
        this.alpha = 1.0 / settings.horizonSamples();
        try (Size three = new Size(3, 3)) {
            this.kernel = getStructuringElement(MORPH_RECT, three);
        }
    }

    /** Looks at a frame when a look is due; rebuilds the mask when a rebuild is due. */
    public void observe(Mat bgr, long ptsMicros) {
        if (!settings.enabled()) {
            return;
        }
        if (lastSample != Long.MIN_VALUE && ptsMicros >= lastSample
                && ptsMicros - lastSample < settings.sampleMicros()) {
            return;
        }
        lastSample = ptsMicros;
        Mat work = bgr;
        if (bgr.cols() > WORK_WIDTH) {
            int h = Math.max(1, Math.round(bgr.rows() * (float) WORK_WIDTH / bgr.cols()));
            try (Size size = new Size(WORK_WIDTH, h)) {
                resize(bgr, small, size, 0, 0, INTER_AREA);
            }
            work = small;
        }
        cvtColor(work, gray, COLOR_BGR2GRAY);
        morphologyEx(gray, gradient, MORPH_GRADIENT, kernel);
        threshold(gradient, edges, settings.edgeContrast() - 1, 255, THRESH_BINARY);
        if (persistence.empty() || persistence.cols() != gray.cols() || persistence.rows() != gray.rows()) {
            persistence.create(gray.rows(), gray.cols(), CV_8U);
            persistence.put(new Scalar(0.0));
            samples = 0;
        }
        // A running average in 8 bits (0-255 = never-always an edge): rounding keeps it within a few levels.
        addWeighted(persistence, 1 - alpha, edges, alpha, 0, persistence);
        samples++;
        boolean due = lastRefresh == Long.MIN_VALUE || ptsMicros < lastRefresh
                || ptsMicros - lastRefresh >= settings.refreshMicros();
        if (samples >= settings.warmupSamples() && due) {
            lastRefresh = ptsMicros;
            rebuild(bgr, work);
        }
    }

    private void rebuild(Mat bgr, Mat work) {
        // The running average starts at zero: compare with the share reachable after this many looks.
        double reachable = 1 - Math.pow(1 - alpha, samples);
        threshold(persistence, persistent, 255 * settings.minPersistence() * reachable, 255, THRESH_BINARY);
        double scale = (double) bgr.cols() / work.cols();
        List<Box> lines = TextLines.find(persistent, scale, bgr.cols(), bgr.rows());
        OverlayMask next = new OverlayMask(lines, bgr.cols(), bgr.rows());
        // The image first: whoever reads a learnt mask (the API) then finds its image too.
        image = render(bgr, next);
        mask = next;
    }

    /** The overlay as last learnt (empty before the first rebuild). */
    public OverlayMask mask() {
        return mask;
    }

    /** JPEG of the frame of the last rebuild with the overlay boxes drawn, or null before the first. */
    public byte[] image() {
        return image;
    }

    private static byte[] render(Mat bgr, OverlayMask m) {
        try (Mat canvas = bgr.clone(); Scalar magenta = new Scalar(255, 0, 255, 0);
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 80); BytePointer buf = new BytePointer()) {
            for (Box b : m.boxes()) {
                try (Point p1 = new Point(Math.round(b.x1()), Math.round(b.y1()));
                     Point p2 = new Point(Math.round(b.x2()) - 1, Math.round(b.y2()) - 1)) {
                    rectangle(canvas, p1, p2, magenta, 2, 8, 0);
                }
            }
            imencode(".jpg", canvas, buf, params);
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    @Override
    public void close() {
        small.close();
        gray.close();
        gradient.close();
        edges.close();
        persistence.close();
        persistent.close();
        kernel.close();
    }
}
