package io.minewatch.detect.ground;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a zone's ground looks like in one hour-of-day band: the mean of {@code referenceFrames}
 * observations, each cell taken only from the observations in which no tracked object covered it
 * (a cell seen fewer than {@link #MIN_SAMPLES} times is not watched), each cell's spread among them
 * (how much it moves on its own: water, swaying vegetation), and the least covered of those frames
 * as the "before" picture (JPEG).
 */
final class BandReference {
    /** A cell whose own observations differ this much from their mean is not watched (water, foliage). */
    static final float UNSTABLE = 0.8f;
    /** A cell counts as changed above this many times its own spread (and above 1). */
    static final float SPREAD_MARGIN = 1.5f;

    /** Least observations of a cell, free of tracked objects, for it to be watched. */
    static final int MIN_SAMPLES = 2;

    private final int frames;
    private final List<float[]> samples = new ArrayList<>();
    private final List<boolean[]> hiddenIn = new ArrayList<>();
    private int fewestHidden = Integer.MAX_VALUE;
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

    /**
     * Adds an observation while the reference is being built; its cells under tracked objects
     * ({@code hidden}) do not count. The picture kept is the latest of the least covered frames.
     */
    void add(float[] features, boolean[] hidden, Supplier<byte[]> jpeg, Instant time) {
        if (ready()) {
            return;
        }
        samples.add(features);
        hiddenIn.add(hidden.clone());
        int n = 0;
        for (boolean h : hidden) {
            n += h ? 1 : 0;
        }
        if (n <= fewestHidden) {
            fewestHidden = n;
            before = jpeg.get();
            beforeTime = time;
        }
        if (samples.size() >= frames) {
            build(time);
        }
    }

    private void build(Instant time) {
        int len = samples.get(0).length;
        int cells = len / CellFeatures.LEN;
        float[] m = new float[len];
        int[] seen = new int[cells];
        for (int k = 0; k < samples.size(); k++) {
            float[] s = samples.get(k);
            boolean[] h = hiddenIn.get(k);
            for (int c = 0; c < cells; c++) {
                if (h[c]) {
                    continue;
                }
                seen[c]++;
                for (int i = c * CellFeatures.LEN; i < (c + 1) * CellFeatures.LEN; i++) {
                    m[i] += s[i];
                }
            }
        }
        for (int c = 0; c < cells; c++) {
            for (int i = c * CellFeatures.LEN; i < (c + 1) * CellFeatures.LEN; i++) {
                m[i] /= Math.max(1, seen[c]);
            }
        }
        float[] t = new float[cells];
        for (int c = 0; c < cells; c++) {
            float spread = 0;
            for (int k = 0; k < samples.size(); k++) {
                if (!hiddenIn.get(k)[c]) {
                    spread = Math.max(spread, CellDistance.score(samples.get(k), c, m, c));
                }
            }
            t[c] = seen[c] < MIN_SAMPLES || spread >= UNSTABLE ? Float.POSITIVE_INFINITY
                    : Math.max(1f, SPREAD_MARGIN * spread);
        }
        mean = m;
        threshold = t;
        builtAt = time;
        samples.clear();
        hiddenIn.clear();
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
