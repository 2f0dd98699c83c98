package io.minewatch.detect.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.detect.decode.FrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.decode.SourceException;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-thread detect path with a fast fake source and a {@code SlowDetector}: live sources drop
 * (and count) frames the detector cannot keep up with; files played fast lose none.
 */
@Timeout(30)
class CameraPipelineTest {

    private static final String CAMERA = "cam-1";

    @TempDir
    Path storage;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<DetectionEvent> events = new CopyOnWriteArrayList<>();

    /** Synthetic 64x48 frames, as fast as asked; frame i has blue value i, so the detector can tell them apart. */
    private static final class FakeSource implements FrameSource {
        private final int frames;
        private final long intervalMillis;
        private final int decodedPerSampled;
        private int next;
        volatile boolean opened;
        volatile boolean closed;
        volatile boolean ended;

        FakeSource(int frames, long intervalMillis) {
            this.frames = frames;
            this.intervalMillis = intervalMillis;
            this.decodedPerSampled = 3;
        }

        @Override
        public void open() {
            opened = true;
        }

        @Override
        public SampledFrame next() {
            if (next >= frames) {
                ended = true;
                return null;
            }
            if (intervalMillis > 0) {
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            int i = next++;
            Mat m;
            try (Scalar colour = new Scalar(i, 128, 128, 0)) {
                m = new Mat(48, 64, CV_8UC3, colour);
            }
            return new SampledFrame(m, i * 200_000L, Instant.EPOCH.plusMillis(i * 200L), (long) i * decodedPerSampled);
        }

        @Override
        public long framesDecoded() {
            return (long) next * decodedPerSampled;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A detector slower than the frame rate; records which frames it saw. */
    private static final class SlowDetector implements ObjectDetector {
        private final long sleepMillis;
        private final List<Detection> answer;
        /** Pixels the answer's boxes move right per call (a vehicle driving through). */
        float step;
        private int calls;
        final List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        volatile boolean closed;

        SlowDetector(long sleepMillis, List<Detection> answer) {
            this.sleepMillis = sleepMillis;
            this.answer = answer;
        }

        @Override
        public List<Detection> detect(Mat bgr) {
            seen.add(bgr.ptr(0, 0).get() & 0xff);
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            float dx = step * calls++;
            if (dx == 0) {
                return answer;
            }
            List<Detection> moved = new ArrayList<>();
            for (Detection d : answer) {
                moved.add(new Detection(d.classId(), d.label(), d.category(), d.score(), d.box().shift(dx, 0)));
            }
            return moved;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static SourceSpec file(boolean realtime) {
        return new SourceSpec(CAMERA, SourceSpec.Kind.FILE, "/clips/x.mp4", "/clips/x.mp4", Map.of(), realtime, false);
    }

    private CameraPipeline pipeline(SourceSpec spec, Supplier<FrameSource> sources, ObjectDetector detector) {
        return CameraPipeline.create(spec, "site-a", sources, detector, events::add, new SnapshotWriter(storage),
                registry);
    }

    private double count(String name) {
        return registry.get(name).tag("camera", CAMERA).counter().count();
    }

    private double dropped() {
        return registry.get(DetectMetrics.FRAMES_DROPPED).tag("camera", CAMERA).tag("reason", "detector_busy")
                .counter().count();
    }

    private static void assertIncreasing(List<Integer> seen) {
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "frames out of order: " + seen);
        }
    }

    @Test
    void liveFileDropsFramesTheBusyDetectorCannotTake() throws Exception {
        FakeSource source = new FakeSource(60, 5);
        SlowDetector detector = new SlowDetector(50, List.of());
        try (CameraPipeline p = pipeline(file(true), () -> source, detector)) {
            p.start();
            assertTrue(p.awaitFinished(Duration.ofSeconds(20)), "pipeline did not finish");
        }
        assertTrue(source.opened && source.closed);
        assertEquals(60, count(DetectMetrics.FRAMES_SAMPLED));
        assertEquals(180, count(DetectMetrics.FRAMES_DECODED));
        double detected = count(DetectMetrics.FRAMES_DETECTED);
        assertTrue(dropped() > 0, "nothing dropped behind a 50 ms detector at 200 fps");
        assertEquals(count(DetectMetrics.FRAMES_SAMPLED), detected + dropped(), "every picked frame is detected or counted");
        assertEquals(detected, detector.seen.size());
        assertIncreasing(detector.seen);
        // Latest wins: the newest frame, not the oldest, is what the detector gets at the end.
        assertEquals(59, detector.seen.get(detector.seen.size() - 1));
        assertTrue(detector.closed, "the pipeline closes its detector");
        assertEquals((long) detected, registry.get(DetectMetrics.LATENCY).tag("camera", CAMERA).timer().count());
    }

    @Test
    void rtspCameraDropsFramesAndReconnectsAtTheEnd() throws Exception {
        FakeSource first = new FakeSource(60, 5);
        AtomicInteger connects = new AtomicInteger();
        Supplier<FrameSource> sources = () -> connects.getAndIncrement() == 0 ? first : new FakeSource(0, 0);
        SlowDetector detector = new SlowDetector(50, List.of());
        SourceSpec rtsp = new SourceSpec(CAMERA, SourceSpec.Kind.RTSP, "rtsp://u:pw@cam/x", "rtsp://u:****@cam/x",
                Map.of(), false, false);
        CameraPipeline p = pipeline(rtsp, sources, detector);
        p.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Quiet once the first stream has ended and the detector has done the last frame taken.
        while (!(first.ended && count(DetectMetrics.FRAMES_DETECTED) + dropped() == 60)) {
            assertTrue(System.nanoTime() < deadline, "sampled " + count(DetectMetrics.FRAMES_SAMPLED)
                    + " detected " + count(DetectMetrics.FRAMES_DETECTED) + " dropped " + dropped());
            Thread.sleep(20);
        }
        long t0 = System.nanoTime();
        p.close();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 3000, "close waited out the backoff");
        assertEquals(60, count(DetectMetrics.FRAMES_SAMPLED));
        assertTrue(dropped() > 0);
        double detected = count(DetectMetrics.FRAMES_DETECTED);
        double inFlight = count(DetectMetrics.FRAMES_SAMPLED) - detected - dropped();
        assertTrue(inFlight >= 0 && inFlight <= 1, "unaccounted frames " + inFlight);
        assertIncreasing(detector.seen);
        assertEquals(59, detector.seen.get(detector.seen.size() - 1));
        assertTrue(detector.closed);
    }

    @Test
    void fileAsFastAsPossibleLosesNoFrame() throws Exception {
        FakeSource source = new FakeSource(20, 0);
        SlowDetector detector = new SlowDetector(20, List.of());
        try (CameraPipeline p = pipeline(file(false), () -> source, detector)) {
            p.start();
            assertTrue(p.awaitFinished(Duration.ofSeconds(20)), "pipeline did not finish");
        }
        assertEquals(20, count(DetectMetrics.FRAMES_SAMPLED));
        assertEquals(20, count(DetectMetrics.FRAMES_DETECTED));
        assertEquals(0, dropped());
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(i);
        }
        assertEquals(all, detector.seen);
        assertEquals(0, count(DetectMetrics.SOURCE_ERRORS));
    }

