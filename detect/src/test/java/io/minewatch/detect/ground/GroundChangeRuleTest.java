package io.minewatch.detect.ground;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.zones.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ground_change on days of a fixed camera made from real footage ({@link GroundScenes}): one
 * observation every 30 minutes of capture time (frame timestamps, no waiting), references in 3-hour
 * bands from the first day, N = 6 observations over M = 12 hours, 10 % of the zone. A patch of earth
 * growing in the pit alerts once with before and after; light, clouds, shadows, rain, noise, a
 * swaying tree and a parked (tracked) pickup do not.
 */
class GroundChangeRuleTest {
    private static final GroundSettings SETTINGS = new GroundSettings(0.10, 6, 12 * 3_600_000L, 30 * 60_000L, 3, 6,
            72 * 3_600_000L, 30L * 24 * 3_600_000L);
    private static GroundScenes scenes;
    private static final java.util.concurrent.atomic.AtomicLong COST_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong COST_COUNT = new java.util.concurrent.atomic.AtomicLong();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        scenes = new GroundScenes();
    }

    @AfterAll
    static void free() {
        org.slf4j.LoggerFactory.getLogger(GroundChangeRuleTest.class).info(
                "ground_change: {} observations of 2 zones (640x360), {} ms each on average",
                COST_COUNT.get(), String.format("%.2f", COST_NANOS.get() / 1e6 / Math.max(1, COST_COUNT.get())));
        scenes.close();
    }

    /** What a run gave: findings with the frame that confirmed each, and the largest single-observation shares. */
    private record Run(List<GroundFinding> findings, List<Mat> afters, double maxPit, double maxStockpile) {
    }

    private static double hoursSince(Instant t) {
        return (t.toEpochMilli() - GroundScenes.DAY0.toEpochMilli()) / 3_600_000.0;
    }

    private static Run run(double days, Function<Instant, GroundScenes.Look> looks,
                           Function<Instant, List<Box>> objects) {
        GroundChangeRule rule = new GroundChangeRule(GroundScenes.ZONES, List.of(), SETTINGS, Schedule.ALWAYS,
                GroundScenes.SITE);
        Random rnd = new Random(17);
        List<GroundFinding> findings = new ArrayList<>();
        List<Mat> afters = new ArrayList<>();
        double maxPit = 0;
        double maxStock = 0;
        for (Instant t : GroundScenes.times(days, 30)) {
            try (Mat f = scenes.frame(t, looks.apply(t), rnd)) {
                long start = System.nanoTime();
                List<GroundFinding> found = rule.observe(f, t, objects.apply(t));
                COST_NANOS.addAndGet(System.nanoTime() - start);
                COST_COUNT.incrementAndGet();
                for (GroundFinding g : found) {
                    findings.add(g);
                    afters.add(f.clone());
                }
            }
            ZoneWatch.Outcome p = rule.lastOutcome(GroundScenes.PIT.name());
            ZoneWatch.Outcome s = rule.lastOutcome(GroundScenes.STOCKPILE.name());
            maxPit = Math.max(maxPit, p == null ? 0 : p.share());
            maxStock = Math.max(maxStock, s == null ? 0 : s.share());
        }
        return new Run(findings, afters, maxPit, maxStock);
    }

    /** Day 0 sunny, day 1 overcast (70 % light), and so on. */
    private static double cloud(Instant t) {
        return ((int) (hoursSince(t) / 24)) % 2 == 1 ? 0.7 : 1.0;
    }

    @Test
    void aGrowingPatchOfEarthAlertsOnceWithBeforeAndAfter() throws Exception {
        // The patch appears on day 1 and grows 1.5 px an hour to 60 px (half the pit), then stays for days.
        Run r = run(4.5, t -> {
            double h = hoursSince(t);
            double radius = h < 24 ? 0 : Math.min(60, (h - 24) * 1.5);
            return new GroundScenes.Look(radius, false, false, 3, false, false, cloud(t));
        }, t -> List.of());
        try {
            assertEquals(1, r.findings().size(), "one alert for one change: " + r.findings());
            GroundFinding f = r.findings().get(0);
            assertEquals(GroundScenes.PIT.name(), f.zone().name());
            assertTrue(f.observations() >= 6, "persisted through " + f.observations());
            assertTrue(Duration.between(f.since(), f.at()).toHours() >= 12, f.since() + " .. " + f.at());
            assertTrue(f.share() >= 0.10 && f.persistent() >= 0.10, "share " + f.share() + ", persistent " + f.persistent());
            assertTrue(hoursSince(f.since()) >= 24, "the run starts after the patch appeared: " + f.since());
            assertTrue(f.beforeTime().isBefore(GroundScenes.DAY0.plus(Duration.ofHours(24))),
                    "the before picture is the first day's reference: " + f.beforeTime());

            try (BeforeAfter.Picture p = BeforeAfter.draw(f, r.afters().get(0), GroundScenes.SITE)) {
                assertEquals(2 * scenes.width(), p.image().cols());
                assertEquals(scenes.height(), p.image().rows());
                Box b = p.changed();
                // Changed cells lie on the after half, around the patch's centre (0.22 w, 0.10 h).
                assertTrue(b.x1() >= scenes.width() && b.x2() <= 2 * scenes.width(), "box " + b);
                double cx = scenes.width() + 0.22 * scenes.width();
                double cy = 0.10 * scenes.height();
                assertTrue(b.x1() <= cx && cx <= b.x2() && b.y1() <= cy && cy <= b.y2(), "box " + b + " misses the patch");
                assertTrue(redOutline(p.image(), b) > 20, "the changed area is outlined in red");
                String rel = new SnapshotWriter(dir).writeImage("cam", "ground-" + f.zone().name(), f.at(), p.image());
                Path file = dir.resolve(rel);
                assertTrue(Files.size(file) > 10_000, rel);
                try (Mat back = imread(file.toString())) {
                    assertEquals(2 * scenes.width(), back.cols());
                }
            }
        } finally {
            r.afters().forEach(Mat::close);
        }
    }

    /**
     * Days in which the view moves at hour 30; with {@code reset}, the rule is reset just before its
     * first observation of the moved view (what the camera's ground thread does on a "moved" tamper).
     * A patch of earth starts growing in the pit at {@code patchFrom} hours.
     */
    private static Run movedRun(double days, boolean reset, double patchFrom) {
        GroundChangeRule rule = new GroundChangeRule(GroundScenes.ZONES, List.of(), SETTINGS, Schedule.ALWAYS,
                GroundScenes.SITE);
        Random rnd = new Random(23);
        List<GroundFinding> findings = new ArrayList<>();
        boolean wasMoved = false;
        for (Instant t : GroundScenes.times(days, 30)) {
            double h = hoursSince(t);
            boolean isMoved = h >= 30;
            if (reset && isMoved && !wasMoved) {
                rule.reset();
            }
            wasMoved = isMoved;
            double radius = h < patchFrom ? 0 : Math.min(60, (h - patchFrom) * 1.5);
            try (Mat scene = scenes.frame(t, new GroundScenes.Look(radius, false, false, 3, false, false, cloud(t)), rnd);
                 Mat f = isMoved ? GroundScenes.moved(scene) : scene.clone()) {
                findings.addAll(rule.observe(f, t, List.of()));
            }
        }
        return new Run(findings, List.of(), 0, 0);
    }

    @Test
    void aMovedViewAlertsUnlessItsReferencesAreResetAndALaterChangeStillAlerts() {
        // Without the reset, the old references make the moved view a ground change 12 h later.
        Run stale = movedRun(2, false, Double.MAX_VALUE);
        assertTrue(!stale.findings().isEmpty(), "the moved view alone did not alert: this test would prove nothing");
        for (GroundFinding f : stale.findings()) {
            assertTrue(hoursSince(f.since()) >= 30, "alerted before the view moved: " + f.since());
        }
        // With the reset at the move, every band's reference is built again from the moved view over
        // the next day (hours 30-54); then a patch of earth grows in the pit: one alert, against the new view.
        Run reset = movedRun(4, true, 54);
        assertEquals(1, reset.findings().size(), "only the patch after the move alerts: " + reset.findings());
        GroundFinding f = reset.findings().get(0);
        assertEquals(GroundScenes.PIT.name(), f.zone().name());
        assertTrue(hoursSince(f.since()) >= 54, "the run starts after the patch appeared: " + f.since());
        assertTrue(hoursSince(f.beforeTime()) >= 30, "the before picture is of the moved view: " + f.beforeTime());
    }

    private static int redOutline(Mat pair, Box b) {
        int red = 0;
        try (UByteIndexer idx = pair.createIndexer()) {
            for (int y = (int) b.y1(); y < Math.min(pair.rows(), b.y2() + 2); y++) {
                for (int x = (int) b.x1(); x < Math.min(pair.cols(), b.x2() + 2); x++) {
                    if (idx.get(y, x, 2) > 200 && idx.get(y, x, 1) < 60 && idx.get(y, x, 0) < 60) {
                        red++;
                    }
                }
            }
        }
        return red;
    }

    @Test
    void lightCloudsShadowsRainNoiseAndSwayingBranchesDoNotAlert() {
        // Daylight ramps every day, overcast days, a building's shadow sweeping over the pit from the
        // second day, rain on the third, heavy sensor noise on the fourth, the tree swaying throughout.
        Run r = run(4, t -> {
            int day = (int) (hoursSince(t) / 24);
            return new GroundScenes.Look(0, day >= 1, day == 2, day == 3 ? 8 : 3, true, false, cloud(t));
        }, t -> List.of());
        // Single observations may flag cells (a shadow's edge, a dark frame with 2.7x the reference's
        // noise reached 0.41 of the pit once); what must not happen is a change that persists.
        assertEquals(List.of(), r.findings(), "pit max " + r.maxPit() + ", stockpile max " + r.maxStockpile());
    }

    @Test
    void aParkedVehicleThatIsTrackedIsNotAGroundChange() {
        // A pickup parks on the stockpile on day 1 and stays; the tracker reports its box.
        Function<Instant, GroundScenes.Look> parked = t -> new GroundScenes.Look(0, false, false, 3, false,
                hoursSince(t) >= 24, cloud(t));
        Run tracked = run(3.5, parked, t -> hoursSince(t) >= 24 ? List.of(scenes.pickupBox()) : List.of());
        assertEquals(List.of(), tracked.findings());
        // The same days without the tracker's box: the pickup is a change of structure the rule sees,
        // so the test above is about the tracked box and not about a blind rule.
        Run untracked = run(3.5, parked, t -> List.of());
        assertEquals(1, untracked.findings().size());
        assertEquals(GroundScenes.STOCKPILE.name(), untracked.findings().get(0).zone().name());
        untracked.afters().forEach(Mat::close);
    }
}
