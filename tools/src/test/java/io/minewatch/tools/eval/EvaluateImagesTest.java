package io.minewatch.tools.eval;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/evaluate --images}: the default card on two shared images labelled with the boxes
 * shared/README.md gives (the pickup truck, the freeway van) finds both trucks by box (AP@0.5 1,
 * recall 1 at the confirm score), scores 0 on a bus box where there is none, and says when a class is
 * not in the card; YOLO and COCO give the same; the AP arithmetic on a hand-worked case; bad labels
 * are refused naming the file and line.
 */
class EvaluateImagesTest {
    private static final String PICKUP = "coco_val2017_000000009769_pickup_truck.jpg";
    private static final String FREEWAY = "coco_val2017_000000001532_freeway_van_cars.jpg";
    /** shared/README.md: truck 0.892 [79,182,467,377] and truck 0.669 [105,373,185,436]. */
    private static final float[] PICKUP_TRUCK = {79, 182, 467, 377};
    private static final float[] FREEWAY_VAN = {105, 373, 185, 436};
    /** Sky in the freeway image: no bus there. */
    private static final float[] NO_BUS = {10, 10, 60, 60};

    @TempDir
    Path dir;

    private static int[] size(Path img) {
        try (Mat m = imread(img.toString())) {
            return new int[] {m.cols(), m.rows()};
        }
    }

