package io.minewatch.detect.ground;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.zones.Schedule;
import io.minewatch.detect.zones.Zone;
import io.minewatch.detect.zones.Zones;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ground_change}: the ground of a fixed camera's pit, stockpile and riverbank zones changed
 * in structure (a new pit, a growing stockpile, a cut bank) and stayed changed — see
 * {@link ZoneWatch} for the run that must build up, {@link CellFeatures} and {@link CellDistance}
 * for what is compared. One instance per camera (and rule entry); every method runs on one thread.
 *
 * <p>Observations are taken at most every {@code sample_minutes} of capture time, inside the rule's
 * schedule; the hour-of-day band of an observation (in the site's time zone) picks the reference it
 * is compared with, so that a low sun's long shadows are compared with their own hour.
 */
public final class GroundChangeRule {
    /** The rule's stable name. */
    public static final String NAME = "ground_change";
    /** Zone kinds watched when the config names none. */
    public static final Set<String> KINDS = Set.of("pit", "stockpile", "riverbank");
    private static final Logger log = LoggerFactory.getLogger(GroundChangeRule.class);

    private final List<Zone> zones;
    private final GroundSettings settings;
    private final Schedule schedule;
    private final ZoneId siteZone;
    private CellGrid grid;
    private final List<ZoneWatch> watches = new ArrayList<>();
    private Instant last;
    private final java.util.Map<String, ZoneWatch.Outcome> outcomes = new java.util.HashMap<>();

    /**
     * @param zones     the camera's zones
     * @param zoneNames the zones to watch; empty = every pit, stockpile and riverbank zone
     * @param siteZone  the site's time zone (hour-of-day bands)
     */
    public GroundChangeRule(Zones zones, List<String> zoneNames, GroundSettings settings, Schedule schedule,
                            ZoneId siteZone) {
        List<Zone> picked = new ArrayList<>();
        for (Zone z : zones.all()) {
            if (!z.isMask() && (zoneNames.isEmpty() ? KINDS.contains(z.kind()) : zoneNames.contains(z.name()))) {
                picked.add(z);
            }
        }
        this.zones = List.copyOf(picked);
        this.settings = settings;
        this.schedule = schedule;
        this.siteZone = siteZone;
    }

    public GroundSettings settings() {
        return settings;
    }

    /** Whether an observation is due at this capture time (interval passed, inside the schedule). */
    public boolean due(Instant t) {
        return !zones.isEmpty() && schedule.contains(t)
                && (last == null || t.isBefore(last) || t.toEpochMilli() - last.toEpochMilli() >= settings.sampleMillis());
    }

    /**
     * Observes the zones in one frame if due (else returns nothing).
     *
     * @param bgr     the detect frame (not kept)
     * @param t       its capture time
     * @param objects the boxes of the objects tracked in it, in its pixels: the cells they cover are
     *                not compared, and a zone they touch takes no reference from this frame
     */
    public List<GroundFinding> observe(Mat bgr, Instant t, Collection<Box> objects) {
        if (!due(t)) {
            return List.of();
        }
        last = t;
        if (grid == null || grid.frameWidth != bgr.cols() || grid.frameHeight != bgr.rows()) {
            if (grid != null) {
                log.warn("ground_change: frame size changed to {}x{}, references start again", bgr.cols(), bgr.rows());
            }
            setUp(bgr.cols(), bgr.rows());
        }
        boolean[] hiddenGrid = new boolean[grid.size()];
        for (Box b : objects) {
            grid.markHidden(b, hiddenGrid);
        }
        boolean[] needed = new boolean[grid.size()];
        for (ZoneWatch w : watches) {
            for (int c : w.cells()) {
                needed[c] = true;
            }
        }
        CellFeatures features = CellFeatures.of(bgr, grid, needed);
        int band = t.atZone(siteZone).getHour() / settings.bandHours();
        Supplier<byte[]> jpeg = new Supplier<>() {
            private byte[] bytes;

            @Override
            public byte[] get() {
                if (bytes == null) {
                    bytes = jpeg(bgr);
                }
                return bytes;
            }
        };
        GroundFinding.CellGridView view = new GroundFinding.CellGridView(grid.width, grid.height, grid.cols,
                CellGrid.CELL);
        List<GroundFinding> out = new ArrayList<>();
        for (ZoneWatch w : watches) {
            int[] cells = w.cells();
            boolean[] hidden = new boolean[cells.length];
            for (int i = 0; i < cells.length; i++) {
                hidden[i] = hiddenGrid[cells[i]];
            }
            ZoneWatch.Outcome o = w.observe(features.pick(cells), hidden, t, band, jpeg);
            outcomes.put(w.zone().name(), o);
            if (o != null && o.finding() != null) {
                out.add(o.finding().withGrid(view));
            }
            if (o != null && log.isDebugEnabled()) {
                log.debug("zone {} at {}: changed {}, persistent {}, run {}", w.zone().name(), t,
                        String.format("%.3f", o.share()), String.format("%.3f", o.persistent()), w.runCount());
            }
        }
        return out;
    }

    private void setUp(int width, int height) {
        grid = new CellGrid(width, height);
        watches.clear();
        for (Zone z : zones) {
            int[] cells = grid.cellsOf(z.polygon());
            if (cells.length == 0) {
                log.warn("ground_change: zone {} covers no whole {} px cell of a {}x{} frame; not watched",
                        z.name(), CellGrid.CELL, width, height);
                continue;
            }
            watches.add(new ZoneWatch(z, cells, settings));
        }
    }

    /**
     * Forgets every zone's references (all hour-of-day bands), runs in progress and cool-downs, as when
     * the frame size changes: the next observation starts building references of the view as it is
     * then. For a camera whose view was moved or re-zoomed (its {@code camera_tamper} "moved"), whose
     * old references would make every zone a ground change. On the rule's own thread, like
     * {@link #observe}; the sampling interval carries on.
     */
    public void reset() {
        grid = null;
        watches.clear();
        outcomes.clear();
    }

    /** What the last observation gave for a zone: null when it was not compared (reference building, hidden). */
    ZoneWatch.Outcome lastOutcome(String zone) {
        return outcomes.get(zone);
    }

    /** The run length of a zone's current change (tests and logs). */
    int runCount(String zone) {
        return watches.stream().filter(w -> w.zone().name().equals(zone)).mapToInt(ZoneWatch::runCount).sum();
    }

    private static byte[] jpeg(Mat bgr) {
        try (BytePointer buf = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 85)) {
            if (!imencode(".jpg", bgr, buf, params)) {
                return null;
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }
}
