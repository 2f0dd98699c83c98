package io.minewatch.detect.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The detect path's metrics, one set per camera; names are the catalogue in the README. */
public final class DetectMetrics {
    /** Frames decoded from the source, picked for detection or not. */
    public static final String FRAMES_DECODED = "detect.frames.decoded";
    /** Frames picked at the detect rate and converted. */
    public static final String FRAMES_SAMPLED = "detect.frames.sampled";
    /** Frames picked at the detect rate in which the motion gate saw motion. */
    public static final String FRAMES_MOTION = "detect.frames.motion";
    /** Frames the detector ran on. */
    public static final String FRAMES_DETECTED = "detect.frames.detected";
    /** Picked frames dropped before detection, tagged with the reason. */
    public static final String FRAMES_DROPPED = "detect.frames.dropped";
    /** Picked frames not sent to the detector, tagged with the reason ({@code no_motion}). */
    public static final String FRAMES_SKIPPED = "detect.frames.skipped";
    /** Detector inference time per frame. */
    public static final String LATENCY = "detect.latency";
    /** Detection events raised, tagged with the rule. */
    public static final String EVENTS = "detect.events";
    /** Detections dropped before tracking, tagged with the reason ({@code overlay}: inside the camera's burned-in text). */
    public static final String DETECTIONS_DROPPED = "detect.detections.dropped";
    /** Share of the frame the camera's learnt overlay (burned-in text) covers, 0 to 1. */
    public static final String OVERLAY_SHARE = "detect.overlay.share";
    /** Source open or read failures. */
    public static final String SOURCE_ERRORS = "detect.source.errors";

    final Counter decoded;
    final Counter sampled;
    final Counter detected;
    final Counter motion;
    final Counter idle;
    final Counter droppedBusy;
    final Timer latency;
    final Counter sourceErrors;
    final Counter droppedOverlay;
    final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private final MeterRegistry registry;
    private final String camera;

    DetectMetrics(MeterRegistry registry, String camera) {
        this.registry = registry;
        this.camera = camera;
        decoded = Counter.builder(FRAMES_DECODED).tag("camera", camera).register(registry);
        sampled = Counter.builder(FRAMES_SAMPLED).tag("camera", camera).register(registry);
        detected = Counter.builder(FRAMES_DETECTED).tag("camera", camera).register(registry);
        motion = Counter.builder(FRAMES_MOTION).tag("camera", camera).register(registry);
        idle = Counter.builder(FRAMES_SKIPPED).tag("camera", camera).tag("reason", "no_motion").register(registry);
        droppedBusy = Counter.builder(FRAMES_DROPPED).tag("camera", camera)
                .tag("reason", "detector_busy").register(registry);
        latency = Timer.builder(LATENCY).tag("camera", camera)
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        sourceErrors = Counter.builder(SOURCE_ERRORS).tag("camera", camera).register(registry);
        droppedOverlay = Counter.builder(DETECTIONS_DROPPED).tag("camera", camera).tag("reason", "overlay")
                .register(registry);
    }

    /** Publishes the overlay's frame share (read when scraped). */
    void overlayShare(io.minewatch.detect.overlay.OverlayLearner learner) {
        io.micrometer.core.instrument.Gauge.builder(OVERLAY_SHARE, learner, l -> l.mask().frameShare())
                .tag("camera", camera).strongReference(true).register(registry);
    }

    Counter events(String rule) {
        return Counter.builder(EVENTS).tag("camera", camera).tag("rule", rule).register(registry);
    }
}
