package io.minewatch.detect.infer;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * Live lanes before background (flight) lanes: a flight only takes a free worker, and the bound on
 * live drops it causes is one background inference (see {@link DetectorPool}).
 */
class DetectorPoolPriorityTest {

    /** A detector that runs one detection per permit released, so the test decides when each ends. */
    private static final class Stepping implements ObjectDetector {
        private final Semaphore permits;
        private final AtomicInteger entered;
        /** The image heights it was given, in order of entry (live test jobs are 16 rows, flight ones 8). */
        static final List<Integer> rows = new CopyOnWriteArrayList<>();

        Stepping(Semaphore permits, AtomicInteger entered) {
            this.permits = permits;
            this.entered = entered;
        }

        @Override
        public List<Detection> detect(Mat bgr) {
            rows.add(bgr.rows());
            entered.incrementAndGet();
            try {
                if (!permits.tryAcquire(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no permit in 20 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private static class Job implements DetectorPool.Job {
        final String name;
        final List<String> ran;
        final Mat image;
        volatile boolean discarded;

        Job(String name, List<String> ran) {
            this.name = name;
            this.image = new Mat(name.startsWith("f") ? 8 : 16, 8, CV_8UC3);
            this.ran = ran;
        }

        @Override
        public Mat image() {
            return image;
        }

        @Override
        public List<Region> regions() {
            return List.of();
        }

        @Override
        public void run(List<Detection> detections, long waitNanos, long inferNanos) {
            ran.add(name);
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

    private static void until(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aWaitingLiveFrameRunsBeforeTheFlightsNextFrame() throws Exception {
        Semaphore permits = new Semaphore(0);
        AtomicInteger entered = new AtomicInteger();
        List<String> ran = new CopyOnWriteArrayList<>();
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Stepping(permits, entered)), 1,
                new SimpleMeterRegistry())) {
            DetectorPool.Lane flight = pool.backgroundLane("flight-1", "m");
            DetectorPool.Lane live = pool.lane("cam", "m");
            assertTrue(flight.background());
            flight.put(new Job("f1", ran));
            until(() -> entered.get() == 1, "the worker runs f1");
            flight.put(new Job("f2", ran)); // waits in the flight's slot
            assertNull(live.offerLatest(new Job("l1", ran)));
            permits.release(3);
            until(() -> ran.size() == 3, "three jobs ran");
            assertEquals(List.of("f1", "l1", "f2"), ran, "the live frame jumps the flight's waiting frame");
        }
    }

    /**
     * The stated bound: live frames that arrive while the only worker is inside one flight inference
     * are latest-wins (all but the last dropped, as without a flight when the detector is busy); the
     * last runs next, before any further flight frame. Without a flight running, the same arrivals
     * with the worker free lose nothing.
     */
    @Test
    void aFlightCostsLiveCamerasAtMostTheFramesArrivingDuringOneInference() throws Exception {
        Semaphore permits = new Semaphore(0);
        AtomicInteger entered = new AtomicInteger();
        List<String> ran = new CopyOnWriteArrayList<>();
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Stepping(permits, entered)), 1,
                new SimpleMeterRegistry())) {
            DetectorPool.Lane live = pool.lane("cam", "m");
            // Without a flight: each live frame finds the worker free.
            int dropsWithout = 0;
            for (int i = 0; i < 3; i++) {
                if (live.offerLatest(new Job("quiet" + i, ran)) != null) {
                    dropsWithout++;
                }
                permits.release();
                int n = i + 1;
                until(() -> ran.size() == n, "quiet frame " + n + " ran");
            }
            assertEquals(0, dropsWithout);

            // With a flight: the flight keeps its slot full; three live frames arrive during one inference.
            DetectorPool.Lane flight = pool.backgroundLane("flight-1", "m");
            Thread feeder = new Thread(() -> {
                try {
                    for (int i = 0; i < 5; i++) {
                        flight.put(new Job("f" + i, ran));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            feeder.start();
            until(() -> entered.get() == 4, "the worker is inside flight frame f0");
            int dropsWith = 0;
            Job last = null;
            for (int i = 0; i < 3; i++) {
                last = new Job("live" + i, ran);
                DetectorPool.Job replaced = live.offerLatest(last);
                if (replaced != null) {
                    replaced.discard();
                    dropsWith++;
                }
            }
            assertEquals(2, dropsWith, "arrivals during one inference, less the one that runs next");
            permits.release(2);
            until(() -> ran.size() == 5, "f0 and the latest live frame ran");
            assertEquals(List.of("f0", "live2"), ran.subList(3, 5), "the live frame runs before f1");
            assertTrue(!last.discarded);
            permits.release(4);
            feeder.join(10_000);
            until(() -> ran.size() == 9, "the rest of the flight ran");
            assertEquals(List.of("f1", "f2", "f3", "f4"), ran.subList(5, 9));
        }
    }

    @Test
    void aFlightHoldsAtMostOneWorker() throws Exception {
        Semaphore permits = new Semaphore(0);
        AtomicInteger entered = new AtomicInteger();
        List<String> ran = new CopyOnWriteArrayList<>();
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Stepping(permits, entered)), 2,
                new SimpleMeterRegistry())) {
            DetectorPool.Lane flight = pool.backgroundLane("flight-1", "m");
            DetectorPool.Lane live = pool.lane("cam", "m");
            Stepping.rows.clear();
            flight.put(new Job("f0", ran));
            until(() -> entered.get() == 1, "f0 running");
            flight.put(new Job("f1", ran));
            assertNull(live.offerLatest(new Job("l0", ran)));
            until(() -> entered.get() == 2, "the free worker takes a job");
            assertEquals(List.of(8, 16), Stepping.rows,
                    "the second worker ran the live frame, not the flight's second frame");
            permits.release();
            until(() -> ran.size() == 1, "one job done");
            permits.release(2);
            until(() -> ran.size() == 3, "all done");
            assertSame(3, ran.size());
        }
    }

    /** While live frames keep the only worker busy a flight's slot stays full: a timed put says so and keeps the job. */
    @Test
    void aTimedPutGivesUpWhileLiveFramesKeepTheWorkersBusy() throws Exception {
        Semaphore permits = new Semaphore(0);
        AtomicInteger entered = new AtomicInteger();
        List<String> ran = new CopyOnWriteArrayList<>();
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Stepping(permits, entered)), 1,
                new SimpleMeterRegistry())) {
            DetectorPool.Lane live = pool.lane("cam", "m");
            DetectorPool.Lane flight = pool.backgroundLane("flight-1", "m");
            assertNull(live.offerLatest(new Job("l0", ran)));
            until(() -> entered.get() == 1, "the worker is inside l0");
            assertTrue(flight.put(new Job("f0", ran), Duration.ofMillis(50)), "an empty slot takes the job");
            Job f1 = new Job("f1", ran);
            assertNull(live.offerLatest(new Job("l1", ran)));
            assertTrue(!flight.put(f1, Duration.ofMillis(100)), "the slot is still full: f0 waits behind live frames");
            assertTrue(!f1.discarded, "the job not taken is still the caller's");
            f1.image.close();
            permits.release(3);
            until(() -> ran.size() == 3, "all ran");
            assertEquals(List.of("l0", "l1", "f0"), ran);
        }
    }

