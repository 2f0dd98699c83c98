package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.testing.Media;
import io.minewatch.detect.track.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic clip (75 s) through the real pipeline — motion gate, pool, model, tracker: the white
 * sedan parked in front of the camera stays one tracked object for its whole stay, while traffic
 * (and a school bus) passes in front of the parked row, and a parked vehicle raises at most one event.
 */
class ParkedCarTest {
    /** The white sedan parked bottom centre, as YOLOX-nano boxes it at 640x360 (checked by eye). */
    private static final Box SEDAN = new Box(309, 234, 465, 310);
    /** The yellow SUV parked beside it, which the model calls "truck". */
    private static final Box SUV = new Box(167, 214, 298, 296);

    @TempDir
    Path dir;

    @Test
    void parkedVehiclesKeepOneTrackForTheWholeClip() throws Exception {
        try (Harness h = new Harness("yolox-nano");
             CameraPipeline p = h.run("street", Media.video(Media.TRAFFIC), Clock.systemUTC(),
                     CameraDetection.DEFAULT, dir)) {
            Track sedan = at(p, SEDAN);
            assertNotNull(sedan, "no live track on the parked sedan at the end: " + p.stage().tracks());
            assertTrue(sedan.firstSeenMicros() <= 3_000_000, "the sedan's track began at "
                    + sedan.firstSeenMicros() / 1e6 + " s, not at the clip's first frames: it was lost on the way");
            assertTrue(sedan.lastSeenMicros() >= 60_000_000, "last seen " + sedan.lastSeenMicros() / 1e6);
            assertTrue(sedan.stationary(), "a parked car is stationary");
            assertNotNull(sedan.bestFrame(), "a track keeps its best snapshot");

            Track suv = at(p, SUV);
            assertNotNull(suv, "no live track on the parked SUV");
            assertTrue(suv.firstSeenMicros() <= 3_000_000, "the SUV's track began at " + suv.firstSeenMicros() / 1e6);
            long suvEvents = h.events.stream().filter(e -> e.box().iou(SUV) > 0.5).count();
            assertTrue(suvEvents <= 1, "a parked vehicle raised " + suvEvents + " events: " + h.events);
            for (DetectionEvent e : h.events) {
                if (e.snapshot() != null) {
                    assertTrue(Files.isRegularFile(dir.resolve(e.snapshot())), "snapshot missing " + e.snapshot());
                }
            }
            double sampled = h.count(DetectMetrics.FRAMES_SAMPLED, "street");
            double detected = h.count(DetectMetrics.FRAMES_DETECTED, "street");
            assertEquals(0, h.count(DetectMetrics.FRAMES_DROPPED, "street"), "a file read fast drops nothing");
            assertTrue(detected < sampled, "the motion gate skipped no frame: " + detected + " of " + sampled);
        }
    }

    private static Track at(CameraPipeline p, Box where) {
        return p.stage().tracks().stream().filter(t -> t.box().iou(where) > 0.6).findFirst().orElse(null);
    }
}
