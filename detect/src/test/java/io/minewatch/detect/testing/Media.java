package io.minewatch.detect.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.randn;

import io.minewatch.config.CameraConfig;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Path;
import java.time.Clock;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Shared footage, model cards and synthetic frame helpers for the detect tests. */
public final class Media {
    public static final String HAAR = SharedFiles.HAAR;
    public static final String TRAFFIC = SharedFiles.TRAFFIC;

    private Media() {
    }

    public static Path video(String name) {
        return SharedFiles.video(name);
    }

    public static Path models() {
        return SharedFiles.models();
    }

    public static SourceSpec spec(String camera, Path file) {
        return SourceSpecs.detect(new CameraConfig(camera, "site-a", file.toString(), null, 5, 0, 0, true,
                false, false));
    }

    /** A source reading the file as fast as it decodes at 5 fps, playback "started" at the clock's instant. */
    public static GrabberFrameSource source(String camera, Path file, Clock clock) {
        return new GrabberFrameSource(spec(camera, file), 5, 0, 0, clock);
    }

    /** The first frame picked at or after the offset (closed by the caller). */
    public static Mat frameAt(Path file, double seconds) throws Exception {
        try (GrabberFrameSource src = source("still", file, Clock.systemUTC())) {
            src.open();
            SampledFrame f;
            while ((f = src.next()) != null) {
                try (SampledFrame frame = f) {
                    if (frame.offsetSeconds() >= seconds) {
                        return frame.bgr().clone();
                    }
                }
            }
        }
        throw new AssertionError("no frame at " + seconds + " s in " + file);
    }

    /** A 3x1 matrix of one value, as OpenCV's random fillers take their bounds. */
    public static Mat values(double v) {
        return new Mat(3, 1, org.bytedeco.opencv.global.opencv_core.CV_64F, Scalar.all(v));
    }

    /** The frame with Gaussian sensor noise of the given standard deviation added (a new Mat). */
    public static Mat noisy(Mat bgr, double sigma) {
        try (Mat wide = new Mat(); Mat noise = new Mat(bgr.rows(), bgr.cols(), CV_16SC3);
             Mat sum = new Mat(); Mat zero = values(0); Mat sd = values(sigma)) {
            bgr.convertTo(wide, CV_16SC3);
            randn(noise, zero, sd);
            add(wide, noise, sum);
            Mat out = new Mat();
            sum.convertTo(out, CV_8UC3);
            return out;
        }
    }
}
