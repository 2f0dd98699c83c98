package io.minewatch.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.geo.Geotagger;
import io.minewatch.detect.pipeline.CameraDetection;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.snapshot.LatestFrame;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras stage: one pipeline per enabled camera, over its frame source and its lane in the
 * detector pool, handing detection events to the alerts desk. {@link #start()} starts the pipelines,
 * then pulls the RTSP cameras. {@link LiveCameras} adds and removes one pipeline at run time
 * ({@link #build}, {@link #add}, {@link #remove}). Closes the pipelines (last built first), then stops
 * the sources.
 */
final class Cameras implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cameras.class);

    private final Map<String, CameraPipeline> pipelines = new LinkedHashMap<>();
    private final CameraSources sources;
    private final Detectors detectors;
    private final DetectionListener listener;
    private final SnapshotWriter snapshots;
    private final MeterRegistry registry;
    private final Function<CameraConfig, Geotagger> geotaggers;
    private boolean started;

    private Cameras(CameraSources sources, Detectors detectors, DetectionListener listener, SnapshotWriter snapshots,
                    MeterRegistry registry, Function<CameraConfig, Geotagger> geotaggers) {
        this.sources = sources;
        this.detectors = detectors;
        this.listener = listener;
        this.snapshots = snapshots;
        this.registry = registry;
        this.geotaggers = geotaggers;
    }

    static Cameras assemble(MinewatchConfig config, CameraSources sources, Detectors detectors,
                            DetectionListener desk, SnapshotWriter snapshots, MeterRegistry registry) throws Exception {
        return assemble(config, sources, detectors, desk, snapshots, registry, camera -> null);
    }

    /**
     * @param geotaggers places a camera's detections (a live drone's OSD position), or gives null: no position
     */
    static Cameras assemble(MinewatchConfig config, CameraSources sources, Detectors detectors,
                            DetectionListener desk, SnapshotWriter snapshots, MeterRegistry registry,
                            Function<CameraConfig, Geotagger> geotaggers) throws Exception {
        Cameras cameras = new Cameras(sources, detectors, toDesk(desk), snapshots, registry, geotaggers);
        return Stages.assemble(built -> {
            for (CameraConfig camera : config.cameras()) {
                if (!camera.enabled()) {
                    log.info("camera {}: disabled", camera.id());
                    continue;
                }
                cameras.add(built.add(cameras.build(camera, config)));
            }
            return cameras;
        });
    }

    /** Builds (does not start) one camera's pipeline over its source and its lane in the detector pool. */
    CameraPipeline build(CameraConfig camera, MinewatchConfig config) throws Exception {
        SourceSpec spec = SourceSpecs.detect(camera);
        ModelCard card = detectors.card(camera);
        java.time.ZoneId siteZone = config.site(camera.site()).timezone();
        CameraPipeline pipeline = CameraPipeline.create(spec, camera.site(), siteZone,
                sources.frameSource(camera, spec), detectors.lane(camera), card.input().width(), card.input().height(),
                CameraDetection.from(camera.detection(), siteZone), listener, snapshots, registry);
        pipeline.geotagger(geotaggers.apply(camera));
        return pipeline;
    }

    /** Lists a built pipeline; when the cameras have started, starts it. */
    synchronized void add(CameraPipeline pipeline) {
        if (pipelines.containsKey(pipeline.camera())) {
            throw new IllegalArgumentException("camera " + pipeline.camera() + " already runs");
        }
        pipelines.put(pipeline.camera(), pipeline);
        if (started) {
            pipeline.start();
        }
    }

    /** Unlists one camera's pipeline and closes it; null when there was none. */
    CameraPipeline remove(String camera) {
        CameraPipeline p;
        synchronized (this) {
            p = pipelines.remove(camera);
        }
        if (p != null) {
            Stages.closeInOrder(p);
        }
        return p;
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

    /** The pipelines running now, in the order added. */
    synchronized List<CameraPipeline> pipelines() {
        return List.copyOf(pipelines.values());
    }

    CameraSources sources() {
        return sources;
    }

    /** Each camera's latest-frame slot, by camera id. */
    Map<String, LatestFrame> latestFrames() {
        Map<String, LatestFrame> out = new HashMap<>();
        pipelines().forEach(p -> out.put(p.camera(), p.latestFrame()));
        return out;
    }

    /** A camera's learnt overlay (burned-in text), or empty for a camera without a pipeline. */
    java.util.Optional<io.minewatch.detect.overlay.OverlayLearner> overlay(String camera) {
        return pipelines().stream().filter(p -> p.camera().equals(camera)).findFirst().map(p -> p.overlay());
    }

    /** Starts every camera's pipeline, and the Netty ingest of the RTSP cameras. */
    void start() {
        List<CameraPipeline> now;
        synchronized (this) {
            started = true;
            now = List.copyOf(pipelines.values());
        }
        now.forEach(CameraPipeline::start);
        sources.startIngest();
    }

    /** Waits until every camera's source has ended (file sources that do not loop). */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CameraPipeline p : pipelines()) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (!p.awaitFinished(Duration.ofMillis(left))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        List<CameraPipeline> all = new ArrayList<>(pipelines());
        for (int i = all.size() - 1; i >= 0; i--) {
            Stages.closeInOrder(all.get(i));
        }
        sources.close();
    }
}
