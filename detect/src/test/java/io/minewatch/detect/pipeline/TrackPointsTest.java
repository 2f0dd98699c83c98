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
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.event.TrackPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The track points the detect path hands on, on real footage through the real model: for each
 * reported object, after its event (never before), first its sightings before the event (at most
 * {@link TrackTrail#HISTORY}), then one point per frame it is matched in, in time order, a point at the
 * event's frame and one carrying the event's box (its best sighting); nothing for objects never reported.
 */
@Timeout(120)
class TrackPointsTest {
    @TempDir
    Path storage;

    @Test
    void reportedObjectsHandOnTheirHistoryThenEveryFrame() throws Exception {
        Path clip = SharedFiles.video(SharedFiles.HAAR);
        SourceSpec spec = SourceSpecs.detect(new CameraConfig("haar", "site-a", clip.toString(), null, 5, 0, 0,
                true, false, false));
        List<Object> seen = new CopyOnWriteArrayList<>();
        DetectionListener listener = new DetectionListener() {
            @Override
            public void onEvent(DetectionEvent event) {
                seen.add(event);
            }

            @Override
            public void onTrack(List<TrackPoint> points) {
                assertFalse(points.isEmpty(), "an empty hand-off");
                seen.addAll(points);
            }
        };
        try (DjlModel model = DjlModel.load(ModelCard.load(SharedFiles.model("yolox-nano")), 1)) {
            try (CameraPipeline p = CameraPipeline.create(spec, "site-a",
                    () -> new GrabberFrameSource(spec, 5, 0, 0, Clock.systemUTC()), model.newDetector(),
                    listener, new SnapshotWriter(storage), new SimpleMeterRegistry())) {
                p.start();
                assertTrue(p.awaitFinished(Duration.ofSeconds(100)), "the clip did not finish");
            }
        }
        Map<Long, DetectionEvent> firstEvent = new HashMap<>();
        Map<Long, List<TrackPoint>> points = new HashMap<>();
        for (Object o : seen) {
            if (o instanceof DetectionEvent e) {
                firstEvent.putIfAbsent(e.objectId(), e);
            } else {
                TrackPoint p = (TrackPoint) o;
                assertTrue(firstEvent.containsKey(p.objectId()), "a point of object " + p.objectId()
                        + " before any event about it");
                points.computeIfAbsent(p.objectId(), k -> new ArrayList<>()).add(p);
            }
        }
        assertFalse(firstEvent.isEmpty(), "no event on the tanker clip");
        for (DetectionEvent e : firstEvent.values()) {
            List<TrackPoint> ps = points.get(e.objectId());
            assertTrue(ps != null && ps.size() >= 2, "object " + e.objectId() + ": points " + ps);
            long before = ps.stream().filter(p -> p.time().isBefore(e.time())).count();
            assertTrue(before >= 1 && before < TrackTrail.HISTORY, "object " + e.objectId() + ": " + before
                    + " sightings before its event");
            TrackPoint at = ps.stream().filter(p -> p.time().equals(e.time())).findFirst().orElseThrow(
                    () -> new AssertionError("no point at the event's frame " + e.time() + ": " + ps));
            assertEquals(e.streamOffsetS(), at.streamOffsetS(), 1e-9);
            assertEquals(320, at.frameWidth());
            assertEquals(240, at.frameHeight());
            // The event's box is its best sighting's (the snapshot's frame): one of the points, at or before the event.
            assertTrue(ps.stream().anyMatch(p -> p.box().equals(e.box()) && !p.time().isAfter(e.time())),
                    "the event's box " + e.box() + " is no point of its object: " + ps);
            for (int i = 1; i < ps.size(); i++) {
                assertTrue(ps.get(i).streamOffsetS() > ps.get(i - 1).streamOffsetS(), "time order: " + ps);
            }
            System.out.println("object " + e.objectId() + ": " + ps.size() + " points, " + before
                    + " before its event at " + e.streamOffsetS() + " s");
        }
    }
}
