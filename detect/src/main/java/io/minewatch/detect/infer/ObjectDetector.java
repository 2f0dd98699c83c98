package io.minewatch.detect.infer;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds objects in a frame. A plug-in point: the default is YOLOX through DJL, a site-trained model
 * is another model card.
 *
 * <p>An instance is used by one thread at a time; pools hold one per worker.
 */
public interface ObjectDetector extends AutoCloseable {

    /**
     * Detects objects in a BGR 8-bit image. Only detections whose class maps to a category are
     * returned, sorted by descending score, after non-maximum suppression.
     */
    List<Detection> detect(Mat bgr) throws DetectorException;

    @Override
    void close();
}
