package io.minewatch.alerts;

import io.minewatch.alerts.schema.Alert;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.geo.GeoFix;
import io.minewatch.detect.infer.Box;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/** Turns {@link DetectionEvent}s into {@link Alert} messages. */
public final class AlertFactory {

    /** Lifecycle step of a freshly raised alert. */
    public static final String EVENT_NEW = "new";
    /** Lifecycle step of an alert that got better evidence. */
    public static final String EVENT_UPDATE = "update";
    /** Lifecycle step of an alert whose activity period is over. */
    public static final String EVENT_END = "end";

    private final Supplier<String> ids;

    /** A factory that gives every alert a random UUID. */
    public AlertFactory() {
        this(() -> UUID.randomUUID().toString());
    }

    /** A factory with its own id source (tests use a fixed sequence). */
    public AlertFactory(Supplier<String> ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** A {@code "new"} alert of level {@code quick} for the event (kept for callers without levels). */
    public Alert fromEvent(DetectionEvent e) {
        return fromEvent(e, "quick");
    }

    /**
     * A {@code "new"} alert for the event: box rounded to whole pixels, {@code box_norm} the unrounded
     * box divided by the frame size, clamped to [0, 1] and rounded to 4 decimals.
     *
     * @throws IllegalArgumentException if the event's frame size is not positive
     */
    public Alert fromEvent(DetectionEvent e, String level) {
        return evidence(ids.get(), EVENT_NEW, level, e, e.time(), 1);
    }

    /** An {@code "update"} of {@code alert} carrying the better evidence of {@code e}. */
    public Alert update(Alert alert, DetectionEvent e, int objects) {
        return evidence(alert.id(), EVENT_UPDATE, alert.level(), e, alert.started(), objects);
    }

    private Alert evidence(String alertId, String event, String level, DetectionEvent e,
            Instant started, int objects) {
        if (e.frameWidth() <= 0 || e.frameHeight() <= 0) {
            throw new IllegalArgumentException("detection event of camera " + e.camera()
                    + " has frame size " + e.frameWidth() + "x" + e.frameHeight());
        }
        Box b = Objects.requireNonNull(e.box(), "box");
        List<Integer> box = List.of(
                Math.round(b.x1()), Math.round(b.y1()), Math.round(b.x2()), Math.round(b.y2()));
        double w = e.frameWidth();
        double h = e.frameHeight();
        List<Double> norm = List.of(
                norm(b.x1(), w), norm(b.y1(), h), norm(b.x2(), w), norm(b.y2(), h));
        GeoFix g = e.geo();
        return new Alert(alertId, event, e.rule(), level, e.camera(), e.site(), e.time(),
                started, e.streamOffsetS(), e.category(), e.label(), e.score(), box, norm, e.objectId(), objects,
                e.snapshot(), g == null ? null : round(g.lat(), 1e7), g == null ? null : round(g.lon(), 1e7),
                g == null ? null : round(g.accuracyM(), 10), g == null ? null : g.source(), e.flight());
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    private static double norm(float value, double size) {
        double v = Math.min(1.0, Math.max(0.0, value / size));
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
