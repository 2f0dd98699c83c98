package io.minewatch.detect.infer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The pool: latest-wins per camera, round robin across cameras, one job per camera at a time. */
class DetectorPoolTest {

    /** Records which camera it ran for; optionally waits on a latch first. */
    private static final class Recording implements ObjectDetector {
        static final List<String> order = new CopyOnWriteArrayList<>();
        static final AtomicInteger entered = new AtomicInteger();
        private final CountDownLatch gate;

        Recording(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public List<Detection> detect(Mat bgr) {
            entered.incrementAndGet();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.9f, new Box(1, 2, 3, 4)));
        }

        @Override
        public void close() {
        }
    }

    private static class TestJob implements DetectorPool.Job {
        final String camera;
        final int n;
        final Mat image = new Mat(8, 8, CV_8UC3);
        final List<Region> regions;
        volatile boolean ran;
        volatile boolean discarded;
        final Map<String, AtomicInteger> running;

        TestJob(String camera, int n, Map<String, AtomicInteger> running, List<Region> regions) {
            this.camera = camera;
            this.n = n;
            this.running = running;
            this.regions = regions;
        }

        @Override
        public Mat image() {
            return image;
        }

        @Override
        public List<Region> regions() {
            return regions;
        }

        @Override
        public void run(List<Detection> detections, long waitNanos, long inferNanos) {
            int now = running.computeIfAbsent(camera, k -> new AtomicInteger()).incrementAndGet();
            assertEquals(1, now, "two jobs of one camera at once");
            Recording.order.add(camera);
            ran = true;
            running.get(camera).decrementAndGet();
            image.close();
        }

        @Override
        public void failed(DetectorException e) {
            image.close();
        }

        @Override
        public void discard() {
            discarded = true;
            image.close();
        }
    }

    @Test
    void aNewerFrameReplacesOneWaitingAndCamerasTakeTurns() throws Exception {
        Recording.order.clear();
        Recording.entered.set(0);
        CountDownLatch gate = new CountDownLatch(1);
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Recording(gate)), 1,
                new SimpleMeterRegistry())) {
            DetectorPool.Lane a = pool.lane("a", "m");
            DetectorPool.Lane b = pool.lane("b", "m");
            DetectorPool.Lane c = pool.lane("c", "m");
            TestJob first = new TestJob("a", 0, running, List.of());
            assertNull(a.offerLatest(first));
            for (int i = 0; i < 1000 && Recording.entered.get() == 0; i++) {
                Thread.sleep(10); // until the worker has taken it and blocks on the gate
            }
            TestJob a1 = new TestJob("a", 1, running, List.of());
            TestJob a2 = new TestJob("a", 2, running, List.of());
            assertNull(a.offerLatest(a1));
            assertNull(b.offerLatest(new TestJob("b", 1, running, List.of())));
            assertNull(c.offerLatest(new TestJob("c", 1, running, List.of())));
            assertSame(a1, a.offerLatest(a2), "latest wins: the waiting frame is handed back to be dropped");
            gate.countDown();
            for (DetectorPool.Lane l : List.of(a, b, c)) {
                assertTrue(l.awaitIdle(Duration.ofSeconds(10)));
            }
            // a's first frame, then b and c in turn before a's newer frame: a queued behind the others.
            assertEquals(List.of("a", "b", "c", "a"), Recording.order, "order of service");
            assertTrue(a2.ran);
        }
    }

    @Test
    void aBusyCameraDoesNotStarveTheOthers() throws Exception {
        Recording.order.clear();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Recording(new CountDownLatch(0))), 2,
                new SimpleMeterRegistry())) {
            List<DetectorPool.Lane> lanes = new ArrayList<>();
            for (String cam : List.of("a", "b", "c")) {
                lanes.add(pool.lane(cam, "m"));
            }
            // Camera a floods the pool (file mode, waits for its slot); b and c send one frame each now and then.
            Thread flood = new Thread(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        lanes.get(0).put(new TestJob("a", i, running, List.of()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            flood.start();
            for (int i = 0; i < 20; i++) {
                lanes.get(1).put(new TestJob("b", i, running, List.of()));
                lanes.get(2).put(new TestJob("c", i, running, List.of()));
            }
            flood.join(30_000);
            for (DetectorPool.Lane l : lanes) {
                assertTrue(l.awaitIdle(Duration.ofSeconds(10)));
            }
            assertEquals(300, Recording.order.stream().filter("a"::equals).count(), "put loses no frame");
            assertEquals(20, Recording.order.stream().filter("b"::equals).count());
            assertEquals(20, Recording.order.stream().filter("c"::equals).count());
        }
    }

    @Test
    void regionDetectionsComeBackInFramePixels() throws Exception {
        Recording.order.clear();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        List<List<Detection>> seen = new CopyOnWriteArrayList<>();
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Recording(new CountDownLatch(0))), 1,
                new SimpleMeterRegistry())) {
            DetectorPool.Lane lane = pool.lane("r", "m");
            TestJob job = new TestJob("r", 0, running, List.of(new Region(2, 3, 4, 4))) {
                @Override
                public void run(List<Detection> detections, long waitNanos, long inferNanos) {
                    seen.add(detections);
                    super.run(detections, waitNanos, inferNanos);
                }
            };
            lane.put(job);
            assertTrue(lane.awaitIdle(Duration.ofSeconds(10)));
            assertEquals(new Box(3, 5, 5, 7), seen.get(0).get(0).box(), "shifted by the region's origin");
        }
    }

    @Test
    void aLaneNeedsAKnownModelAndOneLanePerCamera() {
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Recording(new CountDownLatch(0))), 1,
                new SimpleMeterRegistry())) {
            assertThrows(IllegalArgumentException.class, () -> pool.lane("a", "other"));
            pool.lane("a", "m");
            assertThrows(IllegalArgumentException.class, () -> pool.lane("a", "m"));
        }
    }
}
