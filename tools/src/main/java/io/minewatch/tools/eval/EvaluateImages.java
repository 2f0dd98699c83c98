package io.minewatch.tools.eval;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.DetectorException;
import io.minewatch.detect.infer.DjlObjectDetector;
import io.minewatch.detect.infer.ModelCard;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Scores model cards on a labelled image folder ({@link ImageSet}: YOLO or COCO): per class AP@0.5
 * and recall at the confirming score, by box ({@link ImageScore}). Each card runs as the server runs
 * it (DJL, its own letterbox, min_score, category map and NMS), so only the classes it maps to a
 * category can score; classes are matched by name (a dataset's {@code truck} is the card's
 * {@code truck}). {@code scripts/evaluate --images DIR|FILE.json --model CARD [--against CARD]}.
 */
public final class EvaluateImages {
    /**
     * The score one sighting must reach before the detect path confirms a heavy vehicle: the value of
     * detect.pipeline.DetectStage's CONFIRM_SCORE (a class's own min_score in the card raises it).
     */
    public static final float CONFIRM_SCORE = 0.5f;

    /** One card's scores. */
    public record Result(String model, Map<String, ImageScore.ClassScore> scores, double meanAp, int images) {
    }

    private EvaluateImages() {
    }

    /** Runs one card over the images and scores it. */
    public static Result run(ImageSet set, ModelCard card) throws DetectorException {
        float[] confirm = new float[set.names().size()];
        for (int c = 0; c < confirm.length; c++) {
            int id = card.classes().indexOf(set.names().get(c));
            float own = id < 0 ? Float.POSITIVE_INFINITY : card.minScoreOf(id);
            confirm[c] = Math.max(CONFIRM_SCORE, own);
        }
        List<List<Detection>> dets = new ArrayList<>();
        try (DjlObjectDetector detector = DjlObjectDetector.open(card, 1)) {
            for (ImageSet.Image image : set.images()) {
                try (Mat m = imread(image.path().toString())) {
                    if (m.empty()) {
                        throw new IllegalArgumentException(image.path() + ": cannot read the image");
                    }
                    dets.add(detector.detect(m));
                }
            }
        }
        Map<String, ImageScore.ClassScore> scores = ImageScore.score(set, dets, confirm);
        return new Result(card.name(), scores, ImageScore.meanAp(scores), set.images().size());
    }

    /** Prints one table, a row per class, a column pair per card. */
    public static void print(ImageSet set, List<Result> results, PrintStream out) {
        long boxes = set.images().stream().mapToLong(i -> i.truths().size()).sum();
        out.printf(Locale.ROOT, "images: %s (%d images, %d boxes; AP@0.5 by box, recall at the confirm score)%n",
                set.source(), set.images().size(), boxes);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-16s %6s", "class", "boxes"));
        for (Result r : results) {
            head.append(String.format(Locale.ROOT, " | %-24s", r.model()));
        }
        out.println(head);
        StringBuilder sub = new StringBuilder(String.format(Locale.ROOT, "%-16s %6s", "", ""));
        for (Result ignored : results) {
            sub.append(String.format(Locale.ROOT, " | %7s %7s %8s", "AP@0.5", "recall", "at score"));
        }
        out.println(sub);
        for (String name : set.names()) {
            StringBuilder row = new StringBuilder();
            int n = results.isEmpty() ? 0 : results.get(0).scores().get(name).boxes();
            row.append(String.format(Locale.ROOT, "%-16s %6d", name, n));
            for (Result r : results) {
                ImageScore.ClassScore s = r.scores().get(name);
                row.append(String.format(Locale.ROOT, " | %7s %7s %8s", fmt(s.ap()), fmt(s.recall()),
                        Float.isInfinite(s.confirmScore()) ? "no class" : fmt(s.confirmScore())));
            }
            out.println(row);
        }
        StringBuilder mean = new StringBuilder(String.format(Locale.ROOT, "%-16s %6s", "mAP@0.5", ""));
        for (Result r : results) {
            mean.append(String.format(Locale.ROOT, " | %7s %7s %8s", fmt(r.meanAp()), "", ""));
        }
        out.println(mean);
    }

    /** The same as JSON (schema minewatch.evaluate-images/1). */
    public static void writeJson(Path file, ImageSet set, List<Result> results) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("schema", "minewatch.evaluate-images/1");
        root.put("images", set.source().toString());
        root.put("image_count", set.images().size());
        root.put("iou", ImageScore.IOU);
        ArrayNode models = root.putArray("models");
        for (Result r : results) {
            ObjectNode m = models.addObject();
            m.put("model", r.model());
            m.put("map50", r.meanAp());
            ObjectNode classes = m.putObject("classes");
            for (ImageScore.ClassScore s : r.scores().values()) {
                ObjectNode c = classes.putObject(s.name());
                c.put("boxes", s.boxes());
                c.put("detections", s.detections());
                putNumber(c, "ap50", s.ap());
                putNumber(c, "recall_at_confirm", s.recall());
                putNumber(c, "confirm_score", s.confirmScore());
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
