package io.minewatch.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.pipeline.CameraDetection;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras stage: one pipeline per enabled camera, over its frame source and its lane in the
 * detector pool, handing detection events to the alerts desk. {@link #start()} starts the pipelines,
 * then pulls the RTSP cameras. Closes the pipelines (last built first), then stops the sources.
 */
record Cameras(List<CameraPipeline> pipelines, CameraSources sources) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cameras.class);

    static Cameras assemble(MinewatchConfig config, CameraSources sources, Detectors detectors,
                            DetectionListener desk, SnapshotWriter snapshots, MeterRegistry registry) throws Exception {
        DetectionListener listener = toDesk(desk);
        return Stages.assemble(built -> {
            List<CameraPipeline> pipelines = new ArrayList<>();
            for (CameraConfig camera : config.cameras()) {
                if (!camera.enabled()) {
                    log.info("camera {}: disabled", camera.id());
                    continue;
                }
                SourceSpec spec = SourceSpecs.detect(camera);
                ModelCard card = detectors.card(camera);
                pipelines.add(built.add(CameraPipeline.create(spec, camera.site(), sources.frameSource(camera, spec),
                        detectors.lane(camera), card.input().width(), card.input().height(),
                        CameraDetection.from(camera.detection(), config.site(camera.site()).timezone()),
                        listener, snapshots, registry)));
            }
            return new Cameras(List.copyOf(pipelines), sources);
        });
    }

    /**
     * Detection events and track points go to the alerts desk; a zone "leave" is part of an activity the desk ends by
     * its gap, so it is only logged.
     */
    private static DetectionListener toDesk(DetectionListener desk) {
        return new DetectionListener() {
            @Override
            public void onEvent(io.minewatch.detect.event.DetectionEvent event) {
                if ("leave".equals(event.kind())) {
                    log.info("camera {}: object {} left zone {} ({})", event.camera(), event.objectId(), event.zone(),
                            event.rule());
                    return;
                }
                desk.onEvent(event);
            }

            /** Track points go to the desk as they are (a lambda here would drop them: the default ignores them). */
            @Override
            public void onTrack(java.util.List<io.minewatch.detect.event.TrackPoint> points) {
                desk.onTrack(points);
            }
        };
    }

    /** Each camera's latest-frame slot, by camera id. */
    java.util.Map<String, io.minewatch.detect.snapshot.LatestFrame> latestFrames() {
        java.util.Map<String, io.minewatch.detect.snapshot.LatestFrame> out = new java.util.HashMap<>();
        pipelines.forEach(p -> out.put(p.camera(), p.latestFrame()));
        return out;
    }

    /** A camera's learnt overlay (burned-in text), or empty for a camera without a pipeline. */
    java.util.Optional<io.minewatch.detect.overlay.OverlayLearner> overlay(String camera) {
        return pipelines.stream().filter(p -> p.camera().equals(camera)).findFirst().map(p -> p.overlay());
    }

    /** Starts every camera's pipeline, and the Netty ingest of the RTSP cameras. */
    void start() {
        pipelines.forEach(CameraPipeline::start);
        sources.startIngest();
    }

    /** Waits until every camera's source has ended (file sources that do not loop). */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CameraPipeline p : pipelines) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (!p.awaitFinished(Duration.ofMillis(left))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (int i = pipelines.size() - 1; i >= 0; i--) {
            Stages.closeInOrder(pipelines.get(i));
        }
        sources.close();
    }
}
