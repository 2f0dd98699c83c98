package io.minewatch.detect.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * DJL translator driven by a model card: {@link Letterbox} in, {@link OutputDecoder} out.
 *
 * <p>All maths runs in Java on float arrays: DJL's ONNX Runtime engine has no NDArray operators.
 * Holds the letterbox's buffers, so each {@link ai.djl.inference.Predictor} gets its own instance.
 */
final class CardTranslator implements NoBatchifyTranslator<Mat, List<Detection>> {

    private static final String LETTERBOX = "letterbox";

    private final InputSpec input;
    private final Letterbox letterbox;
    private final OutputDecoder decoder;

    CardTranslator(ModelCard card, OutputDecoder decoder) {
        this.input = card.input();
        this.letterbox = new Letterbox(input);
        this.decoder = decoder;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Mat bgr) {
        Letterbox.Result boxed = letterbox.apply(bgr);
        ctx.setAttachment(LETTERBOX, boxed);
        // create() copies into a tensor owned by the context's manager, freed after the call.
        NDArray tensor = ctx.getNDManager().create(FloatBuffer.wrap(boxed.chw()),
                new Shape(1, 3, input.height(), input.width()));
        tensor.setName(input.name());
        return new NDList(tensor);
    }

    @Override
    public List<Detection> processOutput(TranslatorContext ctx, NDList list) {
        Letterbox.Result boxed = (Letterbox.Result) ctx.getAttachment(LETTERBOX);
        float[] output = list.get(0).toFloatArray();
        return decoder.decode(output, boxed.ratio(), boxed.imageWidth(), boxed.imageHeight());
    }
}
