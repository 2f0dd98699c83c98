package io.minewatch.detect.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.detect.decode.FrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.decode.SourceException;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.motion.MotionDetector;
import io.minewatch.detect.motion.OpenCvMotionDetector;
import io.minewatch.detect.overlay.OverlayLearner;
import io.minewatch.detect.snapshot.LatestFrame;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.tamper.TamperDetector;
import io.minewatch.ingest.source.SourceSpec;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detect path of one camera. A decode thread picks frames at the detect rate, checks them for
 * tampering, runs the motion gate and hands frames worth detecting to the camera's lane in the
 * shared {@link DetectorPool}; a pool worker runs the detector and then this camera's tracker and
 * rules ({@link DetectStage}).
 *
 * <p>Live sources drop the older frame when the detector is busy (counted); files played as fast
 * as possible wait instead. A network source that fails or ends is reopened with exponential
 * backoff and jitter (1 s to 30 s); a file that fails or ends stops the camera.
 */
public final class CameraPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraPipeline.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final SourceSpec spec;
    private final Supplier<FrameSource> sources;
    private final DetectorPool.Lane lane;
    private final DetectMetrics metrics;
    private final DetectStage stage;
    private final MotionGate gate;
    private final TamperDetector tamper;
    private final OverlayLearner overlay;
    /** The camera's ground_change rules, or null when it has none. */
    private final GroundWatch ground;
    private final Thread decodeThread;
    private final LatestFrame latest = new LatestFrame();
    private volatile boolean running;
    private DetectorPool ownedPool;

    CameraPipeline(SourceSpec spec, Supplier<FrameSource> sources, DetectorPool.Lane lane, DetectStage stage,
                   MotionGate gate, TamperDetector tamper, OverlayLearner overlay, GroundWatch ground,
                   DetectMetrics metrics) {
        this.ground = ground;
        this.spec = spec;
        this.sources = sources;
        this.lane = lane;
        this.stage = stage;
        this.gate = gate;
        this.tamper = tamper;
        this.overlay = overlay;
        this.metrics = metrics;
        this.decodeThread = new Thread(this::decodeLoop, "decode-" + spec.camera());
        decodeThread.setDaemon(true);
        decodeThread.setUncaughtExceptionHandler((th, e) -> log.error("thread {} died", th.getName(), e));
    }

    /**
     * Builds a camera's pipeline over its lane in the pool.
     *
     * @param spec       the camera's detect source, for its kind and name
     * @param sources    makes a fresh, unopened source for each (re)connect
     * @param lane       the camera's slot in the detector pool (closed with the pipeline)
     * @param modelWidth the lane's model input width (regions are grown to it), likewise the height
     */
    public static CameraPipeline create(SourceSpec spec, String site, Supplier<FrameSource> sources,
                                        DetectorPool.Lane lane, int modelWidth, int modelHeight,
                                        CameraDetection detection, DetectionListener listener,
                                        SnapshotWriter snapshots, MeterRegistry registry) {
        return create(spec, site, java.time.ZoneOffset.UTC, sources, lane, modelWidth, modelHeight, detection, listener,
                snapshots, registry);
    }

    /**
     * The same, with the site's time zone, which the ground_change rules' pictures are labelled in
     * (their hour-of-day bands come from {@link CameraDetection#from}).
     */
    public static CameraPipeline create(SourceSpec spec, String site, java.time.ZoneId siteZone,
                                        Supplier<FrameSource> sources, DetectorPool.Lane lane, int modelWidth,
                                        int modelHeight, CameraDetection detection, DetectionListener listener,
                                        SnapshotWriter snapshots, MeterRegistry registry) {
        DetectMetrics metrics = new DetectMetrics(registry, spec.camera());
        MotionDetector motion = new OpenCvMotionDetector(detection.motion(), detection.zones());
        MotionGate gate = new MotionGate(motion, modelWidth, modelHeight, detection.fullFrameMicros());
        TamperDetector tamper = detection.tamper() ? new TamperDetector(detection.tamperHoldMicros()) : null;
        OverlayLearner overlay = new OverlayLearner(detection.overlay());
        metrics.overlayShare(overlay);
        java.util.List<io.minewatch.detect.ground.GroundChangeRule> groundRules = detection.ground().get();
        GroundWatch ground = groundRules.isEmpty() ? null
                : new GroundWatch(spec.camera(), site, groundRules, siteZone, listener, snapshots, metrics, registry);
        DetectStage stage = new DetectStage(spec.camera(), site, listener, snapshots, metrics, detection.zones(),
                detection.rules().get(), overlay, detection.overlay().dropCoverage(), ground);
        return new CameraPipeline(spec, sources, lane, stage, gate, tamper, overlay, ground, metrics);
    }

    /**
     * A camera with a detector of its own (a private one-worker pool, closed with the pipeline) and
     * no motion gate: every frame picked goes to the detector. For tests and tools; the server
     * shares one {@link DetectorPool} between its cameras.
     */
    public static CameraPipeline create(SourceSpec spec, String site, Supplier<FrameSource> sources,
                                        ObjectDetector detector, DetectionListener listener,
                                        SnapshotWriter snapshots, MeterRegistry registry) {
        DetectorPool pool = new DetectorPool(java.util.Map.of("own", () -> detector), 1, registry);
        CameraDetection everyFrame = new CameraDetection(CameraDetection.DEFAULT.motion(),
                CameraDetection.DEFAULT.zones(), 0, java.util.List::of, false, 0, CameraDetection.DEFAULT.overlay());
        CameraPipeline p = create(spec, site, sources, pool.lane(spec.camera(), "own"), 416, 416, everyFrame,
                listener, snapshots, registry);
        p.ownedPool = pool;
        return p;
    }

    public void start() {
        running = true;
        decodeThread.start();
        log.info("camera {}: started on {}", spec.camera(), spec.safeName());
    }

    private void decodeLoop() {
        long backoff = 1000;
        try {
            while (running) {
                try (FrameSource source = sources.get()) {
                    source.open();
                    if (pump(source) > 0) {
                        // Reset only once frames flow: a camera that accepts and drops at once backs off.
                        backoff = 1000;
                    }
                    if (spec.kind() == SourceSpec.Kind.FILE) {
                        if (running) {
                            log.info("camera {}: end of {}", spec.camera(), spec.safeName());
                        }
                        return;
                    }
                    if (running) {
                        log.warn("camera {}: stream ended, reconnecting", spec.camera());
                    }
                } catch (SourceException e) {
                    metrics.sourceErrors.increment();
                    log.warn("{}", e.getMessage());
                    if (spec.kind() == SourceSpec.Kind.FILE) {
                        return;
                    }
                }
                long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                TimeUnit.MILLISECONDS.sleep(jittered);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands frames on until the source ends or the pipeline stops; returns the frames taken. */
    private long pump(FrameSource source) throws SourceException, InterruptedException {
        long counted = 0;
        long frames = 0;
        SampledFrame frame;
        while (running && (frame = source.next()) != null) {
            metrics.decoded.increment(source.framesDecoded() - counted);
            counted = source.framesDecoded();
            metrics.sampled.increment();
            frames++;
            handle(frame);
        }
        metrics.decoded.increment(source.framesDecoded() - counted);
        return frames;
    }

    /** Tamper check and motion gate on this thread; a frame worth detecting goes to the pool. */
    private void handle(SampledFrame frame) throws InterruptedException {
        FrameJob job;
        try {
            latest.offer(frame.bgr());
            if (tamper != null) {
                String what = tamper.check(frame.bgr(), frame.ptsMicros());
                if (what != null) {
                    stage.emitTamper(frame, what);
                    if (ground != null && TamperDetector.MOVED.equals(what)) {
                        ground.viewMoved(frame.captureTime());
                    }
                }
            }
            overlay.observe(frame.bgr(), frame.ptsMicros());
            MotionGate.Decision d = gate.decide(frame.bgr(), frame.ptsMicros());
            if (d.motion()) {
                metrics.motion.increment();
            }
            // A ground observation is due: this frame goes to the detector (whole frame when nothing moved),
            // so that the objects in it are tracked before the ground is looked at.
            boolean groundLook = ground != null && ground.due(frame.captureTime());
            if (!d.detect() && !groundLook) {
                metrics.idle.increment();
                frame.close();
                return;
            }
            job = new FrameJob(frame, d.regions(), stage, metrics, spec.camera(), groundLook);
        } catch (RuntimeException e) {
            frame.close();
            throw e;
        }
        if (spec.live()) {
            DetectorPool.Job replaced = lane.offerLatest(job);
            if (replaced != null) {
                replaced.discard();
                metrics.droppedBusy.increment();
            }
        } else {
            lane.put(job);
        }
    }

    /**
     * Places this camera's events on the ground from now on (a live drone's OSD position), or with
     * null stops doing so. Camera events carry no position unless one is set.
     */
    public void geotagger(io.minewatch.detect.geo.Geotagger g) {
        stage.geotagger(g);
    }

    /** The camera's id. */
    public String camera() {
        return spec.camera();
    }

    /** The camera's latest picked frame (console snapshot, video fallback), last-frame time and detect rate. */
    public LatestFrame latestFrame() {
        return latest;
    }

    /** The camera's learnt overlay (its burned-in text): boxes, frame share, and a JPEG view ({@link OverlayLearner#image()}). */
    public OverlayLearner overlay() {
        return overlay;
    }

    /** This camera's tracker and rules (tests inspect them once the camera is idle). */
    DetectStage stage() {
        return stage;
    }

    /** Waits until the source has ended and every frame taken from it is processed. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        decodeThread.join(Math.max(1, timeout.toMillis()));
        if (decodeThread.isAlive()) {
            return false;
        }
        return lane.awaitIdle(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /** Stops decoding, drops a waiting frame, waits for a running one, then frees native memory. */
    @Override
    public void close() {
        running = false;
        decodeThread.interrupt();
        try {
            decodeThread.join(5000);
            lane.close();
            lane.awaitIdle(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        latest.close();
        if (!decodeThread.isAlive()) {
            gate.close();
            overlay.close();
            if (tamper != null) {
                tamper.close();
            }
        }
        if (ownedPool != null) {
            ownedPool.close();
        }
        if (ground != null) {
            ground.close();
        }
        stage.close();
        log.info("camera {}: stopped", spec.camera());
    }
}