    private static String yolo(int cls, float[] b, int[] size) {
        return String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f%n", cls, (b[0] + b[2]) / 2 / size[0],
                (b[1] + b[3]) / 2 / size[1], (b[2] - b[0]) / size[0], (b[3] - b[1]) / size[1]);
    }

    private Path yoloFolder() throws Exception {
        Path root = dir.resolve("yolo");
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("labels"));
        Files.writeString(root.resolve("classes.txt"), "truck\nbus\nexcavator\n");
        Path pickup = Files.copy(SharedFiles.image(PICKUP), root.resolve("images/pickup.jpg"));
        Path freeway = Files.copy(SharedFiles.image(FREEWAY), root.resolve("images/freeway.jpg"));
        Files.writeString(root.resolve("labels/pickup.txt"), yolo(0, PICKUP_TRUCK, size(pickup)));
        Files.writeString(root.resolve("labels/freeway.txt"), yolo(0, FREEWAY_VAN, size(freeway))
                + yolo(1, NO_BUS, size(freeway)));
        return root;
    }

    private Path cocoFile() throws Exception {
        Path root = dir.resolve("coco");
        Files.createDirectories(root.resolve("images"));
        Files.copy(SharedFiles.image(PICKUP), root.resolve("images/pickup.jpg"));
        Files.copy(SharedFiles.image(FREEWAY), root.resolve("images/freeway.jpg"));
        Path json = root.resolve("annotations.json");
        Files.writeString(json, """
                {"images": [{"id": 1, "file_name": "pickup.jpg"}, {"id": 2, "file_name": "freeway.jpg"}],
                 "categories": [{"id": 3, "name": "truck"}, {"id": 6, "name": "bus"}, {"id": 9, "name": "excavator"}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 3, "bbox": [79, 182, 388, 195]},
                   {"id": 2, "image_id": 2, "category_id": 3, "bbox": [105, 373, 80, 63]},
                   {"id": 3, "image_id": 2, "category_id": 6, "bbox": [10, 10, 50, 50]},
                   {"id": 4, "image_id": 2, "category_id": 3, "bbox": [0, 0, 640, 480], "iscrowd": 1}]}
                """);
        return json;
    }

    private static void assertDefaultCardScores(Map<String, ImageScore.ClassScore> s) {
        ImageScore.ClassScore truck = s.get("truck");
        assertEquals(2, truck.boxes());
        assertEquals(1.0, truck.ap(), 1e-9, truck.toString());
        assertEquals(1.0, truck.recall(), 1e-9, "both trucks above the confirm score: " + truck);
        assertEquals(0.5f, truck.confirmScore());
        ImageScore.ClassScore bus = s.get("bus");
        assertEquals(1, bus.boxes());
        assertEquals(0.0, bus.ap(), 1e-9, bus.toString());
        assertEquals(0.7f, bus.confirmScore(), "the default card takes bus only from 0.7");
        ImageScore.ClassScore excavator = s.get("excavator");
        assertEquals(0, excavator.boxes());
        assertTrue(Double.isNaN(excavator.ap()));
        assertTrue(Float.isInfinite(excavator.confirmScore()), "COCO has no excavator class");
    }

    @Test
    void theDefaultCardFindsTheTrucksByBoxInYoloAndCoco() throws Exception {
        ModelCard card = ModelCard.load(SharedFiles.model("yolox-nano"));
        ImageSet yolo = ImageSet.read(yoloFolder());
        assertEquals(List.of("truck", "bus", "excavator"), yolo.names());
        EvaluateImages.Result y = EvaluateImages.run(yolo, card);
        assertDefaultCardScores(y.scores());
        assertEquals(0.5, y.meanAp(), 1e-9, "mean over the classes that have boxes");

        ImageSet coco = ImageSet.read(cocoFile());
        EvaluateImages.Result c = EvaluateImages.run(coco, card);
        assertDefaultCardScores(c.scores());
        assertEquals(3, coco.images().stream().mapToInt(i -> i.truths().size()).sum(), "the crowd box is skipped");
    }

    @Test
    void twoCardsSideBySideAsJson() throws Exception {
        Path json = dir.resolve("report.json");
        Evaluate.main(new String[] {"--images", yoloFolder().toString(), "--model",
                SharedFiles.model("yolox-nano").toString(), "--against", SharedFiles.model("yolox-nano-strict").toString(),
                "--json", json.toString()});
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertEquals("minewatch.evaluate-images/1", r.get("schema").asText());
        assertEquals("yolox-nano", r.get("models").get(0).get("model").asText());
        assertEquals("yolox-nano-strict", r.get("models").get(1).get("model").asText());
        assertEquals(1.0, r.get("models").get(1).get("classes").get("truck").get("ap50").asDouble(), 1e-9);
        assertTrue(r.get("models").get(1).get("classes").get("bus").get("confirm_score").isNull(),
                "the strict card ignores buses: " + r);
    }

    @Test
    void averagePrecisionOnAHandWorkedCase() throws Exception {
        // Two truck boxes; detections 0.9 right, 0.8 wrong, 0.7 right: P/R (1, .5) (.5, .5) (.67, 1)
        // -> AP = 0.5 x 1 + 0.5 x 2/3.
        Path root = dir.resolve("hand");
        Files.createDirectories(root.resolve("images"));
        Files.writeString(root.resolve("classes.txt"), "truck\n");
        Files.copy(SharedFiles.image(PICKUP), root.resolve("images/a.jpg"));
        ImageSet set = new ImageSet(root, List.of("truck"), List.of(new ImageSet.Image(root.resolve("images/a.jpg"),
                List.of(new ImageSet.Truth(0, new Box(0, 0, 100, 100)), new ImageSet.Truth(0, new Box(200, 0, 300, 100))))));
        List<Detection> dets = List.of(det(0.9f, 0, 0, 100, 100), det(0.8f, 400, 0, 500, 100),
                det(0.7f, 205, 0, 300, 100), det(0.6f, 0, 0, 100, 100));
        ImageScore.ClassScore s = ImageScore.score(set, List.of(dets), new float[] {0.75f}).get("truck");
        assertEquals(0.5 + 0.5 * 2.0 / 3.0, s.ap(), 1e-9);
        assertEquals(0.5, s.recall(), 1e-9, "only the 0.9 hit is at or above 0.75");
        assertEquals(4, s.detections());
    }

    @Test
    void badLabelsAreRefusedNamingTheFileAndLine() throws Exception {
        Path root = yoloFolder();
        Files.writeString(root.resolve("labels/pickup.txt"), "0 0.5 0.5 0.2 0.2\n0 0.5 0.5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageSet.read(root));
        assertTrue(e.getMessage().contains("pickup.txt:2") && e.getMessage().contains("class cx cy w h"), e.getMessage());
        Files.writeString(root.resolve("labels/pickup.txt"), "5 0.5 0.5 0.2 0.2\n");
        e = assertThrows(IllegalArgumentException.class, () -> ImageSet.read(root));
        assertTrue(e.getMessage().contains("pickup.txt:1: class 5 is not one of the 3 classes"), e.getMessage());
        Files.delete(root.resolve("classes.txt"));
        e = assertThrows(IllegalArgumentException.class, () -> ImageSet.read(root));
        assertTrue(e.getMessage().contains("no classes.txt"), e.getMessage());
    }

    private static Detection det(float score, float x1, float y1, float x2, float y2) {
        return new Detection(7, "truck", Category.HEAVY_VEHICLE, score, new Box(x1, y1, x2, y2));
    }
}
