package io.minewatch.alerts;

import io.minewatch.alerts.schema.Alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertFactoryTest {

    private static final Instant T = Instant.parse("2024-05-01T06:30:12.250Z");

    private static DetectionEvent event(Box box, int width, int height) {
        return new DetectionEvent("heavy_vehicle", "cam-1", "river-bend", 42, T, 12.5, "heavy_vehicle", "truck",
                0.91f, box, width, height, "snapshots/cam-1/42.jpg");
    }

    @Test
    void copiesTheEventAndRoundsTheBox() {
        Alert a = new AlertFactory().fromEvent(event(new Box(10.4f, 20.5f, 110.6f, 219.49f), 640, 360));

        assertEquals(Alert.SCHEMA, a.schema());
        assertEquals("new", a.event());
        assertEquals(UUID.fromString(a.id()).toString(), a.id());
        assertEquals("heavy_vehicle", a.rule());
        assertEquals("cam-1", a.camera());
        assertEquals("river-bend", a.site());
        assertEquals(T, a.time());
        assertEquals(12.5, a.streamOffsetS());
        assertEquals("truck", a.label());
        assertEquals(0.91f, a.score());
        assertEquals(42, a.objectId());
        assertEquals("snapshots/cam-1/42.jpg", a.snapshot());
        assertEquals(List.of(10, 21, 111, 219), a.box());
    }

    @Test
    void boxNormIsTheBoxOverTheFrameSizeToFourDecimals() {
        Alert a = new AlertFactory().fromEvent(event(new Box(10f, 20f, 110f, 220f), 640, 360));

        // 10/640 = 0.015625, 20/360 = 0.0555…, 110/640 = 0.171875, 220/360 = 0.6111…
        assertEquals(List.of(0.0156, 0.0556, 0.1719, 0.6111), a.boxNorm());
    }

    @Test
    void boxNormIsClampedToTheFrame() {
        Alert a = new AlertFactory().fromEvent(event(new Box(-5f, -1f, 700f, 360f), 640, 360));

        assertEquals(List.of(0.0, 0.0, 1.0, 1.0), a.boxNorm());
    }

    @Test
    void everyAlertGetsItsOwnId() {
        AlertFactory f = new AlertFactory();
        DetectionEvent e = event(new Box(1f, 1f, 2f, 2f), 10, 10);

        assertNotEquals(f.fromEvent(e).id(), f.fromEvent(e).id());
    }

    @Test
    void rejectsAnEmptyFrame() {
        assertThrows(IllegalArgumentException.class,
                () -> new AlertFactory().fromEvent(event(new Box(1f, 1f, 2f, 2f), 0, 360)));
    }
}
