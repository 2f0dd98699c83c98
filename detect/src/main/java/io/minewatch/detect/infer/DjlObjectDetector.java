package io.minewatch.detect.infer;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An {@link ObjectDetector} running a model card's network with DJL and ONNX Runtime, on the CPU.
 *
 * <p>One instance is one {@link Predictor}: use it from one thread at a time. For several workers
 * over one loaded model, use {@link DjlModel#newDetector()}; {@link #open} loads a private model.
 */
public final class DjlObjectDetector implements ObjectDetector {

    private final DjlModel model;
    private final Predictor<Mat, List<Detection>> predictor;
    private final boolean ownsModel;

    DjlObjectDetector(DjlModel model, Predictor<Mat, List<Detection>> predictor, boolean ownsModel) {
        this.model = model;
        this.predictor = predictor;
        this.ownsModel = ownsModel;
    }

    /**
     * Loads the card's model and returns a detector that owns it (closing the detector frees it).
     *
     * @param intraOpThreads ONNX Runtime threads per inference
     * @throws DetectorException naming the model file when it is missing, wrong or unloadable
     */
    public static DjlObjectDetector open(ModelCard card, int intraOpThreads) throws DetectorException {
        DjlModel model = DjlModel.load(card, intraOpThreads);
        try {
            return new DjlObjectDetector(model, model.newPredictor(), true);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public List<Detection> detect(Mat bgr) throws DetectorException {
        try {
            return predictor.predict(bgr);
        } catch (TranslateException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DetectorException("model " + model.card().modelFile() + " failed on a "
                    + describe(bgr) + " frame: " + cause.getMessage(), e);
        }
    }

    /** The card of the model this detector runs. */
    public ModelCard card() {
        return model.card();
    }

    @Override
    public void close() {
        predictor.close();
        if (ownsModel) {
            model.close();
        }
    }

    private static String describe(Mat m) {
        return m == null || m.isNull() ? "null" : m.cols() + "x" + m.rows() + "x" + m.channels();
    }
}
