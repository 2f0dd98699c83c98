package io.minewatch.detect.ground;

import io.minewatch.detect.zones.Zone;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One zone's references (one per hour-of-day band) and its run of changed observations.
 *
 * <p>References take each cell only from frames in which no tracked object (grown by a margin)
 * covers it, and no frame whose objects cover more than {@link #MAX_COVERED_FOR_REFERENCE} of the zone.
 *
 * <p>A run starts with an observation whose changed cells cover at least {@code share} of the
 * zone's watchable cells; its core is those cells. Each later observation keeps in the core only the
 * cells still changed (cells hidden by a tracked object or not watchable in this band keep their
 * place), and counts when the core still covers {@code share}; {@link #MAX_MISSES} observations in a
 * row that do not count end the run. The run alerts when it has counted {@code observations} over at
 * least {@code span}; then the zone rests for the cool-down and its references are rebuilt from the
 * ground as it is now, so the same change is reported once.
 */
final class ZoneWatch {
    private static final Logger log = LoggerFactory.getLogger(ZoneWatch.class);
    /** Observations in a row that do not confirm the change before its run ends. */
    static final int MAX_MISSES = 3;
    /** Least share of the zone's cells that must be watchable (stable), and of those visible, to judge. */
    static final double MIN_WATCHABLE = 0.5;
    /** A frame whose tracked objects cover more of the zone than this gives its reference nothing. */
    static final double MAX_COVERED_FOR_REFERENCE = 0.3;

    private final Zone zone;
    private final int[] cells;
    private final GroundSettings settings;
    private BandReference[] bands;
    private boolean[] core;
    private Instant runStart;
    private int runCount;
    private int misses;
    private Instant quietUntil = Instant.MIN;
    private boolean warnedUnwatchable;

    ZoneWatch(Zone zone, int[] cells, GroundSettings settings) {
        this.zone = zone;
        this.cells = cells;
        this.settings = settings;
        this.bands = new BandReference[settings.bands()];
    }

    Zone zone() {
        return zone;
    }

    int[] cells() {
        return cells;
    }

    /**
     * One observation.
     *
     * @param features the zone's cell features (packed in {@link #cells()} order)
     * @param hidden   which of the zone's cells a tracked object covers
     * @param band     the hour-of-day band of {@code t}
     * @param jpeg     the frame as a JPEG, made only when a reference needs it
     * @return the change to report, or null
     */
    Outcome observe(float[] features, boolean[] hidden, Instant t, int band, Supplier<byte[]> jpeg) {
        int covered = 0;
        for (boolean h : hidden) {
            covered += h ? 1 : 0;
        }
        BandReference ref = bands[band];
        if (ref != null && ref.ready() && core == null
                && t.toEpochMilli() - ref.builtAt().toEpochMilli() > settings.referenceMaxAgeMillis()) {
            ref = null;
        }
        if (ref == null) {
            ref = new BandReference(settings.referenceFrames());
            bands[band] = ref;
        }
        if (!ref.ready()) {
            if (covered <= MAX_COVERED_FOR_REFERENCE * cells.length) {
                ref.add(features, hidden, jpeg, t);
            }
            return null;
        }
        if (t.isBefore(quietUntil)) {
            return null;
        }
        int watchable = 0;
        int visible = 0;
        boolean[] changed = new boolean[cells.length];
        int nChanged = 0;
        for (int c = 0; c < cells.length; c++) {
            if (!ref.watched(c)) {
                continue;
            }
            watchable++;
            if (hidden[c]) {
                continue;
            }
            visible++;
            if (CellDistance.score(features, c, ref.mean(), c) >= ref.threshold(c)) {
                changed[c] = true;
                nChanged++;
            }
        }
        if (watchable < MIN_WATCHABLE * cells.length) {
            if (!warnedUnwatchable) {
                warnedUnwatchable = true;
                log.warn("zone {}: only {} of {} cells stable enough to watch for ground change in band {}",
                        zone.name(), watchable, cells.length, band);
            }
            return null;
        }
        if (visible < MIN_WATCHABLE * watchable) {
            return null;
        }
        double share = (double) nChanged / watchable;
        double persistent;
        if (core == null) {
            if (share < settings.share()) {
                return new Outcome(null, share, 0);
            }
            start(changed, t);
            persistent = share;
        } else {
            boolean[] kept = new boolean[cells.length];
            int n = 0;
            for (int c = 0; c < cells.length; c++) {
                kept[c] = core[c] && (changed[c] || hidden[c] || !ref.watched(c));
                n += kept[c] ? 1 : 0;
            }
            persistent = (double) n / watchable;
            if (persistent >= settings.share()) {
                core = kept;
                runCount++;
                misses = 0;
            } else if (++misses >= MAX_MISSES) {
                core = null;
                if (share >= settings.share()) {
                    start(changed, t);
                    persistent = share;
                }
            }
        }
        if (core != null && runCount >= settings.observations()
                && t.toEpochMilli() - runStart.toEpochMilli() >= settings.spanMillis()) {
            GroundFinding f = new GroundFinding(zone, share, persistent, runCount, runStart, t, cells, changed,
                    null, ref.before(), ref.beforeTime());
            core = null;
            quietUntil = t.plusMillis(settings.cooldownMillis());
            bands = new BandReference[settings.bands()];
            return new Outcome(f, share, persistent);
        }
        return new Outcome(null, share, persistent);
    }

    private void start(boolean[] changed, Instant t) {
        core = changed.clone();
        runStart = t;
        runCount = 1;
        misses = 0;
    }

    /** Observations counted in the current run (0: none). */
    int runCount() {
        return core == null ? 0 : runCount;
    }

    /**
     * What one compared observation gave.
     *
     * @param finding    the change to report, or null
     * @param share      share of watchable cells changed now
     * @param persistent share changed through the whole run so far
     */
    record Outcome(GroundFinding finding, double share, double persistent) {
    }
}
