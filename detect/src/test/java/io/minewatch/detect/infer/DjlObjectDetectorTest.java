package io.minewatch.detect.infer;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real YOLOX-nano on the shared images, against the table in shared/README.md. */
class DjlObjectDetectorTest {

    private static final Logger LOG = LoggerFactory.getLogger(DjlObjectDetectorTest.class);
    private static final String PICKUP = "coco_val2017_000000009769_pickup_truck.jpg";
    private static final String FREEWAY = "coco_val2017_000000001532_freeway_van_cars.jpg";
    private static final String DOG = "yolox_assets_dog.jpg";

    private static DjlObjectDetector detector;

    @BeforeAll
    static void open() throws DetectorException {
        detector = DjlObjectDetector.open(TestModels.yoloxNano(), 1);
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    private static Mat read(String name) {
        Mat m = imread(TestModels.image(name).toString());
        assertFalse(m.empty(), "cannot read " + name);
        return m;
    }

    private static List<Detection> detect(String name) throws DetectorException {
        try (Mat img = read(name)) {
            List<Detection> dets = detector.detect(img);
            LOG.info("{}: {}", name, dets);
            return dets;
        }
    }

    private static List<Detection> labelled(List<Detection> dets, String label) {
        return dets.stream().filter(d -> d.label().equals(label)).collect(Collectors.toList());
    }

    private static void assertNear(float[] expected, Box box, float tolerance) {
        float[] got = {box.x1(), box.y1(), box.x2(), box.y2()};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], got[i], tolerance, "box " + box + " vs " + Arrays.toString(expected));
        }
    }

    @Test
    void pickupTruckIsAHeavyVehicleWithACarBehind() throws Exception {
        List<Detection> dets = detect(PICKUP);
        Detection truck = labelled(dets, "truck").get(0);
        assertTrue(truck.score() >= 0.85f, "truck " + truck.score());
        assertEquals(Category.HEAVY_VEHICLE, truck.category());
        assertNear(new float[] {79, 182, 467, 377}, truck.box(), 8f);
        assertTrue(labelled(dets, "car").stream().anyMatch(d -> d.score() >= 0.6f), dets.toString());
    }

    @Test
    void freewayHasTwoSureCarsAndAVanSeenAsTruck() throws Exception {
        List<Detection> dets = detect(FREEWAY);
        assertTrue(labelled(dets, "car").stream().filter(d -> d.score() >= 0.8f).count() >= 2, dets.toString());
        Detection van = labelled(dets, "truck").get(0);
        assertEquals(0.669f, van.score(), 0.03f);
        assertNear(new float[] {105, 373, 185, 436}, van.box(), 8f);
    }

    @Test
    void dogImageKeepsOnlyMappedClasses() throws Exception {
        List<Detection> dets = detect(DOG);
        Set<String> labels = dets.stream().map(Detection::label).collect(Collectors.toSet());
        assertFalse(labels.contains("dog"), "dog is not in the category map: " + dets);
        assertFalse(labels.contains("bicycle"), "bicycle is not in the category map: " + dets);
        assertEquals(0.797f, labelled(dets, "car").get(0).score(), 0.03f);
        assertEquals(0.306f, labelled(dets, "truck").get(0).score(), 0.03f);
        for (int i = 1; i < dets.size(); i++) {
            assertTrue(dets.get(i - 1).score() >= dets.get(i).score(), "sorted by score");
        }
    }

    @Test
    void workersOverOneLoadedModelAgree() throws Exception {
        try (DjlModel model = DjlModel.load(TestModels.yoloxNano(), 1);
             ObjectDetector a = model.newDetector();
             ObjectDetector b = model.newDetector();
             Mat img = read(PICKUP)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<Detection>> fa = pool.submit(() -> a.detect(img));
                Future<List<Detection>> fb = pool.submit(() -> b.detect(img));
                assertEquals(fa.get(), fb.get());
                assertEquals(detector.detect(img), fa.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void badFrameFailsNamingTheModel() {
        try (Mat empty = new Mat()) {
            DetectorException e = assertThrows(DetectorException.class, () -> detector.detect(empty));
            assertTrue(e.getMessage().contains("yolox_nano.onnx"), e.getMessage());
        }
    }

    /** Mean single-thread latency of detect() (letterbox + inference + decode), logged for the record. */
    @Test
    void meanLatencyIsLogged() throws Exception {
        try (Mat img = read(FREEWAY)) {
            for (int i = 0; i < 5; i++) {
                detector.detect(img);
            }
            int n = 30;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                detector.detect(img);
            }
            double ms = (System.nanoTime() - start) / 1e6 / n;
            LOG.info("YOLOX-nano detect() mean over {} runs, 1 intra-op thread: {} ms", n, String.format("%.1f", ms));
            assertTrue(ms < 1000, "mean latency " + ms + " ms");
        }
    }
}
