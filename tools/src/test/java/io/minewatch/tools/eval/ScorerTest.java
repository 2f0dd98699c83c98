package io.minewatch.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels files and one-to-one scoring: recall, precision, repeats and false alerts per hour. */
class ScorerTest {
    @TempDir
    Path dir;

    private static DetectionEvent event(double t, String category, String zone, String kind) {
        return new DetectionEvent("r", "c", "s", 1, Instant.EPOCH, t, category, "truck", 0.9f, new Box(0, 0, 1, 1),
                10, 10, null, zone, kind, 1);
    }

    @Test
    void readsTheDocumentedFormat() throws Exception {
        Path f = dir.resolve("x.labels");
        Files.writeString(f, "# comment\n\n1.0 2.5 heavy_vehicle - # a truck\n3 4 excavator pit-east\n");
        Labels l = Labels.read(f);
        assertEquals(2, l.appearances().size());
        assertEquals(new Labels.Appearance(1.0, 2.5, "heavy_vehicle", null, "a truck"), l.appearances().get(0));
        assertEquals("pit-east", l.appearances().get(1).zone());
        Files.writeString(f, "1.0 heavy_vehicle\n");
        IOException e = assertThrows(IOException.class, () -> Labels.read(f));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        Files.writeString(f, "5 4 heavy_vehicle\n");
        assertThrows(IOException.class, () -> Labels.read(f));
        Files.writeString(f, "1 2 heavy_vehicle - optional # a pickup\n");
        assertTrue(Labels.read(f).appearances().get(0).optional());
        Files.writeString(f, "1 2 heavy_vehicle - maybe\n");
        e = assertThrows(IOException.class, () -> Labels.read(f));
        assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
    }

    @Test
    void optionalAppearancesExcuseAnAlertButAreNotRequired() {
        Labels labels = new Labels(List.of(
                new Labels.Appearance(0, 4, "heavy_vehicle", null, false, "tanker"),
                new Labels.Appearance(1, 3, "heavy_vehicle", null, true, "pickup"),
                new Labels.Appearance(10, 12, "heavy_vehicle", null, true, "van, not alerted")));
        List<DetectionEvent> events = List.of(
                event(2.0, "heavy_vehicle", null, "object"),   // claims the tanker (required first)
                event(2.5, "heavy_vehicle", null, "object"),   // claims the pickup: right, not false
                event(2.8, "heavy_vehicle", null, "object"));  // a third event for two vehicles: false
        Scorer.Score s = Scorer.score(labels, events, 3600, 0.5).get("heavy_vehicle");
        assertEquals(1, s.labels());
        assertEquals(1, s.found());
        assertEquals(1.0, s.recall(), 1e-9);
        assertEquals(2, s.optional());
        assertEquals(1, s.optionalFound());
        assertEquals(2, s.right());
        assertEquals(1.0, s.falsePerHour(), 1e-9);
        Scorer.Matching m = Scorer.match(labels, events, 0.5);
        assertTrue(m.foundLabels()[0] && m.foundLabels()[1] && !m.foundLabels()[2]);
        assertTrue(m.rightEvents()[0] && m.rightEvents()[1] && !m.rightEvents()[2]);

        // only an optional appearance in range: the required tanker is missed, recall 0
        Scorer.Score late = Scorer.score(labels, List.of(event(11, "heavy_vehicle", null, "object")), 3600, 0.5)
                .get("heavy_vehicle");
        assertEquals(0, late.found());
        assertEquals(1, late.right());
    }

    @Test
    void oneEventPerAppearanceCountsAndRepeatsAreFalse() {
        Labels labels = new Labels(List.of(
                new Labels.Appearance(0, 4, "heavy_vehicle", null, "tanker"),
                new Labels.Appearance(1, 3, "heavy_vehicle", null, "van"),
                new Labels.Appearance(10, 12, "heavy_vehicle", null, "missed"),
                new Labels.Appearance(20, 22, "excavator", "pit", "digger")));
        List<DetectionEvent> events = List.of(
                event(1.0, "heavy_vehicle", null, "object"),
                event(1.5, "heavy_vehicle", null, "object"),
                event(2.0, "heavy_vehicle", null, "object"),       // a third event for two vehicles: a repeat
                event(2.1, "heavy_vehicle", null, "leave"),        // not an alert
                event(30.0, "dump_truck", null, "object"),         // heavy machinery counts as heavy_vehicle; false
                event(21.0, "excavator", "pit", "stationary"),
                event(21.0, "excavator", null, "object"));         // the label names a zone: this one is not it
        var scores = Scorer.score(labels, events, 3600, 0.5);
        Scorer.Score heavy = scores.get("heavy_vehicle");
        assertEquals(3, heavy.labels());
        assertEquals(2, heavy.found());
        assertEquals(4, heavy.events());
        assertEquals(2, heavy.right());
        assertEquals(2.0, heavy.falsePerHour(), 1e-9);
        Scorer.Score digger = scores.get("excavator");
        assertEquals(1, digger.found());
        assertEquals(0.5, digger.precision(), 1e-9);
    }
}
