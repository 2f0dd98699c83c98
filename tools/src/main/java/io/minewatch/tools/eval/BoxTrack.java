package io.minewatch.tools.eval;

import io.minewatch.detect.infer.Box;
import java.util.List;

/**
 * Where a labelled object is over time: boxes at some instants, in normalised frame coordinates
 * (fractions of the frame's width and height, so one labels file holds at any decode size),
 * linearly interpolated between them; before the first box the first holds, after the last the last.
 *
 * @param keys the boxes in strictly increasing time; may be empty (an appearance without boxes)
 */
public record BoxTrack(List<Key> keys) {

    /** No boxes: the appearance matches by time only. */
    public static final BoxTrack NONE = new BoxTrack(List.of());

    /** One box at one instant: seconds from the stream's start, corners as fractions in [0, 1]. */
    public record Key(double t, Box box) {
        public Key {
            if (!(t >= 0)) {
                throw new IllegalArgumentException("box time must be >= 0, got " + t);
            }
            if (!(box.x1() >= 0 && box.y1() >= 0 && box.x2() <= 1 && box.y2() <= 1
                    && box.x1() < box.x2() && box.y1() < box.y2())) {
                throw new IllegalArgumentException("box corners must be fractions of the frame with"
                        + " 0 <= x1 < x2 <= 1 and 0 <= y1 < y2 <= 1, got " + box);
            }
        }
    }

    public BoxTrack {
        keys = List.copyOf(keys);
        for (int i = 1; i < keys.size(); i++) {
            if (!(keys.get(i).t() > keys.get(i - 1).t())) {
                throw new IllegalArgumentException("box times must increase: " + keys.get(i).t() + " after "
                        + keys.get(i - 1).t());
            }
        }
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The normalised box at time {@code t}, or {@code null} when there are no boxes. */
    public Box at(double t) {
        if (keys.isEmpty()) {
            return null;
        }
        if (t <= keys.get(0).t()) {
            return keys.get(0).box();
        }
        for (int i = 1; i < keys.size(); i++) {
            Key b = keys.get(i);
            if (t <= b.t()) {
                Key a = keys.get(i - 1);
                float f = (float) ((t - a.t()) / (b.t() - a.t()));
                return new Box(lerp(a.box().x1(), b.box().x1(), f), lerp(a.box().y1(), b.box().y1(), f),
                        lerp(a.box().x2(), b.box().x2(), f), lerp(a.box().y2(), b.box().y2(), f));
            }
        }
        return keys.get(keys.size() - 1).box();
    }

    /** The box at {@code t} in pixels of a {@code width} × {@code height} frame, or {@code null}. */
    public Box at(double t, int width, int height) {
        Box n = at(t);
        return n == null ? null : new Box(n.x1() * width, n.y1() * height, n.x2() * width, n.y2() * height);
    }

    private static float lerp(float a, float b, float f) {
        return a + (b - a) * f;
    }
}
