package io.minewatch.alerts.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.track.TrackBook;
import io.minewatch.detect.event.TrackPoint;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's side of the alerts' tracks: a camera thread's frame of points is handed to the desk's
 * thread without waiting — with more than {@value #MAX_WAITING} frames waiting for that thread, the
 * frame's points are dropped and counted ({@code alerts.track.points.dropped{camera,reason=desk_busy}}) —
 * and there added to the open alerts that hold each point's object ({@link TrackBook}); written on the
 * desk's tick and when an alert ends.
 */
final class DeskTracks {
    private static final Logger log = LoggerFactory.getLogger(DeskTracks.class);
    /** Frames' points that may wait for the desk's thread: some 20 s of a dozen cameras each following one object at 5 fps. */
    static final int MAX_WAITING = 1024;

    private final TrackBook book;
    private final MeterRegistry registry;
    private final AtomicInteger waiting = new AtomicInteger();

    DeskTracks(TrackBook book, MeterRegistry registry) {
        this.book = book;
        this.registry = registry;
    }

    /**
     * Called on a camera's thread: queues the frame's points on the desk's executor, or drops them.
     *
     * @param alertsOf the open alerts of a camera holding an object (read on the desk's thread)
     */
    void offer(List<TrackPoint> points, Executor desk, BiFunction<String, Long, List<String>> alertsOf) {
        if (points.isEmpty()) {
            return;
        }
        if (waiting.incrementAndGet() > MAX_WAITING) {
            waiting.decrementAndGet();
            registry.counter(AlertMetrics.TRACK_DROPPED, AlertMetrics.TAG_CAMERA, points.get(0).camera(),
                    AlertMetrics.TAG_REASON, AlertMetrics.REASON_DESK_BUSY).increment(points.size());
            return;
        }
        try {
            desk.execute(() -> {
                waiting.decrementAndGet();
                add(points, alertsOf);
            });
        } catch (RejectedExecutionException e) {
            waiting.decrementAndGet(); // the desk is closing
        }
    }

    private void add(List<TrackPoint> points, BiFunction<String, Long, List<String>> alertsOf) {
        try {
            for (TrackPoint p : points) {
                for (String alertId : alertsOf.apply(p.camera(), p.objectId())) {
                    book.add(alertId, p);
                }
            }
        } catch (RuntimeException e) {
            log.warn("camera {}: track points not kept: {}", points.get(0).camera(), e.toString());
        }
    }

    /** On the desk's thread: writes the new points; with an id, that alert ended and its tally is forgotten. */
    void flush(String endedAlert) {
        try {
            if (endedAlert == null) {
                book.flush();
            } else {
                book.ended(endedAlert);
            }
        } catch (RuntimeException e) {
            log.warn("track points not written: {}", e.toString());
        }
    }
}
