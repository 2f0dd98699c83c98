package io.minewatch.detect.pipeline;

import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.event.TrackPoint;
import io.minewatch.detect.geo.GeoFix;
import io.minewatch.detect.geo.Geotagger;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.Region;
import io.minewatch.detect.overlay.OverlayLearner;
import io.minewatch.detect.overlay.OverlayMask;
import io.minewatch.detect.rules.HeavyVehicleRule;
import io.minewatch.detect.rules.RuleEvent;
import io.minewatch.detect.rules.TrackRule;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.track.IouTracker;
import io.minewatch.detect.track.Track;
import io.minewatch.detect.zones.Zones;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows the detector on a camera's detect path: mask, tracker, rules, snapshot and the event
 * handed to the alerts stage. Runs on a pool worker, never on two at once for one camera.
 */
final class DetectStage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DetectStage.class);
    /** Least overlap of a detection with a track's predicted box for a match. */
    private static final float MIN_IOU = 0.1f;
    /** A track missed for this long is lost; a vehicle hidden briefly keeps its track. */
    private static final long MAX_AGE_MICROS = 2_000_000;
    /** A box that stays put this long marks its object stationary. */
    private static final long STATIONARY_MICROS = 10_000_000;
    /** A lost stationary object that reappears on its spot within this time keeps its id. */
    private static final long LOST_MEMORY_MICROS = 600_000_000;
    /** Consecutive detect frames a heavy vehicle must be seen in before it is reported. */
    private static final int MIN_FRAMES = 2;
    /** Score one sighting in that streak must reach (the detector reports from its lower minimum). */
    private static final float CONFIRM_SCORE = 0.5f;

    private final String camera;
    private final String site;
    private final DetectionListener listener;
    private final SnapshotWriter snapshots;
    private final DetectMetrics metrics;
    private final Zones zones;
    private final List<TrackRule> rules;
    private final IouTracker tracker = new IouTracker(MIN_IOU, MAX_AGE_MICROS, STATIONARY_MICROS, LOST_MEMORY_MICROS);
    private final HeavyVehicleRule heavyRule = new HeavyVehicleRule(MIN_FRAMES, CONFIRM_SCORE);
    private final TrackTrail trail;

    private final OverlayLearner overlay;
    private final double overlayDropCoverage;
    /** Places each event on the ground (drone flights, live drones), or null: camera events carry no position. */
    private volatile Geotagger geotagger;
    private final GroundWatch ground;

    DetectStage(String camera, String site, DetectionListener listener, SnapshotWriter snapshots,
                DetectMetrics metrics, Zones zones, List<TrackRule> rules, OverlayLearner overlay,
                double overlayDropCoverage) {
        this(camera, site, listener, snapshots, metrics, zones, rules, overlay, overlayDropCoverage, null);
    }

    /** With the camera's ground watch (null: none), handed each ground look's frame after tracking. */
    DetectStage(String camera, String site, DetectionListener listener, SnapshotWriter snapshots,
                DetectMetrics metrics, Zones zones, List<TrackRule> rules, OverlayLearner overlay,
                double overlayDropCoverage, GroundWatch ground) {
        this.ground = ground;
        this.overlay = overlay;
        this.overlayDropCoverage = overlayDropCoverage;
        this.camera = camera;
        this.site = site;
        this.listener = listener;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.zones = zones;
        this.rules = List.copyOf(rules);
        this.trail = new TrackTrail(camera);
    }

    /** Sets (or with null, removes) the geotagger of this camera's events. */
    void geotagger(Geotagger g) {
        this.geotagger = g;
    }

    void accept(SampledFrame frame, List<Detection> detections, List<Region> looked) {
        accept(frame, detections, looked, false);
    }

    void accept(SampledFrame frame, List<Detection> detections, List<Region> looked, boolean groundLook) {
        int w = frame.bgr().cols();
        int h = frame.bgr().rows();
        List<Detection> objects = ObjectFilter.apply(detections, w, h);
        if (zones.hasMasks()) {
            List<Detection> kept = new ArrayList<>(objects.size());
            for (Detection d : objects) {
                if (!zones.masked(d.box(), w, h)) {
                    kept.add(d);
                }
            }
            objects = kept;
        }
        objects = dropOverlay(objects);
        List<Track> tracks = tracker.update(objects, frame.ptsMicros(), looked, frame.bgr(), zones, w, h);
        List<Track> removed = List.copyOf(tracker.removedInLastUpdate());
        if (groundLook && ground != null) {
            List<Box> boxes = new ArrayList<>(tracks.size());
            for (Track t : tracks) {
                boxes.add(t.box());
            }
            ground.offer(frame, boxes);
        }
        trail.frame(frame, tracks, removed);
        for (HeavyVehicleRule.Confirmation c : heavyRule.evaluate(tracks, removed)) {
            emit(frame, new RuleEvent(HeavyVehicleRule.NAME, DetectionEvent.OBJECT, c.track(), c.best(), null, 1));
        }
        for (TrackRule rule : rules) {
            for (RuleEvent e : rule.evaluate(frame.captureTime(), frame.ptsMicros(), tracks, removed, heavyRule)) {
                emit(frame, e);
            }
        }
        List<TrackPoint> points = trail.points();
        if (!points.isEmpty()) {
            listener.onTrack(points);
        }
    }

    /** Drops detections lying mostly inside the camera's burned-in text (counted, reason {@code overlay}). */
    private List<Detection> dropOverlay(List<Detection> objects) {
        OverlayMask mask = overlay.mask();
        if (mask.isEmpty() || objects.isEmpty()) {
            return objects;
        }
        List<Detection> kept = new ArrayList<>(objects.size());
        for (Detection d : objects) {
            if (mask.coverage(d.box()) >= overlayDropCoverage) {
                metrics.droppedOverlay.increment();
            } else {
                kept.add(d);
            }
        }
        return kept;
    }

    /**
     * The event and its snapshot come from one sighting: the track's best (heavy machinery first,
     * then by score) — its frame is the snapshot, its label, score and box are drawn on it and
     * are the event's. Before a track has a best sighting (no frame was offered), and for
     * {@code leave} (no snapshot), the rule's own sighting.
     */
    private void emit(SampledFrame frame, RuleEvent e) {
        Track track = e.track();
        boolean withSnapshot = !"leave".equals(e.kind());
        Detection det;
        String snapshot = null;
        double boxOffsetS = frame.offsetSeconds();
        if (withSnapshot && track.bestFrame() != null && track.bestDetection() != null) {
            det = track.bestDetection();
            snapshot = write(track.bestFrame(), track, frame, det);
            boxOffsetS = track.bestMicros() / 1_000_000.0;
        } else {
            Detection best = e.detection();
            Box box = track.matchedNow() ? track.lastDetection().box() : track.box();
            det = new Detection(best.classId(), best.label(), best.category(), best.score(), box);
            if (withSnapshot) {
                snapshot = write(frame.bgr(), track, frame, det);
            }
        }
        trail.reported(track.id());
        int w = frame.bgr().cols();
        int h = frame.bgr().rows();
        emit(new DetectionEvent(e.rule(), camera, site, track.id(), frame.captureTime(), frame.offsetSeconds(),
                det.category().wire(), det.label(), det.score(), det.box(), w, h,
                snapshot, e.zone(), e.kind(), e.count(), boxOffsetS, locate(boxOffsetS, det.box(), w, h), null));
    }

    /** The box's ground position at the time of its frame, or null (no geotagger, nothing known then, or it failed). */
    private GeoFix locate(double offsetS, Box box, int w, int h) {
        Geotagger g = geotagger;
        if (g == null) {
            return null;
        }
        try {
            return g.locate(offsetS, box, w, h).orElse(null);
        } catch (RuntimeException ex) {
            log.warn("camera {}: geotagging failed at {}s: {}", camera, offsetS, ex.toString());
            return null;
        }
    }

    private String write(Mat image, Track track, SampledFrame frame, Detection drawn) {
        try {
            return snapshots.write(camera, track.id(), frame.captureTime(), image, drawn);
        } catch (UncheckedIOException e) {
            log.warn("camera {}: snapshot not saved: {}", camera, e.getMessage());
            return null;
        }
    }

    /** A camera-level event (tamper): the whole frame is the box. */
    void emitTamper(SampledFrame frame, String what) {
        int w = frame.bgr().cols();
        int h = frame.bgr().rows();
        Detection whole = new Detection(-1, what, Category.CAMERA, 1f, new Box(0, 0, w, h));
        String snapshot = null;
        try {
            snapshot = snapshots.write(camera, 0, frame.captureTime(), frame.bgr(), whole);
        } catch (UncheckedIOException e) {
            log.warn("camera {}: snapshot not saved: {}", camera, e.getMessage());
        }
        log.warn("camera {}: view {} at {}s", camera, what, String.format(java.util.Locale.ROOT, "%.1f",
                frame.offsetSeconds()));
        emit(new DetectionEvent(PipelineRules.CAMERA_TAMPER, camera, site, 0, frame.captureTime(),
                frame.offsetSeconds(), Category.CAMERA.wire(), what, 1f, whole.box(), w, h, snapshot, null, "tamper", 1));
    }

    private void emit(DetectionEvent event) {
        metrics.events(event.rule()).increment();
        listener.onEvent(event);
    }

    /** The live tracks (tests read them once the camera is idle). */
    List<Track> tracks() {
        return tracker.tracks();
    }

    /** Live tracks and lost ones still remembered (each holds at most one snapshot). */
    int remembered() {
        return tracker.remembered();
    }

    /** Frees the tracks' snapshots. */
    @Override
    public void close() {
        tracker.close();
    }
}
