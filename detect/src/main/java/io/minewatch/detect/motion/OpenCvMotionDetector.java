package io.minewatch.detect.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.max;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.accumulateWeighted;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.contourArea;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.zones.Zones;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Motion by background subtraction on a small frame (after Frigate's improved motion detector):
 * downscale, blur, compare with a running average of past frames, take the largest change of the
 * three colour channels, threshold, dilate, and keep the outer contours that cover enough of the
 * frame. Masked areas never count.
 *
 * <p>Blurring a frame shrunk about four times averages away sensor noise, so a still scene with a
 * noisy sensor stays quiet; a change of most of the frame at once (light, a moved camera) restarts
 * the background and asks for a whole-frame look. Owns native buffers: one instance per camera,
 * one thread, closed with the camera.
 */
public final class OpenCvMotionDetector implements MotionDetector {
    /** Frames after a (re)start during which the background settles; reported as whole-frame motion. */
    private static final int WARMUP_FRAMES = 2;

    private final MotionSettings settings;
    private final Zones zones;
    private final Mat small = new Mat();
    private final Mat blurred = new Mat();
    private final Mat background = new Mat();
    private final Mat background8 = new Mat();
    private final Mat diff = new Mat();
    private final Mat diff3 = new Mat();
    private final MatVector channels = new MatVector();
    private final Mat changed = new Mat();
    private final Mat kernel = new Mat();
    private final Size blurSize = new Size(5, 5);
    private Mat mask;
    private int frameWidth = -1;
    private int frameHeight = -1;
    private int smallWidth;
    private int smallHeight;
    private int warmup;

    public OpenCvMotionDetector(MotionSettings settings, Zones zones) {
        this.settings = settings;
        this.zones = zones;
    }

    @Override
    public Motion detect(Mat bgr) {
        if (bgr.cols() != frameWidth || bgr.rows() != frameHeight) {
            restart(bgr.cols(), bgr.rows());
        }
        try (Size size = new Size(smallWidth, smallHeight)) {
            resize(bgr, small, size, 0, 0, INTER_AREA);
        }
        GaussianBlur(small, blurred, blurSize, 0);
        if (warmup > 0) {
            if (warmup == WARMUP_FRAMES + 1) {
                blurred.convertTo(background, CV_32F);
            } else {
                accumulateWeighted(blurred, background, 0.5);
            }
            warmup--;
            return new Motion(List.of(), 1.0, true);
        }
        background.convertTo(background8, CV_8U);
        absdiff(blurred, background8, diff3);
        // The largest change of the three colour channels: a red car on grey asphalt barely differs
        // in brightness, but plainly in colour.
        split(diff3, channels);
        max(channels.get(0), channels.get(1), diff);
        max(diff, channels.get(2), diff);
        threshold(diff, changed, settings.threshold(), 255, THRESH_BINARY);
        if (mask != null) {
            bitwise_and(changed, mask, changed);
        }
        dilate(changed, changed, kernel);
        dilate(changed, changed, kernel);
        double share = countNonZero(changed) / (double) (smallWidth * smallHeight);
        if (share > settings.wholeShare()) {
            warmup = WARMUP_FRAMES + 1;
            return new Motion(List.of(), share, true);
        }
        List<Box> boxes = share == 0 ? List.of() : contours();
        accumulateWeighted(blurred, background, settings.alpha());
        return new Motion(BoxMerger.merge(boxes, 0.02f * frameWidth), share, false);
    }

    private List<Box> contours() {
        double minPixels = settings.minArea() * smallWidth * smallHeight;
        float sx = frameWidth / (float) smallWidth;
        float sy = frameHeight / (float) smallHeight;
        List<Box> boxes = new ArrayList<>();
        try (MatVector found = new MatVector(); Mat hierarchy = new Mat()) {
            findContours(changed, found, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < found.size(); i++) {
                Mat c = found.get(i);
                if (contourArea(c) >= minPixels) {
                    try (Rect r = boundingRect(c)) {
                        boxes.add(new Box(r.x() * sx, r.y() * sy, (r.x() + r.width()) * sx,
                                (r.y() + r.height()) * sy));
                    }
                }
            }
        }
        return boxes;
    }

    private void restart(int width, int height) {
        frameWidth = width;
        frameHeight = height;
        smallWidth = Math.min(settings.width(), width);
        smallHeight = Math.max(8, Math.round(height * (smallWidth / (float) width)));
        if (mask != null) {
            mask.close();
        }
        mask = zones.hasMasks() ? zones.motionMask(smallWidth, smallHeight) : null;
        warmup = WARMUP_FRAMES + 1;
    }

    @Override
    public void close() {
        for (Mat m : new Mat[] {small, blurred, background, background8, diff, diff3, changed, kernel}) {
            m.close();
        }
        channels.close();
        if (mask != null) {
            mask.close();
        }
        blurSize.close();
    }
}
