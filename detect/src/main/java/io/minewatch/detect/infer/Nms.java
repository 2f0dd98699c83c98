package io.minewatch.detect.infer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Greedy non-maximum suppression, run separately for each class (as YOLOX's batched NMS). */
public final class Nms {

    private static final Comparator<Detection> BY_SCORE_DESC =
            Comparator.comparingDouble(Detection::score).reversed();

    private Nms() {
    }

    /**
     * Keeps, within each class, the best box and drops every lower-scored box whose IoU with a kept
     * one is above {@code iouThreshold}; boxes of different classes never suppress each other.
     *
     * @return the survivors, by descending score
     */
    public static List<Detection> perClass(List<Detection> candidates, float iouThreshold) {
        Map<Integer, List<Detection>> byClass = new HashMap<>();
        for (Detection d : candidates) {
            byClass.computeIfAbsent(d.classId(), k -> new ArrayList<>()).add(d);
        }
        List<Detection> kept = new ArrayList<>();
        for (List<Detection> sameClass : byClass.values()) {
            sameClass.sort(BY_SCORE_DESC);
            List<Detection> keptHere = new ArrayList<>();
            for (Detection d : sameClass) {
                if (!overlapsAny(d, keptHere, iouThreshold)) {
                    keptHere.add(d);
                }
            }
            kept.addAll(keptHere);
        }
        kept.sort(BY_SCORE_DESC);
        return kept;
    }

    private static boolean overlapsAny(Detection d, List<Detection> kept, float iouThreshold) {
        for (Detection k : kept) {
            if (d.box().iou(k.box()) > iouThreshold) {
                return true;
            }
        }
        return false;
    }
}
