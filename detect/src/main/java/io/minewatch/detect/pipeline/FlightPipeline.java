package io.minewatch.detect.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.detect.decode.FrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.decode.SourceException;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.geo.Geotagger;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.overlay.OverlayLearner;
import io.minewatch.detect.overlay.OverlaySettings;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.zones.Zones;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The detect path of one drone flight, built from the camera pipeline's pieces: the same
 * {@link DetectStage} (tracker, heavy_vehicle rule, snapshots, track points) and {@link FrameJob}s on
 * a <em>background</em> lane of the shared {@link DetectorPool}, so live cameras are served first.
 *
 * <p>What differs from a camera: a moving camera has no fixed background, so there is no motion gate,
 * no tamper check and no overlay learning — every frame picked at the detect rate goes to the
 * detector, whole; zones and the zone rules do not apply (a flight has no fixed view); each event is
 * placed on the ground by the flight's {@link Geotagger}. The file is read on the caller's thread as
 * fast as the lane takes frames ({@link DetectorPool.Lane#put} waits: no frame of a flight is lost).
 */
public final class FlightPipeline implements AutoCloseable {
    /** How often a flight waiting for a worker checks whether it was cancelled. */
    private static final Duration CANCEL_CHECK = Duration.ofMillis(200);
    private final String name;
    private final DetectorPool.Lane lane;
    private final DetectStage stage;
    private final DetectMetrics metrics;
    private final OverlayLearner overlay = new OverlayLearner(OverlaySettings.OFF);

    /**
     * @param name      the flight's camera name in events, metrics and snapshot folders ({@code flight-<id>})
     * @param site      the site events carry before geofence routing (the flight's declared site), or null
     * @param lane      a background lane of the pool (closed with the pipeline)
     * @param geotagger places each event, or null
     * @param listener  gets the events and track points
     */
    public FlightPipeline(String name, String site, DetectorPool.Lane lane, Geotagger geotagger,
                          DetectionListener listener, SnapshotWriter snapshots, MeterRegistry registry) {
        if (!lane.background()) {
            throw new IllegalArgumentException("flight " + name + ": needs a background lane, so live cameras go first");
        }
        this.name = name;
        this.lane = lane;
        this.metrics = new DetectMetrics(registry, name);
        this.stage = new DetectStage(name, site, listener, snapshots, metrics, Zones.NONE, List.of(), overlay,
                OverlaySettings.OFF.dropCoverage());
        stage.geotagger(geotagger);
    }

    /**
     * Reads the opened source to its end (or until {@code cancelled}), every picked frame to the detector.
     *
     * @param done told with the offset (µs) of each frame once it is detected and judged, on a pool worker
     * @return frames handed to the detector
     */
    public long run(FrameSource source, BooleanSupplier cancelled, LongConsumer done)
            throws SourceException, InterruptedException {
        long frames = 0;
        long counted = 0;
        SampledFrame frame;
        while (!cancelled.getAsBoolean() && (frame = source.next()) != null) {
            metrics.decoded.increment(source.framesDecoded() - counted);
            counted = source.framesDecoded();
            metrics.sampled.increment();
            long pts = frame.ptsMicros();
            FrameJob job = new FrameJob(frame, List.of(), stage, metrics, name, false, () -> done.accept(pts));
            // Live cameras go first: while they keep every worker busy the slot stays full; check for a cancel.
            boolean taken;
            while (!(taken = lane.put(job, CANCEL_CHECK)) && !cancelled.getAsBoolean()) {
                Thread.onSpinWait();
            }
            if (!taken) {
                job.discard();
                break;
            }
            frames++;
        }
        metrics.decoded.increment(source.framesDecoded() - counted);
        return frames;
    }

    /** Waits until every frame handed over is processed; false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return lane.awaitIdle(timeout);
    }

    /** Leaves the pool (a waiting frame is dropped, a running one finishes), then frees the tracks' snapshots. */
    @Override
    public void close() {
        lane.close();
        try {
            lane.awaitIdle(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        overlay.close();
        stage.close();
    }
}