    @Test
    void heavyVehicleInEveryFrameRaisesOneEventWithASnapshot() throws Exception {
        Detection truck = new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.8f, new Box(10, 10, 40, 30));
        SlowDetector detector = new SlowDetector(1, List.of(truck));
        // Driving right: over half its size (sqrt(30 * 20) = 24 px) from where first seen from the
        // second frame on; two sightings in a row away from it are evidence of movement.
        detector.step = 15;
        try (CameraPipeline p = pipeline(file(false), () -> new FakeSource(10, 0), detector)) {
            p.start();
            assertTrue(p.awaitFinished(Duration.ofSeconds(20)));
        }
        assertEquals(1, events.size(), events.toString());
        DetectionEvent e = events.get(0);
        assertEquals("heavy_vehicle", e.rule());
        assertEquals(CAMERA, e.camera());
        assertEquals("site-a", e.site());
        assertEquals("truck", e.label());
        assertEquals(0.4, e.streamOffsetS(), 1e-9, "confirmed on the third frame (moved by then)");
        assertEquals(Instant.EPOCH.plusMillis(400), e.time());
        assertEquals(64, e.frameWidth());
        assertEquals(48, e.frameHeight());
        assertTrue(Files.isRegularFile(storage.resolve(e.snapshot())), "snapshot " + e.snapshot());
        assertEquals(1, registry.get(DetectMetrics.EVENTS).tag("camera", CAMERA).tag("rule", "heavy_vehicle")
                .counter().count());
        assertEquals(null, e.geo(), "a camera without a geotagger places nothing");
    }

    /**
     * The live pipeline's geotagger hook (a live drone's OSD position): each event is placed by the
     * geotagger at its box's frame time, with its box and the detect-frame size.
     */
    @Test
    void aGeotaggedCameraPlacesItsEventsAtTheirBoxesTime() throws Exception {
        Detection truck = new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.8f, new Box(10, 10, 40, 30));
        SlowDetector detector = new SlowDetector(1, List.of(truck));
        detector.step = 15;
        List<String> asked = new CopyOnWriteArrayList<>();
        try (CameraPipeline p = pipeline(file(false), () -> new FakeSource(10, 0), detector)) {
            p.geotagger((offsetS, box, w, h) -> {
                asked.add(offsetS + " " + box + " " + w + "x" + h);
                return java.util.Optional.of(new io.minewatch.detect.geo.GeoFix(30 + offsetS, 114 + box.x1() / 1000,
                        12.5, io.minewatch.detect.geo.GeoFix.OSD));
            });
            p.start();
            assertTrue(p.awaitFinished(Duration.ofSeconds(20)));
        }
        assertEquals(1, events.size(), events.toString());
        DetectionEvent e = events.get(0);
        assertEquals(List.of(e.boxOffsetS() + " " + e.box() + " 64x48"), asked, "asked once, for the event's box");
        assertEquals(30 + e.boxOffsetS(), e.geo().lat(), 1e-9);
        assertEquals(114 + e.box().x1() / 1000, e.geo().lon(), 1e-6);
        assertEquals("osd", e.geo().source());
        assertEquals(null, e.flight());
    }

    @Test
    void fileThatCannotOpenStopsTheCameraAndCountsTheError() throws Exception {
        FailingSource failing = new FailingSource();
        SlowDetector detector = new SlowDetector(1, List.of());
        try (CameraPipeline p = pipeline(file(false), () -> failing, detector)) {
            p.start();
            assertTrue(p.awaitFinished(Duration.ofSeconds(5)), "a file that cannot open must end the camera");
        }
        assertEquals(1, count(DetectMetrics.SOURCE_ERRORS));
        assertEquals(0, count(DetectMetrics.FRAMES_SAMPLED));
        assertTrue(failing.closed, "the failed source is closed");
    }

    /** A source whose open() fails, as a missing file does. */
    private static final class FailingSource implements FrameSource {
        volatile boolean closed;

        @Override
        public void open() throws SourceException {
            throw new SourceException("camera " + CAMERA + ": cannot open /clips/x.mp4: No such file");
        }

        @Override
        public SampledFrame next() {
            return null;
        }

        @Override
        public long framesDecoded() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
