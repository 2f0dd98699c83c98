package io.minewatch.detect.infer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import java.io.IOException;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * A model card's network loaded once into ONNX Runtime through DJL, shared by any number of
 * detectors.
 *
 * <p>Each {@link #newDetector()} gets its own {@link ai.djl.inference.Predictor} (not thread-safe)
 * and its own preprocessing buffers, so a pool holds one detector per worker over one loaded model.
 * Close the detectors, then the model.
 */
public final class DjlModel implements AutoCloseable {

    /** DJL's name for the ONNX Runtime engine. */
    static final String ENGINE = "OnnxRuntime";

    private final ModelCard card;
    private final OutputDecoder decoder;
    private final ZooModel<Mat, List<Detection>> model;

    private DjlModel(ModelCard card, OutputDecoder decoder, ZooModel<Mat, List<Detection>> model) {
        this.card = card;
        this.decoder = decoder;
        this.model = model;
    }

    /**
     * Verifies the card's model file and loads it, offline.
     *
     * @param intraOpThreads ONNX Runtime threads inside one operator, per inference; 1 is usually
     *                       fastest per core when several workers run side by side
     * @throws DetectorException naming the model file when it is missing, differs from the card,
     *                           cannot be loaded or does not have the card's input and output shape
     */
    public static DjlModel load(ModelCard card, int intraOpThreads) throws DetectorException {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
        stayOffline();
        card.verify();
        OutputDecoder decoder = OutputDecoder.forCard(card);
        @SuppressWarnings("unchecked")
        Class<List<Detection>> listType = (Class<List<Detection>>) (Class<?>) List.class;
        Criteria<Mat, List<Detection>> criteria = Criteria.builder()
                .setTypes(Mat.class, listType)
                .optEngine(ENGINE)
                .optModelPath(card.modelFile())
                .optTranslator(new CardTranslator(card, decoder))
                .optOption("intraOpNumThreads", Integer.toString(intraOpThreads))
                // Operators run one after another: parallel branches gain nothing on this graph.
                .optOption("interOpNumThreads", "1")
                .build();
        ZooModel<Mat, List<Detection>> model;
        try {
            model = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new DetectorException("cannot load model " + card.modelFile() + " with " + ENGINE
                    + ": " + e.getMessage(), e);
        }
        try {
            checkShapes(card, decoder, model);
        } catch (DetectorException e) {
            model.close();
            throw e;
        }
        return new DjlModel(card, decoder, model);
    }

    /** A new detector with its own predictor over this model; close it before the model. */
    public DjlObjectDetector newDetector() {
        return new DjlObjectDetector(this, newPredictor(), false);
    }

    /** A predictor with its own translator (and so its own preprocessing buffers). */
    Predictor<Mat, List<Detection>> newPredictor() {
        return model.newPredictor(new CardTranslator(card, decoder));
    }

    /** The card this model was loaded from. */
    public ModelCard card() {
        return card;
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * A card that disagrees with its network fails at start-up, not on the first frame: the input
     * is checked against the graph, the output by one inference on a blank frame (which also warms
     * ONNX Runtime up). DJL cannot describe an ONNX model's outputs without running it.
     */
    private static void checkShapes(ModelCard card, OutputDecoder decoder, ZooModel<Mat, List<Detection>> model)
            throws DetectorException {
        PairList<String, Shape> in = model.describeInput();
        InputSpec spec = card.input();
        Shape wanted = new Shape(1, 3, spec.height(), spec.width());
        if (in == null || in.size() != 1 || !spec.name().equals(in.get(0).getKey())
                || !compatible(wanted, in.get(0).getValue())) {
            throw new DetectorException("model " + card.modelFile() + " takes " + describe(in) + " but card "
                    + card.cardFile() + " says input " + spec.name() + " " + wanted);
        }
        try (Predictor<Mat, List<Detection>> probe = model.newPredictor(new CardTranslator(card, decoder));
             Scalar grey = Scalar.all(spec.padValue());
             Mat blank = new Mat(spec.height(), spec.width(), CV_8UC3, grey)) {
            probe.predict(blank);
        } catch (TranslateException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DetectorException("model " + card.modelFile() + " does not fit card " + card.cardFile()
                    + ": " + cause.getMessage(), e);
        }
    }

    private static String describe(PairList<String, Shape> inputs) {
        if (inputs == null) {
            return "unknown inputs";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(inputs.keyAt(i)).append(' ').append(inputs.valueAt(i));
        }
        return sb.toString();
    }

    /**
     * The model is a local file: DJL must neither download nor report usage (its EC2 telemetry
     * ping). Honours DJL_OFFLINE / OPT_OUT_TRACKING when set either way, as the tests do.
     */
    private static void stayOffline() {
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /**
     * Same rank and equal sizes where the model's are fixed (negative = dynamic). DJL 0.38 reports
     * no shape for ONNX inputs (null): then only the name is checked here, the rest by the probe.
     */
    private static boolean compatible(Shape wanted, Shape actual) {
        if (actual == null) {
            return true;
        }
        if (actual.dimension() != wanted.dimension()) {
            return false;
        }
        for (int i = 0; i < wanted.dimension(); i++) {
            if (actual.get(i) >= 0 && actual.get(i) != wanted.get(i)) {
                return false;
            }
        }
        return true;
    }
}
