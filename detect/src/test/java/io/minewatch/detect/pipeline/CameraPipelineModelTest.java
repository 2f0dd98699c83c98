package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.CameraConfig;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole detect path in this module: real footage through FFmpeg, the real YOLOX-nano, tracker,
 * rule and snapshots. The haar clip has a tanker truck at about 1 s (shared/README.md).
 */
@Timeout(120)
class CameraPipelineModelTest {

    private static final Logger LOG = LoggerFactory.getLogger(CameraPipelineModelTest.class);

    @TempDir
    Path storage;

    @Test
    void tankerOnTheFreewayRaisesAHeavyVehicleEventEarly() throws Exception {
        Path clip = SharedFiles.video(SharedFiles.HAAR);
        SourceSpec spec = SourceSpecs.detect(new CameraConfig("haar", "site-a", clip.toString(), null, 5, 0, 0,
                true, false, false));
        assertFalse(spec.live());

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<DetectionEvent> events = new CopyOnWriteArrayList<>();
        try (DjlModel model = DjlModel.load(ModelCard.load(SharedFiles.model("yolox-nano")), 1)) {
            try (CameraPipeline p = CameraPipeline.create(spec, "site-a",
                    () -> new GrabberFrameSource(spec, 5, 0, 0, Clock.systemUTC()), model.newDetector(),
                    events::add, new SnapshotWriter(storage), registry)) {
                p.start();
                assertTrue(p.awaitFinished(Duration.ofSeconds(100)), "the clip did not finish");
            }
        }
        events.forEach(e -> LOG.info("event {} {} {} {} at {} s: {}", e.objectId(), e.label(), e.score(),
                e.box(), e.streamOffsetS(), e.snapshot()));

        double sampled = registry.get(DetectMetrics.FRAMES_SAMPLED).counter().count();
        assertTrue(sampled >= 165 && sampled <= 168, "sampled " + sampled);
        assertEquals(sampled, registry.get(DetectMetrics.FRAMES_DETECTED).counter().count(), "a file played fast loses nothing");
        assertEquals(0, registry.get(DetectMetrics.FRAMES_DROPPED).counter().count());

        assertFalse(events.isEmpty(), "no heavy-vehicle event on the tanker clip");
        assertTrue(events.stream().anyMatch(e -> e.streamOffsetS() <= 3.0),
                "no event in the first 3 s (tanker at ~1 s): " + events);
        // The tanker itself: truck 0.69 [54,139,144,232] at 1.0 s in shared/README.md.
        Box tanker = new Box(54, 139, 144, 232);
        // The event's box is the tanker's best sighting, a little later and farther away (it drives
        // away from the camera) than this box at 1.0 s.
        assertTrue(events.stream().anyMatch(e -> e.streamOffsetS() <= 3.0 && e.box().iou(tanker) > 0.3),
                "no event on the tanker: " + events);
        Set<Long> ids = new HashSet<>();
        for (DetectionEvent e : events) {
            assertEquals("heavy_vehicle", e.rule());
            assertEquals("heavy_vehicle", e.category());
            assertEquals("haar", e.camera());
            assertTrue(e.score() >= 0.5f, "event below the confirming score: " + e);
            assertEquals(320, e.frameWidth());
            assertEquals(240, e.frameHeight());
            assertNotNull(e.snapshot(), "no snapshot for " + e);
            assertTrue(Files.size(storage.resolve(e.snapshot())) > 1000, "snapshot " + e.snapshot());
            assertTrue(ids.add(e.objectId()), "object " + e.objectId() + " reported twice");
        }
        assertEquals(events.size(), registry.get(DetectMetrics.EVENTS).tag("rule", "heavy_vehicle").counter().count());
    }
}
