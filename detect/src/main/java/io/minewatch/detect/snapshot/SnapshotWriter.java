package io.minewatch.detect.snapshot;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Detection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Writes the JPEG snapshot of an event: the frame with the object's box and label drawn, under
 * {@code <storage>/snapshots/<camera>/<yyyy-MM-dd>/}. Runs on a camera's detect thread.
 */
public final class SnapshotWriter {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("HHmmss.SSS").withZone(ZoneOffset.UTC);

    private final Path storageDir;

    public SnapshotWriter(Path storageDir) {
        this.storageDir = storageDir;
    }

    /**
     * Draws and writes the snapshot; returns its path relative to the storage directory, with '/'.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public String write(String camera, long objectId, Instant time, Mat bgr, Detection detection) {
        String relative = "snapshots/" + camera + "/" + DAY.format(time) + "/" + camera + "-"
                + STAMP.format(time) + "-" + objectId + ".jpg";
        Path file = storageDir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        try (Mat canvas = bgr.clone(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 85)) {
            draw(canvas, detection);
            if (!imwrite(file.toString(), canvas, params)) {
                throw new UncheckedIOException(new IOException("cannot write snapshot " + file));
            }
        }
        return relative;
    }

    /**
     * Writes an image already drawn (a ground change's before/after pair) as
     * {@code snapshots/<camera>/<day>/<camera>-<time>-<tag>.jpg}; returns that relative path.
     *
     * @param tag a file-name-safe tag (e.g. {@code ground-<zone>})
     * @throws UncheckedIOException when the file cannot be written
     */
    public String writeImage(String camera, String tag, Instant time, Mat bgr) {
        String relative = "snapshots/" + camera + "/" + DAY.format(time) + "/" + camera + "-"
                + STAMP.format(time) + "-" + tag + ".jpg";
        Path file = storageDir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        try (IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 85)) {
            if (!imwrite(file.toString(), bgr, params)) {
                throw new UncheckedIOException(new IOException("cannot write snapshot " + file));
            }
        }
        return relative;
    }

    private static void draw(Mat canvas, Detection detection) {
        Box b = detection.box();
        try (Scalar red = new Scalar(0, 0, 255, 0);
             Point p1 = new Point(Math.round(b.x1()), Math.round(b.y1()));
             Point p2 = new Point(Math.round(b.x2()), Math.round(b.y2()));
             Point text = new Point(Math.round(b.x1()), Math.max(12, Math.round(b.y1()) - 4))) {
            rectangle(canvas, p1, p2, red, 2, LINE_AA, 0);
            String label = String.format(Locale.ROOT, "%s %.2f", detection.label(), detection.score());
            putText(canvas, label, text, FONT_HERSHEY_SIMPLEX, 0.5, red, 1, LINE_AA, false);
        }
    }
}
