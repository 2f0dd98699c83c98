package io.minewatch.tools.train;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import io.minewatch.detect.infer.Box;
import io.minewatch.tools.eval.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Builds a YOLO detection dataset from clips and their labels files: frames sampled at a rate, each
 * labelled appearance's interpolated box at the frame's time as a {@code truck} or {@code bus} box
 * (bus when the appearance's note says so; the tanker, pickups and vans are trucks, as COCO calls
 * them). Frames are split by time into blocks of {@link Split#blockS} seconds, cycled through
 * train / val / held-back, so neighbouring frames (nearly the same picture) stay on one side.
 *
 * <pre>
 * OUT/train/classes.txt, OUT/train/images/{train,val}/*.jpg, OUT/train/labels/{train,val}/*.txt
 * OUT/heldback/classes.txt, OUT/heldback/images/*.jpg, OUT/heldback/labels/*.txt
 * </pre>
 *
 * <p>Labels list heavy vehicles (and optional light trucks) only; cars are unlabelled, so a frame with
 * only cars is an image without objects: right for a truck/bus model. A frame inside an appearance
 * that has no boxes is skipped (where it is is unknown). {@code scripts/train clip-dataset}.
 */
public final class ClipDataset {

    /** The classes written, in id order. */
    public static final List<String> CLASSES = List.of("truck", "bus");

    /**
     * How frames are shared out: cycles of {@code train + val + heldBack} blocks of {@code blockS}
     * seconds.
     */
    public record Split(double blockS, int train, int val, int heldBack) {
        public static final Split DEFAULT = new Split(1.0, 3, 1, 1);

        public Split {
            if (!(blockS > 0) || train < 1 || val < 0 || heldBack < 0) {
                throw new IllegalArgumentException("split: block seconds > 0, train >= 1, val and held-back >= 0");
            }
        }

        /** "train", "val" or "heldback" for a frame at {@code t} seconds. */
        String part(double t) {
            int cycle = train + val + heldBack;
            int k = (int) Math.floor(t / blockS) % cycle;
            return k < train ? "train" : k < train + val ? "val" : "heldback";
        }
    }

    /** One clip and its labels, sampled from {@code fromS} to {@code toS} seconds. */
    public record Clip(Path video, Path labels, double fromS, double toS) {
        /** The whole clip. */
        public Clip(Path video, Path labels) {
            this(video, labels, 0, Double.POSITIVE_INFINITY);
        }
    }

    /** What was written: images and boxes per part. */
    public record Counts(Map<String, Integer> images, Map<String, Integer> boxes, int skipped) {
    }

    private ClipDataset() {
    }

    /**
     * Writes the dataset.
     *
     * @param fps frames per second sampled from each clip
     */
    public static Counts build(List<Clip> clips, Path out, double fps, Split split) throws IOException {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive, got " + fps);
        }
        Map<String, Integer> images = new LinkedHashMap<>();
        Map<String, Integer> boxes = new LinkedHashMap<>();
        for (String part : List.of("train", "val", "heldback")) {
            images.put(part, 0);
            boxes.put(part, 0);
        }
        for (String d : List.of("train/images/train", "train/labels/train", "train/images/val", "train/labels/val",
                "heldback/images", "heldback/labels")) {
            Files.createDirectories(out.resolve(d));
        }
        String classes = String.join("\n", CLASSES) + "\n";
        Files.writeString(out.resolve("train/classes.txt"), classes);
        Files.writeString(out.resolve("heldback/classes.txt"), classes);
        int skipped = 0;
        for (Clip clip : clips) {
            Labels labels = Labels.read(clip.labels());
            String stem = clip.video().getFileName().toString().replaceAll("\\.[^.]+$", "");
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.video().toFile());
                 OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
                g.start();
                if (clip.fromS() > 0) {
                    g.setTimestamp((long) (clip.fromS() * 1e6));
                }
                double next = 0;
                for (Frame f; (f = g.grabImage()) != null; ) {
                    double t = f.timestamp / 1e6;
                    if (t > clip.toS()) {
                        break;
                    }
                    if (t + 1e-6 < next || t < clip.fromS()) {
                        continue;
                    }
                    next = Math.floor(t * fps + 1e-6) / fps + 1 / fps;
                    Mat m = conv.convert(f);
                    List<String> lines = new ArrayList<>();
                    if (!label(labels, t, m.cols(), m.rows(), lines)) {
                        skipped++;
                        continue;
                    }
                    String part = split.part(t);
                    String name = String.format(Locale.ROOT, "%s_%07.3f", stem, t);
                    Path img = "heldback".equals(part) ? out.resolve("heldback/images/" + name + ".jpg")
                            : out.resolve("train/images/" + part + "/" + name + ".jpg");
                    Path lab = "heldback".equals(part) ? out.resolve("heldback/labels/" + name + ".txt")
                            : out.resolve("train/labels/" + part + "/" + name + ".txt");
                    if (!imwrite(img.toString(), m)) {
                        throw new IOException("cannot write " + img);
                    }
                    Files.write(lab, lines, StandardCharsets.UTF_8);
                    images.merge(part, 1, Integer::sum);
                    boxes.merge(part, lines.size(), Integer::sum);
                }
            }
        }
        return new Counts(images, boxes, skipped);
    }

    /** YOLO lines for the frame at {@code t}; false when an appearance in view has no box there. */
    static boolean label(Labels labels, double t, int w, int h, List<String> lines) {
        for (Labels.Appearance a : labels.appearances()) {
            if (!a.covers(t, 0)) {
                continue;
            }
            if (a.boxes().isEmpty()) {
                return false;
            }
            Box b = a.boxes().at(t, w, h);
            float x1 = clamp(b.x1(), w), y1 = clamp(b.y1(), h), x2 = clamp(b.x2(), w), y2 = clamp(b.y2(), h);
            if (x2 - x1 < 2 || y2 - y1 < 2) {
                continue;
            }
            int cls = String.valueOf(a.note()).toLowerCase(Locale.ROOT).contains("bus") ? 1 : 0;
            lines.add(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f", cls, (x1 + x2) / 2 / w, (y1 + y2) / 2 / h,
                    (x2 - x1) / w, (y2 - y1) / h));
        }
        return true;
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** {@code ClipDataset OUT FPS VIDEO LABELS [VIDEO LABELS ...]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 4 || args.length % 2 != 0) {
            System.err.println("usage: scripts/train clip-dataset OUT FPS VIDEO LABELS [VIDEO LABELS ...]");
            System.exit(2);
        }
        List<Clip> clips = new ArrayList<>();
        for (int i = 2; i < args.length; i += 2) {
            Path v = Path.of(args[i]);
            Path l = Path.of(args[i + 1]);
            if (!Files.isRegularFile(v) || !Files.isRegularFile(l)) {
                System.err.println("clip-dataset: " + (Files.isRegularFile(v) ? l : v) + " does not exist");
                System.exit(2);
            }
            clips.add(new Clip(v, l));
        }
        Counts c = build(clips, Path.of(args[0]), Double.parseDouble(args[1]), Split.DEFAULT);
        System.out.println("images " + c.images() + ", boxes " + c.boxes() + ", frames skipped (appearance without"
                + " a box) " + c.skipped() + "; train on " + Path.of(args[0]).resolve("train")
                + ", score on " + Path.of(args[0]).resolve("heldback"));
    }
}
