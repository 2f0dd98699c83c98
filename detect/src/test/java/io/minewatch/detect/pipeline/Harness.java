package io.minewatch.detect.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.testing.Media;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs one camera's real pipeline (real model, one pool worker) over a clip as fast as it decodes. */
final class Harness implements AutoCloseable {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<DetectionEvent> events = new CopyOnWriteArrayList<>();
    private final DjlModel model;
    private final DetectorPool pool;

    Harness(String card) throws Exception {
        model = DjlModel.load(ModelCard.load(Media.models().resolve(card)), 1);
        Map<String, Supplier<ObjectDetector>> models = Map.of(card, model::newDetector);
        pool = new DetectorPool(models, 1, registry);
    }

    /** Plays the clip through a fresh pipeline; returns it finished (close it). */
    CameraPipeline run(String camera, Path clip, Clock clock, CameraDetection detection, Path storage)
            throws Exception {
        String card = pool.models().iterator().next();
        ModelCard c = model.card();
        CameraPipeline p = CameraPipeline.create(Media.spec(camera, clip), "site-a",
                () -> Media.source(camera, clip, clock), pool.lane(camera, card), c.input().width(),
                c.input().height(), detection, events::add, new SnapshotWriter(storage), registry);
        p.start();
        assertTrue(p.awaitFinished(Duration.ofMinutes(3)), "clip did not finish");
        return p;
    }

    double count(String name, String camera) {
        return registry.find(name).tag("camera", camera).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        pool.close();
        model.close();
    }
}
