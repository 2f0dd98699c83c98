package io.minewatch.tools.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/**
 * Labels with boxes: the file format, interpolation between boxes, and matching an event to an
 * appearance only when its box is on the labelled box (IoU ≥ 0.3 or its centre inside) at its time.
 */
class BoxMatchTest {
    @TempDir
    Path dir;

    /** An object event at {@code t} with a box in a 1000×500 frame. */
    private static DetectionEvent event(double t, float x1, float y1, float x2, float y2) {
        return new DetectionEvent("heavy_vehicle", "c", "s", 1, Instant.EPOCH, t, "heavy_vehicle", "truck", 0.7f,
                new Box(x1, y1, x2, y2), 1000, 500, null, null, "object", 1);
    }

    private static Labels.Appearance boxed(double start, double end, boolean optional, BoxTrack.Key... keys) {
        return new Labels.Appearance(start, end, "heavy_vehicle", null, optional, "", new BoxTrack(List.of(keys)));
    }

    private static BoxTrack.Key key(double t, float x1, float y1, float x2, float y2) {
        return new BoxTrack.Key(t, new Box(x1, y1, x2, y2));
    }

    @Test
    void readsBoxLinesUnderTheirAppearance() throws Exception {
        Path f = dir.resolve("x.labels");
        Files.writeString(f, """
                # a lorry with two boxes, a van without
                1.0 4.0 heavy_vehicle - # lorry
                  box 1.5  0.10 0.50 0.30 0.90   # entering
                  box 3.5  0.50 0.10 0.60 0.30
                5 6 heavy_vehicle - optional # van
                """);
        Labels l = Labels.read(f);
        assertEquals(2, l.appearances().size());
        assertEquals(List.of(key(1.5, 0.1f, 0.5f, 0.3f, 0.9f), key(3.5, 0.5f, 0.1f, 0.6f, 0.3f)),
                l.appearances().get(0).boxes().keys());
        assertEquals("lorry", l.appearances().get(0).note());
        assertTrue(l.appearances().get(1).boxes().isEmpty());
        assertTrue(l.appearances().get(1).optional());
    }

