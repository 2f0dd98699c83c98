package io.minewatch.detect.pipeline;

import io.minewatch.config.DetectSettings;
import io.minewatch.config.DetectSettings.RuleConfig;
import io.minewatch.detect.ground.GroundChangeRule;
import io.minewatch.detect.ground.GroundSettings;
import io.minewatch.detect.motion.MotionSettings;
import io.minewatch.detect.overlay.OverlaySettings;
import io.minewatch.detect.rules.DwellRule;
import io.minewatch.detect.rules.HaulTripsRule;
import io.minewatch.detect.rules.HeavyVehicleInZoneRule;
import io.minewatch.detect.rules.TrackRule;
import io.minewatch.detect.zones.Polygon;
import io.minewatch.detect.zones.Schedule;
import io.minewatch.detect.zones.Zone;
import io.minewatch.detect.zones.Zones;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How one camera's detect path is set up: motion gate, zones, the periodic full-frame look, the
 * rules (made fresh per pipeline: they hold per-camera state) and tamper checks.
 *
 * @param motion         motion-gate thresholds
 * @param zones          zones and masks
 * @param fullFrameMicros stream time between whole-frame detector runs when nothing moves
 * @param rules          makes this camera's configurable rules (heavy_vehicle always runs)
 * @param tamper         whether tamper checks run
 * @param tamperHoldMicros how long a tamper condition must last
 * @param overlay        how the camera learns its burned-in text, whose detections are dropped
 * @param ground         makes this camera's ground_change rules (fresh per pipeline; none = no ground watch)
 */
public record CameraDetection(MotionSettings motion, Zones zones, long fullFrameMicros,
                              Supplier<List<TrackRule>> rules, boolean tamper, long tamperHoldMicros,
                              OverlaySettings overlay, Supplier<List<GroundChangeRule>> ground) {

    /** Defaults: motion gate on, no zones, a whole-frame look every 10 s, tamper checks on, overlay learnt. */
    public static final CameraDetection DEFAULT = new CameraDetection(MotionSettings.DEFAULT, Zones.NONE,
            10_000_000, List::of, true, 3_000_000);

    /** Without ground_change rules. */
    public CameraDetection(MotionSettings motion, Zones zones, long fullFrameMicros, Supplier<List<TrackRule>> rules,
                           boolean tamper, long tamperHoldMicros, OverlaySettings overlay) {
        this(motion, zones, fullFrameMicros, rules, tamper, tamperHoldMicros, overlay, List::of);
    }

    /** With the default overlay learning. */
    public CameraDetection(MotionSettings motion, Zones zones, long fullFrameMicros, Supplier<List<TrackRule>> rules,
                           boolean tamper, long tamperHoldMicros) {
        this(motion, zones, fullFrameMicros, rules, tamper, tamperHoldMicros, OverlaySettings.DEFAULT);
    }

    /** The same, with other overlay settings. */
    public CameraDetection withOverlay(OverlaySettings settings) {
        return new CameraDetection(motion, zones, fullFrameMicros, rules, tamper, tamperHoldMicros, settings, ground);
    }

    /** The same, with other ground_change rules. */
    public CameraDetection withGround(Supplier<List<GroundChangeRule>> rules) {
        return new CameraDetection(motion, zones, fullFrameMicros, this.rules, tamper, tamperHoldMicros, overlay,
                rules);
    }

    /** From a camera's config; schedules are read in the site's time zone. */
    public static CameraDetection from(DetectSettings s, ZoneId siteZone) {
        List<Zone> zones = new ArrayList<>();
        for (DetectSettings.ZoneConfig z : s.zones()) {
            zones.add(new Zone(z.name(), z.kind(), Polygon.of(z.points())));
        }
        Zones all = new Zones(zones);
        List<RuleConfig> configs = s.rules();
        Supplier<List<TrackRule>> rules = () -> {
            List<TrackRule> out = new ArrayList<>();
            for (RuleConfig r : configs) {
                if (GroundChangeRule.NAME.equals(r.type())) {
                    continue;
                }
                Schedule schedule = schedule(r, s, siteZone);
                out.add(switch (r.type()) {
                    case HeavyVehicleInZoneRule.NAME -> new HeavyVehicleInZoneRule(all, r.zones(), schedule);
                    case DwellRule.NAME -> new DwellRule(all, r.zones(), r.minutes(), schedule);
                    case HaulTripsRule.NAME -> new HaulTripsRule(all, r.zones(), r.count(), r.minutes(), schedule);
                    default -> throw new IllegalArgumentException("unknown rule " + r.type());
                });
            }
            return out;
        };
        Supplier<List<GroundChangeRule>> ground = () -> {
            List<GroundChangeRule> out = new ArrayList<>();
            for (RuleConfig r : configs) {
                if (GroundChangeRule.NAME.equals(r.type())) {
                    out.add(new GroundChangeRule(all, r.zones(), GroundSettings.of(r.ground()), schedule(r, s, siteZone),
                            siteZone));
                }
            }
            return out;
        };
        return new CameraDetection(
                MotionSettings.DEFAULT.with(s.motion().threshold(), s.motion().minArea()), all,
                Math.round(s.fullFrameEveryS() * 1e6), rules, s.tamper(), 3_000_000, overlay(s.overlay()), ground);
    }

    private static Schedule schedule(RuleConfig r, DetectSettings s, ZoneId siteZone) {
        return r.schedule() == null ? Schedule.ALWAYS
                : new Schedule(r.schedule(), s.schedules().get(r.schedule()), siteZone);
    }

    /**
     * The learner's settings from {@code detection.overlay}: the warm-up in seconds becomes a number of
     * looks (one every {@link OverlaySettings#sampleMicros()}, at least two); the rest stays as
     * {@link OverlaySettings#DEFAULT}.
     */
    static OverlaySettings overlay(DetectSettings.OverlayConfig c) {
        OverlaySettings d = OverlaySettings.DEFAULT;
        int warmup = (int) Math.max(2, Math.round(c.warmupS() * 1e6 / d.sampleMicros()));
        return new OverlaySettings(c.enabled(), d.sampleMicros(), Math.round(c.refreshS() * 1e6), d.horizonSamples(),
                warmup, d.edgeContrast(), d.minPersistence(), c.dropCoverage());
    }
}
