package io.minewatch.detect.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.detect.decode.FrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detector far slower than the camera (Moquette's FastPublisherSlowSubscriberTest): a live
 * camera drops decoded frames at its latest-wins slot, counts each drop, and its source is never
 * held back — every frame the source made was decoded and accounted for.
 */
class SlowDetectorTest {
    private static final int FRAMES = 60;

    @TempDir
    Path dir;

    /** 60 frames, each a different flat grey (so each is whole-frame "motion"), made as fast as asked. */
    private static final class FastSource implements FrameSource {
        private int n;

        @Override
        public void open() {
        }

        @Override
        public SampledFrame next() {
            if (n == FRAMES) {
                return null;
            }
            Mat m = new Mat(90, 160, CV_8UC3, Scalar.all((n * 97) % 256));
            n++;
            return new SampledFrame(m, n * 200_000L, Instant.EPOCH.plusMillis(n * 200L), n);
        }

        @Override
        public long framesDecoded() {
            return n;
        }

        @Override
        public void close() {
        }
    }

    private static final class SlowDetector implements ObjectDetector {
        @Override
        public List<Detection> detect(Mat bgr) {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aSlowDetectorMakesTheLiveCameraDropFramesCountedNeverTheSource() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SourceSpec live = new SourceSpec("cam", SourceSpec.Kind.FILE, "synthetic", "synthetic", Map.of(), true, false);
        CameraDetection detection = new CameraDetection(CameraDetection.DEFAULT.motion(),
                CameraDetection.DEFAULT.zones(), 1_000_000, List::of, false, 3_000_000);
        try (DetectorPool pool = new DetectorPool(Map.of("slow", SlowDetector::new), 1, registry);
             CameraPipeline p = CameraPipeline.create(live, "site", FastSource::new, pool.lane("cam", "slow"), 416, 416,
                     detection, e -> { }, new SnapshotWriter(dir), registry)) {
            p.start();
            assertTrue(p.awaitFinished(Duration.ofSeconds(60)));
            double sampled = count(registry, DetectMetrics.FRAMES_SAMPLED);
            double detected = count(registry, DetectMetrics.FRAMES_DETECTED);
            double dropped = count(registry, DetectMetrics.FRAMES_DROPPED);
            double idle = count(registry, DetectMetrics.FRAMES_SKIPPED);
            assertEquals(FRAMES, count(registry, DetectMetrics.FRAMES_DECODED), "the source made every frame");
            assertEquals(FRAMES, sampled);
            assertTrue(dropped > 0, "no frame dropped behind a 40 ms detector");
            assertEquals(sampled, detected + dropped + idle, "every frame detected, dropped or skipped, and counted");
            assertEquals(dropped, registry.find(DetectMetrics.FRAMES_DROPPED).tag("reason", "detector_busy")
                    .counter().count());
        }
    }

    private static double count(SimpleMeterRegistry r, String name) {
        return r.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