    /**
     * A live frame lost (replaced while waiting) means the machine is short for live video: no flight
     * frame starts for {@link DetectorPool#BACKGROUND_YIELD} after it, while live frames still run at once.
     */
    @Test
    void afterALiveDropFlightsYieldForASecond() throws Exception {
        Semaphore permits = new Semaphore(0);
        AtomicInteger entered = new AtomicInteger();
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        try (DetectorPool pool = new DetectorPool(Map.of("m", () -> new Stepping(permits, entered)), 1,
                new SimpleMeterRegistry())) {
            DetectorPool.Lane live = pool.lane("cam", "m");
            DetectorPool.Lane flight = pool.backgroundLane("flight-1", "m");
            assertNull(live.offerLatest(new Job("l0", ran)));
            until(() -> entered.get() == 1, "the worker is inside l0");
            assertNull(live.offerLatest(new Job("l1", ran)));
            DetectorPool.Job lost = live.offerLatest(new Job("l2", ran));
            long dropped = System.nanoTime();
            lost.discard();
            flight.put(new Job("f0", ran) {
                @Override
                public void run(List<Detection> detections, long waitNanos, long inferNanos) {
                    at.add(System.nanoTime());
                    super.run(detections, waitNanos, inferNanos);
                }
            });
            permits.release(3);
            until(() -> ran.size() == 3, "all ran");
            assertEquals(List.of("l0", "l2", "f0"), ran);
            assertTrue(at.get(0) - dropped >= DetectorPool.BACKGROUND_YIELD.toNanos() - 5_000_000,
                    "the flight frame waited out the yield: " + (at.get(0) - dropped) / 1e6 + " ms");
        }
    }
}
