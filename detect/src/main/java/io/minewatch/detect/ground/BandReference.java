package io.minewatch.detect.ground;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a zone's ground looks like in one hour-of-day band: the mean of {@code referenceFrames}
 * observations without tracked objects, each cell's spread among them (how much it moves on its own:
 * water, swaying vegetation), and the last of those frames as the "before" picture (JPEG).
 */
final class BandReference {
    /** A cell whose own observations differ this much from their mean is not watched (water, foliage). */
    static final float UNSTABLE = 0.8f;
    /** A cell counts as changed above this many times its own spread (and above 1). */
    static final float SPREAD_MARGIN = 1.5f;

    private final int frames;
    private final List<float[]> samples = new ArrayList<>();
    private float[] mean;
    private float[] threshold;
    private byte[] before;
    private Instant beforeTime;
    private Instant builtAt;

    BandReference(int frames) {
        this.frames = frames;
    }

    boolean ready() {
        return mean != null;
    }

    /** Adds an observation while the reference is being built; the last one's picture is kept. */
    void add(float[] features, byte[] jpeg, Instant time) {
        if (ready()) {
            return;
        }
        samples.add(features);
        before = jpeg;
        beforeTime = time;
        if (samples.size() >= frames) {
            build(time);
        }
    }

    private void build(Instant time) {
        int len = samples.get(0).length;
        int cells = len / CellFeatures.LEN;
        float[] m = new float[len];
        for (float[] s : samples) {
            for (int i = 0; i < len; i++) {
                m[i] += s[i];
            }
        }
        for (int i = 0; i < len; i++) {
            m[i] /= samples.size();
        }
        float[] t = new float[cells];
        for (int c = 0; c < cells; c++) {
            float spread = 0;
            for (float[] s : samples) {
                spread = Math.max(spread, CellDistance.score(s, c, m, c));
            }
            t[c] = spread >= UNSTABLE ? Float.POSITIVE_INFINITY : Math.max(1f, SPREAD_MARGIN * spread);
        }
        mean = m;
        threshold = t;
        builtAt = time;
        samples.clear();
    }

    /** The mean features (packed per zone cell). */
    float[] mean() {
        return mean;
    }

    /** Whether zone cell {@code c} is watched (stable while the reference was built). */
    boolean watched(int c) {
        return threshold[c] != Float.POSITIVE_INFINITY;
    }

    /** The score above which zone cell {@code c} counts as changed. */
    float threshold(int c) {
        return threshold[c];
    }

    byte[] before() {
        return before;
    }

    Instant beforeTime() {
        return beforeTime;
    }

    Instant builtAt() {
        return builtAt;
    }
}
