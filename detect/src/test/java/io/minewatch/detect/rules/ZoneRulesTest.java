package io.minewatch.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.infer.Box;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.track.IouTracker;
import io.minewatch.detect.track.Track;
import io.minewatch.detect.zones.Polygon;
import io.minewatch.detect.zones.Schedule;
import io.minewatch.detect.zones.Zone;
import io.minewatch.detect.zones.Zones;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dwell, haul_trips and heavy_vehicle_in_zone on synthetic tracks in a 1000x1000 frame: a pit on the
 * left half, a road on the right half.
 */
class ZoneRulesTest {
    private static final Zones ZONES = new Zones(List.of(
            new Zone("pit", "pit", new Polygon(new double[] {0, 0.5, 0.5, 0}, new double[] {0, 0, 1, 1})),
            new Zone("road", "road", new Polygon(new double[] {0.5, 1, 1, 0.5}, new double[] {0, 0, 1, 1}))));
    private static final long SECOND = 1_000_000;

    private final IouTracker tracker = new IouTracker(0.1f, 2 * SECOND, 10 * SECOND, 600 * SECOND);
    private final HeavyVehicleRule heavy = new HeavyVehicleRule(2, 0.5f);

    private static Detection truck(Box b) {
        return new Detection(7, "truck", Category.HEAVY_VEHICLE, 0.8f, b);
    }

    private List<RuleEvent> step(TrackRule rule, List<Detection> dets, long pts) {
        List<Track> tracks = tracker.update(dets, pts, List.of(), null, ZONES, 1000, 1000);
        List<Track> removed = List.copyOf(tracker.removedInLastUpdate());
        heavy.evaluate(tracks, removed);
        return rule.evaluate(Instant.EPOCH.plusMillis(pts / 1000), pts, tracks, removed, heavy);
    }

    @Test
    void anExcavatorStandingInThePitForFiveMinutesFiresDwellOnce() {
        DwellRule dwell = new DwellRule(ZONES, List.of(), 5, Schedule.ALWAYS);
        Box digger = new Box(100, 300, 300, 500);
        List<RuleEvent> fired = new ArrayList<>();
        for (long t = 0; t <= 12 * 60 * SECOND; t += 5 * SECOND) {
            // A little jitter, as real boxes have.
            Box b = digger.shift((t / SECOND) % 3, 0);
            fired.addAll(step(dwell, List.of(truck(b)), t));
        }
        assertEquals(1, fired.size(), fired.toString());
        RuleEvent e = fired.get(0);
        assertEquals("dwell", e.rule());
        assertEquals("pit", e.zone());
        assertEquals("stationary", e.kind());
    }

    @Test
    void aTruckDrivingThroughThePitIsNoDwell() {
        DwellRule dwell = new DwellRule(ZONES, List.of(), 5, Schedule.ALWAYS);
        List<RuleEvent> fired = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fired.addAll(step(dwell, List.of(truck(new Box(10 * i, 300, 10 * i + 100, 400))), i * SECOND));
        }
        assertTrue(fired.isEmpty(), fired.toString());
    }

    @Test
    void threeTrucksThroughTheRoadWithinTheWindowFireHaulTripsOnce() {
        HaulTripsRule haul = new HaulTripsRule(ZONES, List.of(), 3, 30, Schedule.ALWAYS);
        List<RuleEvent> fired = new ArrayList<>();
        long t = 0;
        for (int truckNo = 0; truckNo < 4; truckNo++) {
            // Each truck crosses the road zone top to bottom in 10 s, then is gone for 5 minutes.
            for (int i = 0; i < 10; i++, t += SECOND) {
                fired.addAll(step(haul, List.of(truck(new Box(600, 80 * i, 800, 80 * i + 150))), t));
            }
            for (int i = 0; i < 300; i += 5, t += 5 * SECOND) {
                fired.addAll(step(haul, List.of(), t));
            }
        }
        assertEquals(1, fired.size(), "fires when the third truck passes, not again for the fourth: " + fired);
        assertEquals(3, fired.get(0).count());
        assertEquals("road", fired.get(0).zone());
    }

    @Test
    void inZoneFiresOnEnteringAndLeaving() {
        HeavyVehicleInZoneRule rule = new HeavyVehicleInZoneRule(ZONES, List.of("road"), Schedule.ALWAYS);
        List<RuleEvent> fired = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Drives left to right: from the pit into the road.
            fired.addAll(step(rule, List.of(truck(new Box(80 * i, 400, 80 * i + 150, 500))), i * SECOND / 2));
        }
        assertEquals(1, fired.size(), fired.toString());
        assertEquals("enter", fired.get(0).kind());
        assertEquals("road", fired.get(0).zone());
        for (int i = 0; i < 8; i++) {
            fired.addAll(step(rule, List.of(), (12 + i) * SECOND));
        }
        assertEquals("leave", fired.get(fired.size() - 1).kind(), "lost in the road zone: " + fired);
    }
}
