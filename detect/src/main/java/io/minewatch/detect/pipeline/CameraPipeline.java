package io.minewatch.detect.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.detect.decode.FrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.decode.SourceException;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.infer.DetectorException;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detect path of one camera: a decode thread picks frames at the detect rate and hands them,
 * one deep, to a detect thread that runs the detector, the tracker and the rules.
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
    private final ObjectDetector detector;
    private final FrameSlot slot = new FrameSlot();
    private final DetectMetrics metrics;
    private final DetectStage stage;
    private final Thread decodeThread;
    private final Thread detectThread;
    private volatile boolean running;

    /**
     * @param spec      the camera's detect source, for its kind and name
     * @param sources   makes a fresh, unopened source for each (re)connect
     * @param detector  this camera's detector, closed with the pipeline
     * @param stage     tracker, rules and event emission for this camera
     * @param metrics   this camera's detect metrics
     */
    CameraPipeline(SourceSpec spec, Supplier<FrameSource> sources, ObjectDetector detector,
                   DetectStage stage, DetectMetrics metrics) {
        this.spec = spec;
        this.sources = sources;
        this.detector = detector;
        this.stage = stage;
        this.metrics = metrics;
        this.decodeThread = thread("decode-" + spec.camera(), this::decodeLoop);
        this.detectThread = thread("detect-" + spec.camera(), this::detectLoop);
    }

    /** Builds a pipeline whose stage sends events to the listener. */
    public static CameraPipeline create(SourceSpec spec, String site, Supplier<FrameSource> sources,
                                        ObjectDetector detector, DetectionListener listener,
                                        SnapshotWriter snapshots, MeterRegistry registry) {
        DetectMetrics metrics = new DetectMetrics(registry, spec.camera());
        return new CameraPipeline(spec, sources, detector,
                new DetectStage(spec.camera(), site, listener, snapshots, metrics), metrics);
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> log.error("thread {} died", th.getName(), e));
        return t;
    }

    public void start() {
        running = true;
        detectThread.start();
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
        } finally {
            slot.finish();
        }
    }

    /** Hands frames on until the source ends or the pipeline stops; returns the frames handed on. */
    private long pump(FrameSource source) throws SourceException, InterruptedException {
        long counted = 0;
        long frames = 0;
        SampledFrame frame;
        while (running && (frame = source.next()) != null) {
            metrics.decoded.increment(source.framesDecoded() - counted);
            counted = source.framesDecoded();
            metrics.sampled.increment();
            frames++;
            if (spec.live()) {
                SampledFrame replaced = slot.offerLatest(frame);
                if (replaced != null) {
                    replaced.close();
                    metrics.droppedBusy.increment();
                }
            } else {
                slot.put(frame);
            }
        }
        metrics.decoded.increment(source.framesDecoded() - counted);
        return frames;
    }

    private void detectLoop() {
        long failures = 0;
        try {
            SampledFrame frame;
            while ((frame = slot.take()) != null) {
                try (SampledFrame f = frame) {
                    long t0 = System.nanoTime();
                    var detections = detector.detect(f.bgr());
                    metrics.latency.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                    metrics.detected.increment();
                    stage.accept(f, detections);
                } catch (DetectorException | RuntimeException e) {
                    // Summarised: the first failure in full, then every thousandth.
                    if (failures++ % 1000 == 0) {
                        log.error("camera {}: detection failed ({} so far)", spec.camera(), failures, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the source has ended and every frame taken from it is processed. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        detectThread.join(timeout.toMillis());
        return !detectThread.isAlive();
    }

    /** Stops both threads, drops a waiting frame and closes the detector. */
    @Override
    public void close() {
        running = false;
        slot.clear();
        decodeThread.interrupt();
        try {
            detectThread.join(5000);
            decodeThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!detectThread.isAlive()) {
            detector.close();
        }
        log.info("camera {}: stopped", spec.camera());
    }
}