    @Test
    void badBoxLinesAreRefusedNamingTheLine() throws Exception {
        Path f = dir.resolve("x.labels");
        for (String[] bad : new String[][] {
                {"box 1 0.1 0.1 0.2 0.2\n", "line 1", "must follow the appearance"},
                {"1 2 heavy_vehicle\nbox 1 0.1 0.1 0.2\n", "line 2", "box t_s x1 y1 x2 y2"},
                {"1 2 heavy_vehicle\n  box 1 10 20 200 100\n", "line 2", "fractions"},
                {"1 2 heavy_vehicle\n  box 1 0.5 0.1 0.2 0.2\n", "line 2", "x1 < x2"},
                {"1 2 heavy_vehicle\n  box 1.5 0.1 0.1 0.2 0.2\n  box 1.0 0.1 0.1 0.2 0.2\n", "line 3", "increase"},
                {"1 2 heavy_vehicle\n  box 1.5 0.1 0.1 0.2 wide\n", "line 2", "wide"}}) {
            Files.writeString(f, bad[0]);
            IOException e = assertThrows(IOException.class, () -> Labels.read(f), bad[0]);
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(bad[1])
                    && e.getMessage().contains(bad[2]), bad[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void boxesAreInterpolatedLinearlyAndHeldOutsideTheirSpan() {
        BoxTrack t = new BoxTrack(List.of(key(2, 0.0f, 0.4f, 0.2f, 0.8f), key(4, 0.4f, 0.0f, 0.8f, 0.2f)));
        assertEquals(new Box(0.0f, 0.4f, 0.2f, 0.8f), t.at(1.0), "before the first box, the first holds");
        assertEquals(new Box(0.0f, 0.4f, 0.2f, 0.8f), t.at(2.0));
        Box mid = t.at(3.0);
        assertEquals(0.2f, mid.x1(), 1e-6f);
        assertEquals(0.2f, mid.y1(), 1e-6f);
        assertEquals(0.5f, mid.x2(), 1e-6f);
        assertEquals(0.5f, mid.y2(), 1e-6f);
        Box quarter = t.at(2.5);
        assertEquals(0.1f, quarter.x1(), 1e-6f);
        assertEquals(0.3f, quarter.y1(), 1e-6f);
        assertEquals(new Box(0.4f, 0.0f, 0.8f, 0.2f), t.at(9.0), "after the last box, the last holds");
        Box px = t.at(3.0, 1000, 500);
        assertEquals(200f, px.x1(), 1e-3f);
        assertEquals(100f, px.y1(), 1e-3f);
        assertEquals(500f, px.x2(), 1e-3f);
        assertEquals(250f, px.y2(), 1e-3f);
        assertNull(BoxTrack.NONE.at(3.0));
    }

    @Test
    void anEventMatchesByIouOrByItsCentreInsideTheLabelledBox() {
        // labelled box at t=1: [100,100,300,300] px in a 1000x500 frame
        Labels.Appearance lorry = boxed(0, 2, false, key(1, 0.1f, 0.2f, 0.3f, 0.6f));
        BoxMatch same = BoxMatch.of(lorry, event(1, 100, 100, 300, 300));
        assertTrue(same.ok() && same.iou() > 0.99f && same.centreInside());
        // shifted right by 120 px: IoU 80*200/(2*40000-16000) = 0.25 < 0.3, centre (320,200) outside
        BoxMatch shifted = BoxMatch.of(lorry, event(1, 220, 100, 420, 300));
        assertEquals(0.25f, shifted.iou(), 1e-4f);
        assertFalse(shifted.ok() || shifted.centreInside());
        // shifted right by 105 px: IoU 95*200/(80000-19000) = 0.311, centre (305,200) just outside
        BoxMatch overlapping = BoxMatch.of(lorry, event(1, 205, 100, 405, 300));
        assertEquals(0.311f, overlapping.iou(), 1e-3f);
        assertTrue(overlapping.ok() && overlapping.iou() >= BoxMatch.MIN_IOU && !overlapping.centreInside());
        // a small box on the lorry's cab: IoU 0.04, centre inside
        BoxMatch cab = BoxMatch.of(lorry, event(1, 120, 120, 160, 160));
        assertTrue(cab.ok() && cab.iou() < 0.1f && cab.centreInside());
        // a box far away
        assertFalse(BoxMatch.of(lorry, event(1, 600, 300, 700, 400)).ok());
        // an appearance without boxes matches any box
        assertTrue(BoxMatch.of(new Labels.Appearance(0, 2, "heavy_vehicle", null, ""), event(1, 600, 300, 700, 400))
                .ok());
    }

    @Test
    void anAlertOnACarWhileTheLorryIsInViewIsFalse() {
        // the lorry drives from the bottom left to the top right between 0 s and 4 s
        Labels labels = new Labels(List.of(boxed(0, 4, false, key(0, 0.0f, 0.6f, 0.3f, 1.0f),
                key(4, 0.6f, 0.0f, 0.9f, 0.4f))));
        List<DetectionEvent> events = List.of(
                event(2.0, 700, 350, 900, 480),   // a car, bottom right, while the lorry is mid-frame
                event(2.0, 300, 100, 600, 300));  // the lorry at 2 s: interpolated [300,150,600,350]
        Scorer.Score s = Scorer.score(labels, events, 3600, 0.5).get("heavy_vehicle");
        assertEquals(1, s.found());
        assertEquals(2, s.events());
        assertEquals(1, s.right());
        assertEquals(1.0, s.falsePerHour(), 1e-9);
        Scorer.Matching m = Scorer.match(labels, events, 0.5);
        assertFalse(m.rightEvents()[0]);
        assertTrue(m.why()[0].startsWith("box on no labelled heavy_vehicle: appearance 1 (IoU 0.00, centre outside"),
                m.why()[0]);
        assertTrue(m.rightEvents()[1]);
        assertEquals(0, m.appearance()[1]);
        assertNull(m.why()[1]);

        // matched by time only, as before boxes, both events would have been right... had there been two
        // appearances; with one, the car's alert takes the lorry first and the lorry's own is a "repeat"
        Labels timeOnly = new Labels(List.of(new Labels.Appearance(0, 4, "heavy_vehicle", null, "")));
        Scorer.Matching t = Scorer.match(timeOnly, events, 0.5);
        assertTrue(t.rightEvents()[0], "by time alone the car's alert claims the lorry");
        assertTrue(t.why()[1].startsWith("repeat: appearance 1 already claimed by event 1"), t.why()[1]);
    }

    @Test
    void theBoxIsTakenAtTheEventsTimeBetweenKeys() {
        Labels labels = new Labels(List.of(boxed(0, 4, false, key(0, 0.0f, 0.6f, 0.3f, 1.0f),
                key(4, 0.6f, 0.0f, 0.9f, 0.4f))));
        // where the lorry was at 0 s, but reported at 3 s: it has moved on
        Scorer.Matching stale = Scorer.match(labels, List.of(event(3.0, 0, 300, 300, 500)), 0.5);
        assertFalse(stale.rightEvents()[0]);
        // where it is at 3 s: [450,75,750,275]
        assertTrue(Scorer.match(labels, List.of(event(3.0, 450, 75, 750, 275)), 0.5).rightEvents()[0]);
        // outside the time range (+ slack) a box on it does not help
        Scorer.Matching late = Scorer.match(labels, List.of(event(5.0, 600, 0, 900, 200)), 0.5);
        assertFalse(late.rightEvents()[0]);
        assertTrue(late.why()[0].startsWith("no labelled heavy_vehicle appearance at 5.0 s"), late.why()[0]);
    }

    @Test
    void anEmptyLabelsFileStillGivesItsRows() throws Exception {
        Path f = dir.resolve("empty.labels");
        Files.writeString(f, "# nothing heavy in this clip\n");
        Labels empty = Labels.read(f);
        var scores = Scorer.score(empty, List.of(), 11.2, 0.5, java.util.Set.of("heavy_vehicle", "vehicle"));
        assertEquals(List.of("heavy_vehicle", "vehicle"), List.copyOf(scores.keySet()));
        Scorer.Score s = scores.get("heavy_vehicle");
        assertEquals(0, s.labels() + s.found() + s.events() + s.right());
        assertTrue(Double.isNaN(s.recall()) && Double.isNaN(s.precision()));
        assertEquals(0.0, s.falsePerHour());

        Evaluate.Result r = new Evaluate.Result(scores, 11.2, 56, 56, 56, List.of(), "yolox-nano");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Evaluate.print(Path.of("clip.mp4"), empty, r, 0.5,
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        String report = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.lines().anyMatch(line -> line.matches("heavy_vehicle\\s+0\\s+0\\s+-\\s+0/0\\s+0\\s+0\\s+-\\s+0\\.0")),
                report);
        assertTrue(report.lines().anyMatch(line -> line.startsWith("vehicle ")), report);
    }
}
