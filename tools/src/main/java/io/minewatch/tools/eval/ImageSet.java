package io.minewatch.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.detect.infer.Box;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A labelled image folder, as {@code scripts/train} reads it (tools/train/minewatch_train/data.py):
 *
 * <ul>
 * <li>YOLO: {@code DIR/classes.txt} (one class name a line, in id order), {@code DIR/images/**}
 *     ({@code .jpg .jpeg .png .bmp}) and {@code DIR/labels/<same path>.txt} with lines
 *     {@code class cx cy w h} as fractions of the image; no label file = no objects. A dataset with
 *     {@code images/val} is scored on that split only.</li>
 * <li>COCO: a {@code .json} file (images, annotations with {@code bbox [x,y,w,h]} in pixels,
 *     categories); image files beside it or under its {@code images/} folder. Crowd boxes are skipped.</li>
 * </ul>
 *
 * @param names  class names in id order
 * @param images every image with its boxes
 */
public record ImageSet(Path source, List<String> names, List<Image> images) {
    private static final Set<String> SUFFIXES = Set.of(".jpg", ".jpeg", ".png", ".bmp");

    /** One labelled box. */
    public record Truth(int classId, Box box) {
    }

    /** One image and its boxes (pixels). */
    public record Image(Path path, List<Truth> truths) {
    }

    public ImageSet {
        names = List.copyOf(names);
        images = List.copyOf(images);
    }

    /**
     * Reads a YOLO folder or a COCO JSON file.
     *
     * @throws IllegalArgumentException naming the file (and line) that is not what it should be
     */
    public static ImageSet read(Path path) throws IOException {
        if (Files.isRegularFile(path) && path.toString().endsWith(".json")) {
            return coco(path);
        }
        if (Files.isDirectory(path)) {
            return yolo(path);
        }
        throw new IllegalArgumentException(path + ": not a YOLO dataset folder nor a COCO .json file");
    }

    private static ImageSet yolo(Path root) throws IOException {
        Path classes = root.resolve("classes.txt");
        if (!Files.isRegularFile(classes)) {
            throw new IllegalArgumentException(root + ": no classes.txt (one class name a line)");
        }
        List<String> names = Files.readAllLines(classes, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty() || Set.copyOf(names).size() != names.size()) {
            throw new IllegalArgumentException(classes + ": class names must be present and unique");
        }
        Path images = root.resolve("images");
        if (!Files.isDirectory(images)) {
            throw new IllegalArgumentException(root + ": no images/ folder");
        }
        Path scan = Files.isDirectory(images.resolve("val")) ? images.resolve("val") : images;
        List<Path> files;
        try (Stream<Path> s = Files.walk(scan)) {
            files = s.filter(Files::isRegularFile).filter(p -> SUFFIXES.contains(suffix(p))).sorted().toList();
        }
        List<Image> out = new ArrayList<>();
        for (Path img : files) {
            String rel = images.relativize(img).toString();
            Path label = root.resolve("labels").resolve(rel.substring(0, rel.length() - suffix(img).length()) + ".txt");
            List<Truth> truths = new ArrayList<>();
            if (Files.isRegularFile(label)) {
                int[] size = size(img);
                int n = 0;
                for (String line : Files.readAllLines(label, StandardCharsets.UTF_8)) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    truths.add(yoloLine(label, n, line, names.size(), size[0], size[1]));
                }
            }
            out.add(new Image(img, truths));
        }
        return new ImageSet(root, names, out);
    }

    private static Truth yoloLine(Path file, int n, String line, int classes, int w, int h) {
        String[] f = line.strip().split("\\s+");
        try {
            if (f.length != 5) {
                throw new NumberFormatException();
            }
            int c = Integer.parseInt(f[0]);
            double cx = Double.parseDouble(f[1]);
            double cy = Double.parseDouble(f[2]);
            double bw = Double.parseDouble(f[3]);
            double bh = Double.parseDouble(f[4]);
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException(file + ":" + n + ": class " + c + " is not one of the " + classes
                        + " classes");
            }
            if (bw <= 0 || bh <= 0 || cx < 0 || cx > 1 || cy < 0 || cy > 1) {
                throw new IllegalArgumentException(file + ":" + n + ": box out of range (fractions of the image)");
            }
            return new Truth(c, new Box((float) ((cx - bw / 2) * w), (float) ((cy - bh / 2) * h),
                    (float) ((cx + bw / 2) * w), (float) ((cy + bh / 2) * h)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + n + ": expected 'class cx cy w h', got '" + line.strip() + "'");
        }
    }

    private static ImageSet coco(Path json) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        if (!doc.path("images").isArray() || !doc.path("categories").isArray()) {
            throw new IllegalArgumentException(json + ": not COCO detection JSON (images and categories arrays)");
        }
        List<JsonNode> cats = new ArrayList<>();
        doc.get("categories").forEach(cats::add);
        cats.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        List<String> names = cats.stream().map(c -> c.path("name").asText()).toList();
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < cats.size(); i++) {
            index.put(cats.get(i).path("id").asLong(), i);
        }
        Map<Long, List<Truth>> per = new HashMap<>();
        Map<Long, Path> files = new HashMap<>();
        List<Long> order = new ArrayList<>();
        for (JsonNode im : doc.get("images")) {
            long id = im.path("id").asLong();
            String name = im.path("file_name").asText();
            Path p = json.resolveSibling(name);
            if (!Files.isRegularFile(p)) {
                p = json.resolveSibling("images").resolve(name);
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(json + ": image " + name + " not found beside it or under images/");
            }
            files.put(id, p);
            per.put(id, new ArrayList<>());
            order.add(id);
        }
        for (JsonNode a : doc.path("annotations")) {
            if (a.path("iscrowd").asInt(0) != 0) {
                continue;
            }
            Integer c = index.get(a.path("category_id").asLong());
            List<Truth> list = per.get(a.path("image_id").asLong());
            JsonNode b = a.path("bbox");
            if (c == null || list == null || b.size() != 4) {
                throw new IllegalArgumentException(json + ": annotation " + a.path("id").asText()
                        + " names an unknown image or category, or has no [x,y,w,h] bbox");
            }
            float x = (float) b.get(0).asDouble();
            float y = (float) b.get(1).asDouble();
            list.add(new Truth(c, new Box(x, y, x + (float) b.get(2).asDouble(), y + (float) b.get(3).asDouble())));
        }
        List<Image> out = new ArrayList<>();
        for (long id : order) {
            out.add(new Image(files.get(id), per.get(id)));
        }
        return new ImageSet(json, names, out);
    }

    private static String suffix(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static int[] size(Path img) {
        try (Mat m = opencv_imgcodecs.imread(img.toString())) {
            if (m.empty()) {
                throw new IllegalArgumentException(img + ": cannot read the image");
            }
            return new int[] {m.cols(), m.rows()};
        }
    }
}
