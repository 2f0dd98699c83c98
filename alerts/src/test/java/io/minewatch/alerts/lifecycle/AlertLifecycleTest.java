package io.minewatch.alerts.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minewatch.alerts.AlertFactory;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.SuppressWindow;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
}
