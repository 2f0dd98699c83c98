package io.minewatch.detect.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes YOLOX's anchor-free output, exactly as its {@code demo_postprocess} plus per-class NMS.
 *
 * <p>Rows are {@code [tx, ty, tw, th, obj, cls0..clsN-1]} (obj and cls already sigmoided), one per
 * grid cell: all cells of the first stride, then the next, each grid row-major (gy outer, gx inner).
 * A cell at {@code (gx, gy)} with stride {@code s} predicts {@code cx = (tx + gx)·s},
 * {@code cy = (ty + gy)·s}, {@code w = exp(tw)·s}, {@code h = exp(th)·s}; its score is
 * {@code obj × max(cls)} for its best class. Boxes are divided by the letterbox ratio, clipped to the
 * frame, thresholded at the card's {@code min_score} (or a class's own, higher one:
 * {@link ModelCard#minScoreOf}); classes the card does not map are dropped and the rest go through
 * {@link Nms#perClass} at the card's {@code nms_iou}.
 */
public final class YoloxDecoder implements OutputDecoder {

    private final ModelCard card;
    private final int[] strides;
    private final int inputWidth;
    private final int inputHeight;
    private final int numClasses;
    private final int rowLength;
    private final int rows;
    /** Per class: the lowest score kept; infinity for classes the card does not map. */
    private final float[] threshold;

    /** A decoder for a card whose {@code output.decoder} is {@code yolox}. */
    public YoloxDecoder(ModelCard card) {
        this.card = card;
        this.strides = card.output().strides().stream().mapToInt(Integer::intValue).toArray();
        this.inputWidth = card.input().width();
        this.inputHeight = card.input().height();
        this.numClasses = card.classes().size();
        this.rowLength = 5 + numClasses;
        int cells = 0;
        for (int s : strides) {
            cells += (inputWidth / s) * (inputHeight / s);
        }
        this.rows = cells;
        this.threshold = new float[numClasses];
        for (int c = 0; c < numClasses; c++) {
            threshold[c] = card.minScoreOf(c);
        }
    }

    /** Number of floats one output must have: cells over all strides × (5 + classes). */
    public int expectedLength() {
        return rows * rowLength;
    }

    @Override
    public List<Detection> decode(float[] output, float ratio, int imageWidth, int imageHeight) {
        if (output.length != expectedLength()) {
            throw new IllegalArgumentException("YOLOX output has " + output.length + " floats, expected "
                    + rows + " rows x " + rowLength + " = " + expectedLength() + " (check classes and input size)");
        }
        float minScore = card.minScore();
        List<Detection> candidates = new ArrayList<>();
        int row = 0;
        for (int s : strides) {
            int gridW = inputWidth / s;
            int gridH = inputHeight / s;
            for (int gy = 0; gy < gridH; gy++) {
                for (int gx = 0; gx < gridW; gx++, row++) {
                    int base = row * rowLength;
                    float obj = output[base + 4];
                    if (obj < minScore) {
                        continue; // score = obj x cls <= obj: cannot reach min_score
                    }
                    int best = 0;
                    float bestCls = output[base + 5];
                    for (int c = 1; c < numClasses; c++) {
                        float v = output[base + 5 + c];
                        if (v > bestCls) {
                            bestCls = v;
                            best = c;
                        }
                    }
                    float score = obj * bestCls;
                    if (score < threshold[best]) {
                        continue;
                    }
                    Box box = box(output, base, gx, gy, s, ratio, imageWidth, imageHeight);
                    candidates.add(new Detection(best, card.classes().get(best), card.categoryOf(best), score, box));
                }
            }
        }
        return Nms.perClass(candidates, card.nmsIou());
    }

    private static Box box(float[] out, int base, int gx, int gy, int s, float ratio, int imgW, int imgH) {
        float cx = (out[base] + gx) * s;
        float cy = (out[base + 1] + gy) * s;
        float w = (float) Math.exp(out[base + 2]) * s;
        float h = (float) Math.exp(out[base + 3]) * s;
        return new Box(
                clip((cx - w / 2f) / ratio, imgW),
                clip((cy - h / 2f) / ratio, imgH),
                clip((cx + w / 2f) / ratio, imgW),
                clip((cy + h / 2f) / ratio, imgH));
    }

    private static float clip(float v, int max) {
        return Math.max(0f, Math.min(max, v));
    }
}
