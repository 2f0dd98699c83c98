package io.minewatch.tools.eval;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-class AP@0.5 and recall at a confirming score over labelled images, matched by box: a detection
 * of class c is right when its IoU with a not yet claimed box of class c in the same image is at least
 * {@link #IOU}; detections are taken in descending score. AP is the area under the all-point
 * interpolated precision/recall curve (PASCAL VOC 2010+, COCO's AP50) — the same computation as
 * tools/train/minewatch_train/metrics.py, so a card's validation mAP and this score agree on the same
 * images. Detections are matched to labels by class name.
 */
public final class ImageScore {
    /** IoU a detection needs with a labelled box to be right. */
    public static final float IOU = 0.5f;

    /**
     * One class's result.
     *
     * @param ap           AP@0.5, NaN when the images hold no box of the class
     * @param recall       share of the boxes found by a detection at or above {@code confirmScore}
     * @param confirmScore the score {@code recall} counts from
     */
    public record ClassScore(String name, int boxes, int detections, double ap, double recall, float confirmScore) {
    }

    private ImageScore() {
    }

    /**
     * @param detections   per image (same order as {@code set.images()}), the detector's output
     * @param confirmScore per dataset class, the score a sighting needs to confirm an object
     */
    public static Map<String, ClassScore> score(ImageSet set, List<List<Detection>> detections, float[] confirmScore) {
        Map<String, ClassScore> out = new LinkedHashMap<>();
        for (int c = 0; c < set.names().size(); c++) {
            String name = set.names().get(c);
            record Cand(float score, int image, Box box) {
            }
            List<Cand> cands = new ArrayList<>();
            int boxes = 0;
            List<boolean[]> used = new ArrayList<>();
            for (int i = 0; i < set.images().size(); i++) {
                final int ci = c;
                int n = (int) set.images().get(i).truths().stream().filter(t -> t.classId() == ci).count();
                boxes += n;
                used.add(new boolean[n]);
                for (Detection d : detections.get(i)) {
                    if (d.label().equals(name)) {
                        cands.add(new Cand(d.score(), i, d.box()));
                    }
                }
            }
            cands.sort(Comparator.comparingDouble(Cand::score).reversed());
            int tp = 0;
            int tpConfirmed = 0;
            List<double[]> curve = new ArrayList<>();
            for (int k = 0; k < cands.size(); k++) {
                Cand d = cands.get(k);
                List<Box> truths = new ArrayList<>();
                for (ImageSet.Truth t : set.images().get(d.image()).truths()) {
                    if (t.classId() == c) {
                        truths.add(t.box());
                    }
                }
                int best = -1;
                float bestIou = -1;
                for (int j = 0; j < truths.size(); j++) {
                    float iou = d.box().iou(truths.get(j));
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = j;
                    }
                }
                if (best >= 0 && bestIou >= IOU && !used.get(d.image())[best]) {
                    used.get(d.image())[best] = true;
                    tp++;
                    if (d.score() >= confirmScore[c]) {
                        tpConfirmed++;
                    }
                }
                curve.add(new double[] {boxes == 0 ? 0 : (double) tp / boxes, (double) tp / (k + 1)});
            }
            double ap = boxes == 0 ? Double.NaN : ap(curve);
            double recall = boxes == 0 ? Double.NaN : (double) tpConfirmed / boxes;
            out.put(name, new ClassScore(name, boxes, cands.size(), ap, recall, confirmScore[c]));
        }
        return out;
    }

    /** Mean AP over the classes that have boxes. */
    public static double meanAp(Map<String, ClassScore> scores) {
        return scores.values().stream().filter(s -> s.boxes() > 0).mapToDouble(ClassScore::ap).average().orElse(0);
    }

    /** Area under the all-point interpolated curve of (recall, precision) points in detection order. */
    static double ap(List<double[]> curve) {
        int n = curve.size();
        double[] rec = new double[n + 2];
        double[] pre = new double[n + 2];
        for (int i = 0; i < n; i++) {
            rec[i + 1] = curve.get(i)[0];
            pre[i + 1] = curve.get(i)[1];
        }
        rec[n + 1] = 1;
        for (int i = n; i >= 0; i--) {
            pre[i] = Math.max(pre[i], pre[i + 1]);
        }
        double ap = 0;
        for (int i = 0; i <= n; i++) {
            if (rec[i + 1] != rec[i]) {
                ap += (rec[i + 1] - rec[i]) * pre[i + 1];
            }
        }
        return ap;
    }
}
