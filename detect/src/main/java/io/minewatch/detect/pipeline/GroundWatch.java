package io.minewatch.detect.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.ground.BeforeAfter;
import io.minewatch.detect.ground.GroundChangeRule;
import io.minewatch.detect.ground.GroundFinding;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.snapshot.SnapshotWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera's {@code ground_change} rules on the detect path, kept off its critical cost: the decode
 * thread only compares a capture time with the next due time ({@link #due}) and, when due, makes sure
 * the frame goes to the detector; after the tracker has run on that frame the pool worker copies it
 * with the tracked boxes ({@link #offer}) — one copy every {@code sample_minutes} — and a thread of
 * the camera's own ({@code ground-<camera>}, one observation queued at most, more are dropped and
 * counted) compares the ground, draws the before/after pair and raises the event.
 *
 * <p>When the camera's view is moved or re-zoomed ({@code camera_tamper} "moved", seen on the decode
 * thread), {@link #viewMoved} leaves a note that the ground thread reads at its next observation of a
 * frame captured then or later: every rule forgets its references (all zones, all bands) and its runs,
 * and builds them again from the new view, instead of reporting every zone as changed.
 */
final class GroundWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroundWatch.class);
    /** Observations taken, tagged with the camera. */
    static final String OBSERVATIONS = "detect.ground.observations";
    /** CPU-side cost of one observation (features, comparison, and the picture when it alerts). */
    static final String COST = "detect.ground.cost";
    /** Observations dropped because the previous one was still running. */
    static final String DROPPED = "detect.ground.dropped";
    /** Times the references were dropped because the view moved. */
    static final String RESETS = "detect.ground.resets";
    /** No reset waiting. */
    private static final long NO_RESET = Long.MIN_VALUE;

    private final String camera;
    private final String site;
    private final List<GroundChangeRule> rules;
    private final DetectionListener listener;
    private final SnapshotWriter snapshots;
    private final DetectMetrics metrics;
    private final ZoneId siteZone;
    private final long intervalMillis;
    private final ThreadPoolExecutor worker;
    private final Counter observations;
    private final Counter dropped;
    private final Timer cost;
    private final Counter resets;
    /** Capture time (ms) of the latest "moved" not yet applied, or {@link #NO_RESET}. */
    private final AtomicLong movedAt = new AtomicLong(NO_RESET);
    private volatile long nextDueMillis = Long.MIN_VALUE;

    GroundWatch(String camera, String site, List<GroundChangeRule> rules, ZoneId siteZone, DetectionListener listener,
                SnapshotWriter snapshots, DetectMetrics metrics, MeterRegistry registry) {
        this.camera = camera;
        this.site = site;
        this.rules = List.copyOf(rules);
        this.siteZone = siteZone;
        this.listener = listener;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.intervalMillis = this.rules.stream().mapToLong(r -> r.settings().sampleMillis()).min().orElse(60_000);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1), r -> {
            Thread t = new Thread(r, "ground-" + camera);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("thread {} died", th.getName(), e));
            return t;
        });
        this.observations = Counter.builder(OBSERVATIONS).tag("camera", camera).register(registry);
        this.dropped = Counter.builder(DROPPED).tag("camera", camera).register(registry);
        this.cost = Timer.builder(COST).tag("camera", camera).register(registry);
        this.resets = Counter.builder(RESETS).tag("camera", camera).register(registry);
    }

    /**
     * Decode thread: the view moved (tamper "moved" on the frame captured at {@code at}). The ground
     * thread drops the references at its next observation of a frame captured at or after it; an
     * earlier frame still on its way is of the old view and is compared as before. Moves that come
     * before that observation make one reset.
     */
    void viewMoved(Instant at) {
        movedAt.accumulateAndGet(at.toEpochMilli(), Math::max);
    }

    /** Decode thread: whether this frame's capture time makes an observation due (a volatile read). */
    boolean due(Instant captureTime) {
        return captureTime.toEpochMilli() >= nextDueMillis;
    }

    /**
     * Pool worker, after the tracker ran on the frame: when still due, copies it and the tracked boxes
     * to the ground thread. The frame stays the caller's.
     */
    void offer(SampledFrame frame, List<Box> objects) {
        long t = frame.captureTime().toEpochMilli();
        synchronized (this) {
            if (t < nextDueMillis) {
                return;
            }
            nextDueMillis = t + intervalMillis;
        }
        Mat copy = frame.bgr().clone();
        Instant time = frame.captureTime();
        double offset = frame.offsetSeconds();
        try {
            worker.execute(() -> observe(copy, time, offset, objects));
        } catch (RejectedExecutionException e) {
            copy.close();
            dropped.increment();
        }
    }

    private void observe(Mat frame, Instant time, double offset, List<Box> objects) {
        try (frame) {
            long start = System.nanoTime();
            observations.increment();
            resetIfMoved(time);
            for (GroundChangeRule rule : rules) {
                for (GroundFinding f : rule.observe(frame, time, objects)) {
                    emit(f, frame, offset);
                }
            }
            cost.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            log.error("camera {}: ground observation failed", camera, e);
        }
    }

    /** Ground thread: applies a pending reset when this frame was captured at or after the move. */
    private void resetIfMoved(Instant time) {
        long moved = movedAt.get();
        if (moved == NO_RESET || time.toEpochMilli() < moved || !movedAt.compareAndSet(moved, NO_RESET)) {
            return;
        }
        for (GroundChangeRule rule : rules) {
            rule.reset();
        }
        resets.increment();
        log.info("camera {}: view moved at {}, ground_change references and runs dropped, built again from {}",
                camera, Instant.ofEpochMilli(moved), time);
    }

    private void emit(GroundFinding f, Mat frame, double offset) {
        String snapshot = null;
        Box box;
        int w;
        int h;
        try (BeforeAfter.Picture p = BeforeAfter.draw(f, frame, siteZone)) {
            box = p.changed();
            w = p.image().cols();
            h = p.image().rows();
            try {
                snapshot = snapshots.writeImage(camera, "ground-" + f.zone().name(), f.at(), p.image());
            } catch (UncheckedIOException e) {
                log.warn("camera {}: ground change snapshot not saved: {}", camera, e.getMessage());
            }
        }
        log.info("camera {}: ground change in zone {}: {}% changed, {}% through {} observations since {}", camera,
                f.zone().name(), Math.round(100 * f.share()), Math.round(100 * f.persistent()), f.observations(),
                f.since());
        DetectionEvent e = new DetectionEvent(GroundChangeRule.NAME, camera, site, 0, f.at(), offset,
                Category.GROUND.wire(), f.zone().kind(), (float) f.share(), box, w, h, snapshot, f.zone().name(),
                "change", f.observations());
        metrics.events(e.rule()).increment();
        listener.onEvent(e);
    }

    /** Stops the ground thread (an observation in progress finishes). */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
