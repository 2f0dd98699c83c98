package io.minewatch.alerts.verdict;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Dimension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Judged alerts as a detection dataset: each alert's snapshot (its best sighting's frame) as
 * {@code images/<alert>.jpg}, with {@code labels/<alert>.txt} in YOLO's format (class cx cy w h,
 * fractions of the frame) and one {@code annotations.json} in COCO's (bbox in pixels). A confirmed alert
 * gives one box (the analyst's when drawn, else the detector's) of its category (the correction when
 * given); a false alarm gives an image with no box (a negative example). {@code classes.txt} lists the
 * categories in class order. Bounded: at most {@link VerdictStore#MAX_LABELLED} alerts and
 * {@link #MAX_IMAGE_BYTES} of images; what was left out is counted in {@code README.txt}.
 */
public final class DatasetExport {

    public static final long MAX_IMAGE_BYTES = 256L * 1024 * 1024;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DatasetExport() {
    }

    /** What went into the zip. */
    public record Written(int images, int boxes, int skipped) {
    }

    /**
     * @param snapshots the stored snapshot file of an alert, if any (inside storage)
     */
    public static Written write(OutputStream sink, List<VerdictStore.Judged> judged,
                                Function<String, Optional<Path>> snapshots) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (VerdictStore.Judged j : judged) {
            if (!j.latest().verdict().falseAlarm()) {
                names.add(category(j));
            }
        }
        List<String> classes = new ArrayList<>(names);
        ObjectNode coco = JSON.objectNode();
        ArrayNode images = coco.putArray("images");
        ArrayNode annotations = coco.putArray("annotations");
        ArrayNode categories = coco.putArray("categories");
        for (int i = 0; i < classes.size(); i++) {
            categories.addObject().put("id", i + 1).put("name", classes.get(i));
        }
        int imageCount = 0;
        int boxes = 0;
        int skipped = 0;
        long bytes = 0;
        try (ZipOutputStream zip = new ZipOutputStream(sink, StandardCharsets.UTF_8)) {
            for (VerdictStore.Judged j : judged) {
                Optional<Path> snap = snapshots.apply(j.alertId());
                if (snap.isEmpty()) {
                    skipped++;
                    continue;
                }
                long size = Files.size(snap.get());
                Dimension dim = dimensions(snap.get());
                if (dim == null || bytes + size > MAX_IMAGE_BYTES) {
                    skipped++;
                    continue;
                }
                bytes += size;
                imageCount++;
                String name = j.alertId() + ".jpg";
                zip.putNextEntry(new ZipEntry("images/" + name));
                Files.copy(snap.get(), zip);
                zip.closeEntry();
                images.addObject().put("id", imageCount).put("file_name", "images/" + name)
                        .put("width", dim.width).put("height", dim.height).put("alert", j.alertId())
                        .put("verdict", j.latest().verdict().verdict());
                StringBuilder yolo = new StringBuilder();
                Verdict v = j.latest().verdict();
                List<Double> box = v.boxNorm() != null ? v.boxNorm() : LabelsExport.boxNorm(j.payload());
                if (!v.falseAlarm() && box != null) {
                    int cls = classes.indexOf(category(j));
                    double w = box.get(2) - box.get(0);
                    double h = box.get(3) - box.get(1);
                    yolo.append(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f%n", cls, box.get(0) + w / 2,
                            box.get(1) + h / 2, w, h));
                    boxes++;
                    ArrayNode bbox = JSON.arrayNode();
                    bbox.add(round(box.get(0) * dim.width)).add(round(box.get(1) * dim.height))
                            .add(round(w * dim.width)).add(round(h * dim.height));
                    annotations.addObject().put("id", boxes).put("image_id", imageCount).put("category_id", cls + 1)
                            .set("bbox", bbox);
                    ((ObjectNode) annotations.get(annotations.size() - 1))
                            .put("area", round(w * dim.width * h * dim.height)).put("iscrowd", 0);
                }
                entry(zip, "labels/" + j.alertId() + ".txt", yolo.toString());
            }
            entry(zip, "annotations.json", coco.toPrettyString());
            entry(zip, "classes.txt", classes.isEmpty() ? "" : String.join("\n", classes) + "\n");
            entry(zip, "README.txt", "minewatch dataset from analysts' verdicts\n"
                    + "images/<alert>.jpg: the alert's snapshot (best sighting)\n"
                    + "labels/<alert>.txt: YOLO (class cx cy w h, fractions); empty for a false alarm\n"
                    + "annotations.json: COCO (bbox x y w h in pixels)\n"
                    + "classes.txt: class names in YOLO class order (COCO category id = line number)\n"
                    + "images: " + imageCount + ", boxes: " + boxes + ", left out (no snapshot or over "
                    + (MAX_IMAGE_BYTES >> 20) + " MiB): " + skipped + "\n");
        }
        return new Written(imageCount, boxes, skipped);
    }

    private static String category(VerdictStore.Judged j) {
        Verdict v = j.latest().verdict();
        if (v.category() != null) {
            return v.category();
        }
        String c = j.payload().path("category").asText("");
        return c.matches("[A-Za-z0-9_]{1,64}") ? c : j.rule();
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Width and height from the JPEG header (no decode); null when it is not an image. */
    static Dimension dimensions(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                return new Dimension(r.getWidth(0), r.getHeight(0));
            } finally {
                r.dispose();
            }
        }
    }
}
