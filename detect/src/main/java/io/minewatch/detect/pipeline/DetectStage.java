package io.minewatch.detect.pipeline;

import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.rules.HeavyVehicleRule;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.track.IouTracker;
import io.minewatch.detect.track.Track;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows the detector on a camera's detect thread: tracker, rules, snapshot and the event
 * handed to the alerts stage.
 */
final class DetectStage {
    private static final Logger log = LoggerFactory.getLogger(DetectStage.class);
    /** Least overlap of a detection with a track's predicted box for a match. */
    private static final float MIN_IOU = 0.1f;
    /** A track not seen for this long is dropped; a vehicle hidden briefly keeps its track. */
    private static final long MAX_AGE_MICROS = 2_000_000;
    /** Consecutive detect frames a heavy vehicle must be seen in before it is reported. */
    private static final int MIN_FRAMES = 2;
    /** Score one sighting in that streak must reach (the detector reports from its lower minimum). */
    private static final float CONFIRM_SCORE = 0.5f;

    private final String camera;
    private final String site;
    private final DetectionListener listener;
    private final SnapshotWriter snapshots;
    private final DetectMetrics metrics;
    private final IouTracker tracker = new IouTracker(MIN_IOU, MAX_AGE_MICROS);
    private final HeavyVehicleRule heavyRule = new HeavyVehicleRule(MIN_FRAMES, CONFIRM_SCORE);

    DetectStage(String camera, String site, DetectionListener listener, SnapshotWriter snapshots,
                DetectMetrics metrics) {
        this.camera = camera;
        this.site = site;
        this.listener = listener;
        this.snapshots = snapshots;
        this.metrics = metrics;
    }

    void accept(SampledFrame frame, List<Detection> detections) {
        List<Detection> objects = ObjectFilter.apply(detections, frame.bgr().cols(), frame.bgr().rows());
        List<Track> tracks = tracker.update(objects, frame.ptsMicros());
        for (HeavyVehicleRule.Confirmation c : heavyRule.evaluate(tracks, tracker.removedInLastUpdate())) {
            emit(frame, c);
        }
    }

    /** The event names the best sighting's label and score, and the box in the confirming frame. */
    private void emit(SampledFrame frame, HeavyVehicleRule.Confirmation confirmation) {
        Track track = confirmation.track();
        Detection best = confirmation.best();
        Detection det = new Detection(best.classId(), best.label(), best.category(), best.score(),
                track.lastDetection().box());
        String snapshot = null;
        try {
            snapshot = snapshots.write(camera, track.id(), frame.captureTime(), frame.bgr(), det);
        } catch (UncheckedIOException e) {
            log.warn("camera {}: snapshot not saved: {}", camera, e.getMessage());
        }
        DetectionEvent event = new DetectionEvent(HeavyVehicleRule.NAME, camera, site, track.id(),
                frame.captureTime(), frame.offsetSeconds(), det.category(), det.label(), det.score(),
                det.box(), frame.bgr().cols(), frame.bgr().rows(), snapshot);
        metrics.events(HeavyVehicleRule.NAME).increment();
        listener.onEvent(event);
    }
}
