package io.minewatch.ingest.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A flight's telemetry: its points in time order, and the position at any time between them.
 *
 * <p>{@link #at} interpolates linearly between the two points around {@code t} (angles along the
 * shorter way round); it answers nothing before the first point or after the last by more than
 * {@link #EDGE_S}, nor inside a gap longer than {@link #MAX_GAP_S} — no position is better than a
 * guessed one on evidence.
 */
public final class TelemetryTrack {
    /** How far before the first or after the last point a time still takes that point's position. */
    public static final double EDGE_S = 1.0;
    /** The longest gap between two points that is interpolated across. */
    public static final double MAX_GAP_S = 5.0;

    private final List<TelemetryPoint> points;

    public TelemetryTrack(List<TelemetryPoint> points) {
        List<TelemetryPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(TelemetryPoint::t));
        this.points = List.copyOf(sorted);
    }

    /** The points in time order. */
    public List<TelemetryPoint> points() {
        return points;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The position at {@code t} seconds from the video's start, or empty where the track does not cover it. */
    public Optional<TelemetryPoint> at(double t) {
        if (points.isEmpty() || !Double.isFinite(t)) {
            return Optional.empty();
        }
        TelemetryPoint first = points.get(0);
        TelemetryPoint last = points.get(points.size() - 1);
        if (t <= first.t()) {
            return first.t() - t <= EDGE_S ? Optional.of(first) : Optional.empty();
        }
        if (t >= last.t()) {
            return t - last.t() <= EDGE_S ? Optional.of(last) : Optional.empty();
        }
        int lo = 0;
        int hi = points.size() - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).t() <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        TelemetryPoint a = points.get(lo);
        TelemetryPoint b = points.get(hi);
        if (b.t() - a.t() > MAX_GAP_S) {
            return Optional.empty();
        }
        double f = b.t() == a.t() ? 0 : (t - a.t()) / (b.t() - a.t());
        return Optional.of(new TelemetryPoint(t, lerp(a.lat(), b.lat(), f), lerp(a.lon(), b.lon(), f),
                lerp(a.altRel(), b.altRel(), f), lerp(a.altAbs(), b.altAbs(), f),
                lerp(a.gimbalPitch(), b.gimbalPitch(), f), angle(a.gimbalYaw(), b.gimbalYaw(), f),
                angle(a.heading(), b.heading(), f)));
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }

    private static Double lerp(Double a, Double b, double f) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return lerp(a.doubleValue(), b.doubleValue(), f);
    }

    private static Double angle(Double a, Double b, double f) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        double d = ((b - a) % 360 + 540) % 360 - 180;
        double v = a + d * f;
        return ((v % 360) + 360) % 360;
    }
}
