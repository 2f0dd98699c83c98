package io.minewatch.detect.snapshot;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.CameraConfig;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.testing.Media;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latest-frame slot of a real camera pipeline (the haar clip played at its own pace through FFmpeg
 * and YOLOX-nano): the JPEG decodes at the frame's size, is not blank, is cached until the next frame,
 * changes as the video advances, and is gone once the camera stops.
 */
@Timeout(120)
class LatestFrameTest {

    @TempDir
    Path storage;

    private static Mat decode(LatestFrame.Jpeg j) {
        return imdecode(new Mat(j.bytes()), IMREAD_COLOR);
    }

    private static LatestFrame.Jpeg waitFor(LatestFrame slot, long minSequence, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var j = slot.jpeg();
            if (j.isPresent() && j.get().sequence() >= minSequence) {
                return j.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no frame " + minSequence + " within " + timeout + " (frames " + slot.frames() + ")");
    }

    @Test
    void theLatestFrameOfARealPipelineAsJpeg() throws Exception {
        Path clip = SharedFiles.video(SharedFiles.HAAR);
        int width;
        int height;
        try (Mat first = Media.frameAt(clip, 0)) {
            width = first.cols();
            height = first.rows();
        }
        SourceSpec spec = SourceSpecs.detect(new CameraConfig("haar", "site-a", clip.toString(), null, 5, 0, 0,
                true, true, false));
        assertTrue(spec.live(), "played at its own pace");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LatestFrame slot;
        try (DjlModel model = DjlModel.load(ModelCard.load(SharedFiles.model("yolox-nano")), 1);
                CameraPipeline p = CameraPipeline.create(spec, "site-a",
                        () -> new GrabberFrameSource(spec, 5, 0, 0, Clock.systemUTC()), model.newDetector(),
                        e -> { }, new SnapshotWriter(storage), registry)) {
            slot = p.latestFrame();
            assertTrue(slot.jpeg().isEmpty(), "no frame before the start");
            assertTrue(slot.lastFrameAt().isEmpty());
            Instant started = Instant.now();
            p.start();

            LatestFrame.Jpeg a = waitFor(slot, 1, Duration.ofSeconds(30));
            assertEquals(0xff, a.bytes()[0] & 0xff);
            assertEquals(0xd8, a.bytes()[1] & 0xff, "a JPEG");
            assertTrue(!slot.lastFrameAt().orElseThrow().isBefore(started.minusSeconds(1)));
            LatestFrame.Jpeg b = waitFor(slot, a.sequence() + 10, Duration.ofSeconds(30));
            try (Mat da = decode(a); Mat db = decode(b); Mat diff = new Mat(); Mat m = new Mat(); Mat sd = new Mat()) {
                assertEquals(width, da.cols(), "the frame's width");
                assertEquals(height, da.rows(), "the frame's height");
                assertEquals(width, a.width());
                assertEquals(height, a.height());
                meanStdDev(da, m, sd);
                double spread = sd.createIndexer().getDouble(0);
                assertTrue(spread > 10, "not blank: grey spread " + spread);
                absdiff(da, db, diff);
                Scalar change = mean(diff);
                double changed = (change.get(0) + change.get(1) + change.get(2)) / 3;
                assertTrue(changed > 1.0, "two seconds later the picture changed: mean difference " + changed);
            }
            long seq = slot.frames();
            LatestFrame.Jpeg fresh = waitFor(slot, seq + 1, Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            LatestFrame.Jpeg again = slot.jpeg().orElseThrow();
            long cachedNanos = System.nanoTime() - t0;
            org.slf4j.LoggerFactory.getLogger(LatestFrameTest.class).info("snapshot {}x{}: {} bytes; cached answer"
                    + " in {} us (same frame: {})", fresh.width(), fresh.height(), fresh.bytes().length,
                    cachedNanos / 1000, again.sequence() == fresh.sequence());
            double fps = slot.fps();
            assertTrue(fps > 2 && fps < 8, "about 5 fps at the detect rate: " + fps);
        }
        assertTrue(slot.jpeg().isEmpty(), "the camera stopped: the frame let go");
    }

    @Test
    void encodedOncePerFrameAndCachedUntilTheNext() {
        try (LatestFrame slot = new LatestFrame();
                Mat grey = new Mat(120, 160, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(90, 90, 90, 0));
                Mat white = new Mat(120, 160, org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                        new Scalar(250, 250, 250, 0))) {
            Mat frame = grey.clone();
            slot.offer(frame);
            frame.close(); // the detect path lets go first: the slot's reference keeps the pixels
            LatestFrame.Jpeg one = slot.jpeg().orElseThrow();
            assertSame(one, slot.jpeg().orElseThrow(), "cached until the next frame");
            slot.offer(white);
            LatestFrame.Jpeg two = slot.jpeg().orElseThrow();
            assertEquals(one.sequence() + 1, two.sequence());
            try (Mat d1 = decode(one); Mat d2 = decode(two)) {
                assertEquals(90, mean(d1).get(0), 3, "the grey frame survived its owner's close");
                assertEquals(250, mean(d2).get(0), 3);
            }
            assertTrue(!java.util.Arrays.equals(one.bytes(), two.bytes()));
            assertArrayEquals(two.bytes(), slot.jpeg().orElseThrow().bytes());
        }
    }

    /** Worst case for the encoder (noise), at a main-stream size; logs the cost. */
    @Test
    void anHdFrameOfNoiseEncodes() {
        try (Mat big = new Mat(720, 1280, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
                Mat noise = Media.values(0); Mat hi = Media.values(255)) {
            org.bytedeco.opencv.global.opencv_core.randu(big, noise, hi);
            try (LatestFrame slot = new LatestFrame()) {
                long t0 = System.nanoTime();
                int n = 20;
                for (int i = 0; i < n; i++) {
                    slot.offer(big);
                    slot.jpeg().orElseThrow();
                }
                try (Mat d = decode(slot.jpeg().orElseThrow())) {
                    assertEquals(1280, d.cols());
                    assertEquals(720, d.rows());
                }
                org.slf4j.LoggerFactory.getLogger(LatestFrameTest.class).info("JPEG encode of a 1280x720 noise"
                        + " frame: {} ms each", (System.nanoTime() - t0) / 1_000_000 / n);
            }
        }
    }

    @Test
    void theDetectRateIsMeasuredOverTheLastFiveSeconds() {
        long[] now = {1_000_000_000L};
        try (LatestFrame slot = new LatestFrame(() -> now[0], () -> now[0] / 1_000_000);
                Mat frame = new Mat(8, 8, org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
            assertEquals(0.0, slot.fps());
            for (int i = 0; i < 10; i++) { // a burst at start-up: 10 frames at once
                slot.offer(frame);
            }
            for (int i = 0; i < 50; i++) { // then 10 s at 5 fps
                now[0] += 200_000_000L;
                slot.offer(frame);
            }
            assertEquals(5.0, slot.fps(), 0.01, "the burst has left the window");
            now[0] += 4_000_000_000L;
            assertEquals(1.0, slot.fps(), 0.01, "four seconds later: five frames in the last five seconds");
            now[0] += 2_000_000_000L;
            assertEquals(0.0, slot.fps(), "stalled");
            assertEquals(60, slot.frames());
        }
    }
}
