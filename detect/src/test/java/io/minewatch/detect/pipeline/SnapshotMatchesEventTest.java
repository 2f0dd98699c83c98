package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.testing.Media;
import io.minewatch.ingest.source.SourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot = event, for every event of the freeway clip (the detector on every frame): the
 * snapshot file is byte for byte one of the clip's frames with exactly the event's label, score
 * and box drawn on it by the same writer — so the picture an official opens shows what the event
 * says, drawn where the event says, from a frame the camera really saw before the event.
 */
class SnapshotMatchesEventTest {
    @TempDir
    Path dir;

    @Test
    void everySnapshotIsAFrameWithTheEventsOwnLabelScoreAndBoxDrawn() throws Exception {
        Path clip = Media.video(Media.HAAR);
        SourceSpec spec = Media.spec("haar", clip);
        List<DetectionEvent> events = new CopyOnWriteArrayList<>();
        Path storage = dir.resolve("events");
        try (DjlModel model = DjlModel.load(ModelCard.load(Media.models().resolve("yolox-nano")), 1);
             CameraPipeline p = CameraPipeline.create(spec, "site-a",
                     () -> new GrabberFrameSource(spec, 5, 0, 0, Clock.systemUTC()), model.newDetector(),
                     events::add, new SnapshotWriter(storage), new SimpleMeterRegistry())) {
            p.start();
            assertTrue(p.awaitFinished(Duration.ofSeconds(100)), "the clip did not finish");
        }
        assertFalse(events.isEmpty(), "no event on the freeway clip");
        List<byte[]> snapshots = new ArrayList<>();
        for (DetectionEvent e : events) {
            assertNotNull(e.snapshot(), "no snapshot for " + e);
            snapshots.add(Files.readAllBytes(storage.resolve(e.snapshot())));
        }
        boolean[] matched = new boolean[events.size()];
        // Redraw each event's own fields on every frame up to it, with the same writer, and look for the snapshot.
        SnapshotWriter redraw = new SnapshotWriter(dir.resolve("redraw"));
        try (GrabberFrameSource frames = new GrabberFrameSource(spec, 5, 0, 0, Clock.systemUTC())) {
            frames.open();
            SampledFrame f;
            while ((f = frames.next()) != null) {
                try (SampledFrame frame = f) {
                    for (int i = 0; i < events.size(); i++) {
                        DetectionEvent e = events.get(i);
                        if (matched[i] || frame.offsetSeconds() > e.streamOffsetS() + 1e-6) {
                            continue;
                        }
                        Detection drawn = new Detection(-1, e.label(), Category.of(e.category()), e.score(),
                                e.box());
                        String rel = redraw.write("r" + i, frame.sequence(), frame.captureTime(), frame.bgr(), drawn);
                        byte[] mine = Files.readAllBytes(dir.resolve("redraw").resolve(rel));
                        matched[i] = Arrays.equals(mine, snapshots.get(i));
                        Files.delete(dir.resolve("redraw").resolve(rel));
                    }
                }
            }
        }
        for (int i = 0; i < events.size(); i++) {
            assertTrue(matched[i], "the snapshot of " + events.get(i) + " is no frame of the clip with the event's "
                    + "label, score and box drawn");
        }
    }
}
