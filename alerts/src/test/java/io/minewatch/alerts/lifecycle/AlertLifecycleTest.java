package io.minewatch.alerts.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minewatch.alerts.AlertFactory;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.SuppressWindow;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private static AlertsConfig config(double cooldown, List<SuppressWindow> suppress) {
        return new AlertsConfig(60, cooldown, 0.7, 3600, "quick", Map.of("dredging", "emergency"),
                AlertsConfig.DEFAULT_DEADLINES_S, 3, false, 0, suppress, List.of(), List.of());
    }

    private static DetectionEvent event(String rule, long object, double atS, float score, float x) {
        return new DetectionEvent(rule, "cam-1", "pit", object, T0.plusMillis((long) (atS * 1000)), atS, "heavy_vehicle",
                "truck", score, new Box(x, 100, x + 100, 200), 640, 360, "snapshots/cam-1/" + object + "-" + atS + ".jpg");
    }

    private static List<String> kinds(List<Step> steps) {
        return steps.stream().map(Step::kind).toList();
    }

    private final AlertLifecycle life = new AlertLifecycle(config(0, List.of()), new AlertFactory(), ZoneOffset.UTC);

    @Test
    void oneAlertPerActivityPeriodWithUpdatesThenEnd() {
        List<Step> first = life.onEvent(event("heavy_vehicle", 1, 0, 0.6f, 10), T0);
        assertEquals(List.of(Step.NEW), kinds(first));
        String id = first.get(0).alert().id();
        assertEquals("quick", first.get(0).alert().level());

        Step better = life.onEvent(event("heavy_vehicle", 1, 5, 0.8f, 20), T0.plusSeconds(5)).get(0);
        assertEquals(Step.UPDATE, better.kind());
        assertEquals(id, better.alert().id());
        assertEquals(0.8f, better.alert().score());
        assertEquals("snapshots/cam-1/1-5.0.jpg", better.alert().snapshot(), "better snapshot");

        Step more = life.onEvent(event("heavy_vehicle", 2, 10, 0.5f, 300), T0.plusSeconds(10)).get(0);
        assertEquals(Step.UPDATE, more.kind());
        assertEquals(2, more.alert().objects());
        assertEquals(0.8f, more.alert().score(), "keeps the best evidence");

        assertEquals(List.of(Step.NONE), kinds(life.onEvent(event("heavy_vehicle", 2, 12, 0.4f, 300), T0.plusSeconds(12))));
        assertEquals(List.of(), kinds(life.tick(T0.plusSeconds(60))));
        List<Step> end = life.tick(T0.plusSeconds(73));
        assertEquals(List.of(Step.END), kinds(end));
        assertEquals(id, end.get(0).alert().id());
        assertEquals("end", end.get(0).alert().event());
    }

    @Test
    void anEventAfterTheGapEndsTheOldAlertAndRaisesANewOne() {
        String first = life.onEvent(event("dredging", 1, 0, 0.6f, 10), T0).get(0).alert().id();
        List<Step> steps = life.onEvent(event("dredging", 7, 100, 0.6f, 400), T0.plusSeconds(100));
        assertEquals(List.of(Step.END, Step.NEW), kinds(steps));
        assertEquals(first, steps.get(0).alert().id());
        assertEquals("emergency", steps.get(1).alert().level());
    }

    @Test
    void separateRulesAndCamerasAreSeparateAlerts() {
        life.onEvent(event("heavy_vehicle", 1, 0, 0.6f, 10), T0);
        assertEquals(List.of(Step.NEW), kinds(life.onEvent(event("dwell", 1, 1, 0.6f, 10), T0.plusSeconds(1))));
    }

    @Test
    void aStationaryObjectNeverReRaises() {
        life.onEvent(event("heavy_vehicle", 1, 0, 0.6f, 10), T0);
        life.tick(T0.plusSeconds(61));
        // The tracker lost the parked truck and found it again under a new id, in the same place.
        assertEquals(List.of(Step.STATIONARY),
                kinds(life.onEvent(event("heavy_vehicle", 9, 300, 0.7f, 12), T0.plusSeconds(300))));
        // The same track firing again (e.g. a dwell rule) is stationary too.
        assertEquals(List.of(Step.STATIONARY),
                kinds(life.onEvent(event("heavy_vehicle", 1, 400, 0.7f, 200), T0.plusSeconds(400))));
        // Something elsewhere in the view is a new alert.
        assertEquals(List.of(Step.NEW), kinds(life.onEvent(event("heavy_vehicle", 10, 500, 0.7f, 400), T0.plusSeconds(500))));
    }

    @Test
    void cooldownAndSuppressionWindowsRaiseNothing() {
        AlertLifecycle cool = new AlertLifecycle(config(600, List.of(new SuppressWindow(List.of(), List.of("dwell"),
                LocalTime.of(9, 0), LocalTime.of(11, 0)))), new AlertFactory(), ZoneOffset.UTC);
        cool.onEvent(event("heavy_vehicle", 1, 0, 0.6f, 10), T0);
        cool.tick(T0.plusSeconds(61));
        assertEquals(List.of(Step.COOLDOWN), kinds(cool.onEvent(event("heavy_vehicle", 2, 120, 0.6f, 400),
                T0.plusSeconds(120))));
        assertEquals(List.of(Step.NEW), kinds(cool.onEvent(event("heavy_vehicle", 3, 700, 0.6f, 400),
                T0.plusSeconds(700))));
        assertEquals(List.of(Step.SUPPRESSED), kinds(cool.onEvent(event("dwell", 4, 10, 0.6f, 10), T0.plusSeconds(10))));
    }

    /**
     * Regression: suppression windows were read in the JVM's default time zone, while detection
     * schedules use {@code sites[].timezone}. On a server in UTC a site in Shanghai had its
     * "09:00-11:00" window at 17:00-19:00 local time.
     */
    @Test
    void suppressionWindowsAreReadInTheCamerasSiteTimeZone() throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            Path yaml = Files.createTempFile("suppress-", ".yaml");
            Files.writeString(yaml, """
                    sites:
                      - {id: pit, lat: 30.0, lon: 120.0, timezone: Asia/Shanghai}
                      - {id: depot, lat: 30.0, lon: 120.0}
                    cameras:
                      - {id: cam-1, site: pit, detect: "rtsp://127.0.0.1:8554/cam-1"}
                      - {id: cam-2, site: depot, detect: "rtsp://127.0.0.1:8554/cam-2"}
                    alerts:
                      suppress:
                        - {from: "09:00", to: "11:00"}
                    """);
            MinewatchConfig c = ConfigLoader.load(yaml, Map.of());
            Files.delete(yaml);
            AlertLifecycle zoned = new AlertLifecycle(c.alerts(), new AlertFactory(),
                    AlertLifecycle.siteZones(c.sites()));
            Instant twoUtc = Instant.parse("2026-05-01T02:00:00Z"); // 10:00 in Shanghai
            Instant halfPastNineUtc = Instant.parse("2026-05-01T09:30:00Z"); // 17:30 in Shanghai

            assertEquals(List.of(Step.SUPPRESSED), kinds(zoned.onEvent(at("cam-1", 1, twoUtc), twoUtc)));
            assertEquals(List.of(Step.NEW), kinds(zoned.onEvent(at("cam-1", 2, halfPastNineUtc), halfPastNineUtc)));
            // A site without a timezone is UTC: 09:30 UTC is inside its window, 02:00 is not.
            assertEquals(List.of(Step.SUPPRESSED), kinds(zoned.onEvent(at("cam-2", "depot", 3, halfPastNineUtc),
                    halfPastNineUtc)));
            assertEquals(List.of(Step.NEW), kinds(zoned.onEvent(at("cam-2", "depot", 4, twoUtc), twoUtc)));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    private static DetectionEvent at(String camera, long object, Instant time) {
        return at(camera, "pit", object, time);
    }

    /** An event of a camera on {@code site} (events carry their camera's site, as the pipeline makes them). */
    private static DetectionEvent at(String camera, String site, long object, Instant time) {
        return new DetectionEvent("heavy_vehicle", camera, site, object, time, 0, "heavy_vehicle", "truck", 0.8f,
                new Box(10, 100, 110, 200), 640, 360, null);
    }

    /**
     * A drone flight's events (issue 16): split by the site the geofence gave them (one alert per site and
     * rule, not one for the whole flight), and not silenced by an earlier box at the same place in the
     * frame nor by the wall-clock cooldown — the frame moves with the drone and a file is read faster than
     * real time. A camera's repeat is (the stationary rule).
     */
    @Test
    void aFlightsAlertsAreSplitBySiteAndNotSilencedByFramePositionOrCooldown() {
        AlertLifecycle flights = new AlertLifecycle(config(600, List.of()), new AlertFactory(), ZoneOffset.UTC);
        DetectionEvent inPit = event("heavy_vehicle", 1, 0, 0.8f, 10).routed("heavy_vehicle", "pit", "f1");
        DetectionEvent inBend = event("heavy_vehicle", 2, 2, 0.8f, 10).routed("heavy_vehicle", "bend", "f1");
        assertEquals(List.of(Step.NEW), kinds(flights.onEvent(inPit, T0)));
        assertEquals(List.of(Step.NEW), kinds(flights.onEvent(inBend, T0.plusSeconds(1))), "another site: another alert");
        flights.tick(T0.plusSeconds(200));
        DetectionEvent later = event("heavy_vehicle", 3, 100, 0.8f, 10).routed("heavy_vehicle", "pit", "f1");
        assertEquals(List.of(Step.NEW), kinds(flights.onEvent(later, T0.plusSeconds(201))),
                "same frame position, within the cooldown: still a new alert for a flight");

        AlertLifecycle cameras = new AlertLifecycle(config(600, List.of()), new AlertFactory(), ZoneOffset.UTC);
        cameras.onEvent(event("heavy_vehicle", 1, 0, 0.8f, 10), T0);
        cameras.tick(T0.plusSeconds(200));
        assertEquals(List.of(Step.STATIONARY), kinds(cameras.onEvent(event("heavy_vehicle", 3, 100, 0.8f, 10),
                T0.plusSeconds(201))), "a camera's object that has not moved stays quiet");
    }
}
