package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.DetectSettings;
import io.minewatch.config.DetectSettings.RuleConfig;
import io.minewatch.config.DetectSettings.TimeWindow;
import io.minewatch.config.DetectSettings.ZoneConfig;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.rules.HeavyVehicleInZoneRule;
import io.minewatch.detect.rules.HeavyVehicleRule;
import io.minewatch.detect.testing.Media;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One clip, one zone, a night schedule (20:00–06:00 in the site's zone, Asia/Shanghai): played
 * "at" 22:00 local it raises heavy_vehicle_in_zone for the tanker in the road zone; played at noon
 * it raises none, while the zone-less heavy_vehicle rule fires the same either way. The clock of the
 * file source is injected.
 */
class ZoneScheduleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private static DetectSettings settings() {
        List<double[]> lowerHalf = List.of(new double[] {0, 0.45}, new double[] {1, 0.45}, new double[] {1, 1},
                new double[] {0, 1});
        return new DetectSettings(null, 10, DetectSettings.MotionConfig.DEFAULT,
                List.of(new ZoneConfig("haul-road", "road", lowerHalf)),
                Map.of("night", List.of(new TimeWindow(20 * 60, 6 * 60))),
                List.of(new RuleConfig(HeavyVehicleInZoneRule.NAME, List.of("haul-road"), "night", 30, 3)), true);
    }

    private List<DetectionEvent> play(Harness h, String camera, String utc) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(utc), ZoneOffset.UTC);
        try (CameraPipeline p = h.run(camera, Media.video(Media.HAAR), clock,
                CameraDetection.from(settings(), SHANGHAI), dir)) {
            return h.events.stream().filter(e -> e.camera().equals(camera)).toList();
        }
    }

    @Test
    void theSameClipAlertsInsideTheScheduleAndNotOutside() throws Exception {
        try (Harness h = new Harness("yolox-nano")) {
            List<DetectionEvent> night = play(h, "night-cam", "2026-11-29T14:00:00Z"); // 22:00 in Shanghai
            List<DetectionEvent> noon = play(h, "noon-cam", "2026-11-29T04:00:00Z");   // 12:00 in Shanghai

            List<DetectionEvent> inZone = night.stream()
                    .filter(e -> e.rule().equals(HeavyVehicleInZoneRule.NAME) && e.kind().equals("enter")).toList();
            assertFalse(inZone.isEmpty(), "no heavy_vehicle_in_zone at night: " + night);
            assertTrue(inZone.stream().anyMatch(e -> e.streamOffsetS() <= 3.0), "the tanker (~1 s) is missing: " + inZone);
            for (DetectionEvent e : inZone) {
                assertEquals("haul-road", e.zone());
                assertTrue(e.box().y2() / e.frameHeight() >= 0.45, "bottom centre outside the zone: " + e);
            }
            assertTrue(noon.stream().noneMatch(e -> e.rule().equals(HeavyVehicleInZoneRule.NAME)),
                    "heavy_vehicle_in_zone outside its schedule: " + noon);
            assertEquals(count(night, HeavyVehicleRule.NAME), count(noon, HeavyVehicleRule.NAME),
                    "the unscheduled heavy_vehicle rule fires the same at any hour");
        }
    }

    private static long count(List<DetectionEvent> events, String rule) {
        return events.stream().filter(e -> e.rule().equals(rule)).count();
    }
}
