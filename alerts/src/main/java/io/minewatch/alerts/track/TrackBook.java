package io.minewatch.alerts.track;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.detect.event.TrackPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open alerts' tracks, as they come: points buffered per alert, kept up to
 * {@link #MAX_POINTS_PER_ALERT}, and written in one transaction per {@link #flush} (the desk's tick).
 * Points past the bound are cut and counted, per alert (stored as {@code cut}, shown as
 * {@code truncated}) and in {@code alerts.track.points.dropped{camera,reason=per_alert_bound}}.
 * Owned by the alerts desk's thread.
 */
public final class TrackBook {
    /**
     * Points kept per alert: 1,500, i.e. five minutes of one object at the default 5 detect fps (a
     * clip is pre-roll + the activity + post-roll, usually well under that), about 100 KB of rows.
     */
    public static final int MAX_POINTS_PER_ALERT = 1500;

    private final TrackStore store;
    private final MeterRegistry registry;
    private final int bound;
    private final Map<String, Tally> tallies = new HashMap<>();
    private final List<TrackStore.Row> pending = new ArrayList<>();

    public TrackBook(TrackStore store, MeterRegistry registry) {
        this(store, registry, MAX_POINTS_PER_ALERT);
    }

    /** @param bound points kept per alert (tests use a small one) */
    public TrackBook(TrackStore store, MeterRegistry registry, int bound) {
        this.store = store;
        this.registry = registry;
        this.bound = bound;
    }

    /** Adds a point to an open alert's track (the desk found the alert holds the point's object). */
    public void add(String alertId, TrackPoint p) {
        Tally t = tallies.computeIfAbsent(alertId, k -> new Tally(p.camera(), p.frameWidth(), p.frameHeight()));
        if (t.kept >= bound) {
            t.cut++;
            t.dirty = true;
            registry.counter(AlertMetrics.TRACK_DROPPED, AlertMetrics.TAG_CAMERA, p.camera(),
                    AlertMetrics.TAG_REASON, AlertMetrics.REASON_PER_ALERT_BOUND).increment();
            return;
        }
        pending.add(new TrackStore.Row(alertId, t.kept, p));
        t.kept++;
        t.dirty = true;
        registry.counter(AlertMetrics.TRACK_POINTS, AlertMetrics.TAG_CAMERA, p.camera()).increment();
    }

    /** Writes what came since the last flush, in one transaction. */
    public void flush() {
        List<TrackStore.Summary> summaries = new ArrayList<>();
        tallies.forEach((id, t) -> {
            if (t.dirty) {
                summaries.add(new TrackStore.Summary(id, t.camera, t.width, t.height, t.kept, t.cut));
                t.dirty = false;
            }
        });
        if (pending.isEmpty() && summaries.isEmpty()) {
            return;
        }
        List<TrackStore.Row> rows = List.copyOf(pending);
        pending.clear();
        store.write(rows, summaries);
    }

    /** The alert ended: writes its last points and forgets its tally. */
    public void ended(String alertId) {
        flush();
        tallies.remove(alertId);
    }

    /** Alerts with a track being collected. */
    public int open() {
        return tallies.size();
    }

    private static final class Tally {
        final String camera;
        final int width;
        final int height;
        int kept;
        int cut;
        boolean dirty;

        Tally(String camera, int width, int height) {
            this.camera = camera;
            this.width = width;
            this.height = height;
        }
    }
}
