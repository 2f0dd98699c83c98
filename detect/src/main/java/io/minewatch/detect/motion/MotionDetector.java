package io.minewatch.detect.motion;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds where a frame changed against the scene's recent past. A plug-in point (Frigate's
 * {@code MotionDetector}); one instance per camera, used by one thread.
 */
public interface MotionDetector extends AutoCloseable {

    /** Looks at the next BGR frame of the camera and returns where it moved. */
    Motion detect(Mat bgr);

    @Override
    void close();
}
