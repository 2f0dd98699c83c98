package io.minewatch.ingest.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a damaged or unusual file gets: the positions it still holds and a problem naming each line it could not use. */
class SrtParserProblemsTest {
    private static final String MINI = "1\n00:00:00,000 --> 00:00:01,000\n"
            + "F/2.8, SS 30.15, ISO 260, EV -1.7, GPS (%s), D 221.21m, H 200.70m, H.S n/a, V.S n/a \n\n";

    @TempDir
    Path dir;

    @Test
    void truncatedFileLosesOnlyItsCutRecord() throws Exception {
        String text = SrtFiles.text(SrtFiles.AIR_3S);
        int lastRecord = text.lastIndexOf("\n5\n") + 1;
        String cut = text.substring(0, text.indexOf("[latitude: ", lastRecord) + "[latitude: 34.27".length());
        TelemetryReport r = SrtFiles.parse(cut);
        assertEquals(4, r.track().points().size());
        assertEquals(0.049, r.track().points().get(3).t(), 1e-9);
        assertEquals(List.of(new TelemetryProblem(25, "the file ends in the middle of this record (cut short?): "
                + "record not used")), r.problems());
        // Cut inside the GPS(...) of a mavic pro file: the last record has no position left.
        String pro = SrtFiles.text(SrtFiles.MAVIC_PRO);
        String cutPro = pro.substring(0, pro.indexOf("GPS(", pro.indexOf("\n3\n")) + 12);
        TelemetryReport p = SrtFiles.parse(cutPro);
        assertEquals(2, p.track().points().size());
        assertEquals(13, p.problems().get(0).line(), p.problems().toString());
    }

    @Test
    void garbledRecordsAreNamedByLineAndTheRestIsRead() throws Exception {
        String[] lines = SrtFiles.text(SrtFiles.MAVIC_PRO).split("\n", -1);
        lines[9] = "GP\u0000S(1\u00ff49.02%%51,-20.2\u0007533,16) BAROM#TER:1.9"; // record 2's GPS line (line 10)
        lines[13] = "\u0001\u0002\u0003\u0004"; // record 3's timing line (line 14), HOME, GPS and ISO lines:
        lines[14] = "\ufffd\ufffd\ufffd\ufffd\ufffd"; // nothing of record 3 (line 13) is left but its number
        lines[15] = "zzzz";
        lines[16] = "\ufffd";
        TelemetryReport r = SrtFiles.parse(String.join("\n", lines));
        assertEquals(468, r.records());
        assertEquals(466, r.track().points().size());
        assertEquals(new TelemetryProblem(7, "no position in this record (no latitude/longitude or GPS(...)): not used"),
                r.problems().get(0));
        assertEquals(new TelemetryProblem(13, "no timing line (-->) in this record: not used"), r.problems().get(1));
        assertEquals(2, r.problemCount());

        byte[] noise = new byte[8192];
        new Random(16).nextBytes(noise);
        TelemetryReport junk = new SrtParser().parse(noise, "noise.SRT");
        assertFalse(junk.hasPositions());
        assertTrue(junk.problemCount() > 0, junk.summary());
        assertTrue(junk.summary().startsWith("noise.SRT: "), junk.summary());
    }

    @Test
    void zeroZeroIsRefusedOnEveryLine() {
        String text = String.format(MINI, "0.0, 0.0, 0") + String.format(MINI, "0.000000, 0.000000, 0")
                .replace("00:00:00,000 --> 00:00:01,000", "00:00:01,000 --> 00:00:02,000")
                + "3\n00:00:02,000 --> 00:00:03,000\n<font size=\"28\">[latitude: 0.000000] [longitude: 0.000000] "
                + "[rel_alt: 0.000 abs_alt: 0.000]</font>\n";
        TelemetryReport r = SrtFiles.parse(text);
        assertFalse(r.hasPositions());
        assertEquals(3, r.records());
        assertEquals(List.of(3, 7, 11), r.problems().stream().map(TelemetryProblem::line).toList());
        assertTrue(r.problems().get(0).message().startsWith("coordinates 0, 0 (no GPS fix yet, not a place)"),
                r.problems().toString());
        assertTrue(r.problems().get(2).message().startsWith("coordinates 0, 0"), r.problems().toString());
        // A fix arriving later: only the placeholder records are refused.
        TelemetryReport later = SrtFiles.parse(String.format(MINI, "0.0, 0.0, 0") + String.format(MINI,
                "-121.7458, 48.0771, 17").replace("1\n00:00:00,000 --> 00:00:01,000", "2\n00:00:01,000 --> 00:00:02,000"));
        assertEquals(1, later.track().points().size());
        assertEquals(48.0771, later.track().points().get(0).lat(), 1e-9);
    }

    @Test
    void outOfRangeAndHalfGivenCoordinatesAreRefused() throws Exception {
        String text = "1\n00:00:00,000 --> 00:00:00,020\n[latitude: 123.41531] [longitude: -3.37440]\n\n"
                + "2\n00:00:00,020 --> 00:00:00,040\n[latitude: 3.41531] [longitude: -183.37440]\n\n"
                + "3\n00:00:00,040 --> 00:00:00,060\n[latitude: 3.41531] [rel_alt: 2.0]\n\n"
                + "4\n00:00:00,060 --> 00:00:00,080\n[latitude: 3.41531] [longitude: -3.37440] [rel_alt: 99999]\n";
        TelemetryReport r = SrtFiles.parse(text);
        assertEquals(1, r.track().points().size());
        assertEquals(List.of(
                new TelemetryProblem(3, "latitude 123.41531 is outside -90..90: record not used"),
                new TelemetryProblem(7, "longitude -183.3744 is outside -180..180: record not used"),
                new TelemetryProblem(11, "latitude without a longitude in this record: not used"),
                new TelemetryProblem(15, "height above take-off 99999 m is outside -1000..10000 m: not used "
                        + "(the position is)")), r.problems());
        // A GPS(...) that contradicts the order the rest of the file shows.
        String pro = SrtFiles.text(SrtFiles.MAVIC_PRO).replaceFirst("GPS\\(149.0251,-20.2533,16\\)", "GPS(-20.2533,149.0251,16)");
        TelemetryReport p = SrtFiles.parse(pro);
        assertEquals(467, p.track().points().size());
        assertEquals(new TelemetryProblem(4, "latitude 149.0251 is outside -90..90 (GPS(-20.2533,149.0251,16) read as"
                + " lon, lat): record not used"), p.problems().get(0));
    }

    @Test
    void aMisreadPositionFarFromTheFlightIsRefused() throws Exception {
        String text = SrtFiles.text(SrtFiles.AIR_2S);
        int at = text.indexOf("[latitude: 41.424725]");
        String bad = text.substring(0, at) + "[latitude: 47.424725]" + text.substring(at + "[latitude: 41.424725]".length());
        TelemetryReport r = SrtFiles.parse(bad);
        assertEquals(16, r.track().points().size());
        assertEquals(11, r.problems().get(0).line());
        assertTrue(r.problems().get(0).message().startsWith("position 47.424725, 2.234147 is 667 km from the flight's"
                + " median position"), r.problems().get(0).message());
    }

    @Test
    void latLonAltOrderByPlausibilityAndByShape() {
        String rec = "%d\n00:00:0%d,000 --> 00:00:0%d,000\nGPS(%s) BAROMETER:12.5\n\n";
        // 114.3 can only be a longitude: the file writes (lat, lon, alt).
        TelemetryReport a = SrtFiles.parse(String.format(rec, 1, 0, 1, "30.5123,114.3001,85.2M")
                + String.format(rec, 2, 1, 2, "30.5124,114.3002,85.4M"));
        assertEquals(30.5123, a.track().points().get(0).lat(), 1e-9);
        assertEquals(114.3001, a.track().points().get(0).lon(), 1e-9);
        assertEquals(85.2, a.track().points().get(0).altAbs(), 1e-9);
        assertEquals(12.5, a.track().points().get(0).altRel(), 1e-9);
        assertTrue(a.order().startsWith("GPS(...) read as (lat, lon, ...): the second value is beyond"), a.order());
        // Both within ±90: a third value with a unit is an altitude, so (lat, lon, alt) ...
        TelemetryReport b = SrtFiles.parse(String.format(rec, 1, 0, 1, "30.5123, 44.3001, 85.2m"));
        assertEquals(30.5123, b.track().points().get(0).lat(), 1e-9);
        assertTrue(b.order().contains("third an altitude"), b.order());
        // ... and a small whole number is a satellite count: DJI's (lon, lat, sats).
        TelemetryReport c = SrtFiles.parse(String.format(rec, 1, 0, 1, "30.5123, 44.3001, 17"));
        assertEquals(44.3001, c.track().points().get(0).lat(), 1e-9);
        assertEquals(30.5123, c.track().points().get(0).lon(), 1e-9);
        assertTrue(c.order().contains("third a satellite count"), c.order());
    }

    @Test
    void misspelledKeysAreRead() {
        TelemetryReport r = SrtFiles.parse("1\n00:00:00,000 --> 00:00:00,033\n"
                + "[lattitude : 41.424724] [logitude : 2.234156] [relative_alt: 12.5] [gb_pitch: -90.0] [gb_yaw: 45.0]\n");
        TelemetryPoint p = r.track().points().get(0);
        assertEquals(41.424724, p.lat(), 1e-9);
        assertEquals(2.234156, p.lon(), 1e-9);
        assertEquals(12.5, p.altRel(), 1e-9);
        assertEquals(-90.0, p.gimbalPitch(), 1e-9);
        assertEquals(45.0, p.gimbalYaw(), 1e-9);
    }

    @Test
    void frameCountersWithoutTimingLinesUseTheStatedFrameRate() throws Exception {
        // The Air 3S file without its --> lines and clock times: FrameCnt 1..5 remain.
        String text = SrtFiles.text(SrtFiles.AIR_3S).replaceAll("(?m)^.*-->.*\\n", "")
                .replaceAll("(?m)^2026-05-17 .*\\n", "");
        TelemetryReport r = SrtFiles.parse(text);
        assertEquals(5, r.track().points().size());
        assertEquals(4 / 30.0, r.track().points().get(4).t(), 1e-9);
        assertEquals("frame counters at 30 fps (default) (no --> lines or clock times)", r.timing());
        TelemetryReport at60 = SrtParser.withFrameRate(60).parse(text.getBytes(StandardCharsets.UTF_8), "x.SRT");
        assertEquals(4 / 60.0, at60.track().points().get(4).t(), 1e-9);
        assertTrue(at60.timing().contains("60 fps (given)"), at60.timing());
        assertThrows(IllegalArgumentException.class, () -> SrtParser.withFrameRate(0));
        // Without counters either, the cue numbers count frames.
        String mini = SrtFiles.text(SrtFiles.MAVIC_MINI).replaceAll("(?m)^.*-->.*\\n", "");
        TelemetryReport m = SrtFiles.parse(mini);
        assertEquals(117, m.track().points().size());
        assertEquals(116 / 30.0, m.track().points().get(116).t(), 1e-9);
        assertTrue(m.timing().startsWith("cue numbers as frame counters at 30 fps (default)"), m.timing());
        // With the clock times kept, they win: 16-17 ms apart as written.
        TelemetryReport clock = SrtFiles.parse(SrtFiles.text(SrtFiles.AIR_3S).replaceAll("(?m)^.*-->.*\\n", ""));
        assertEquals(0.066, clock.track().points().get(4).t(), 1e-6);
    }

    @Test
    void lostBlankLinesAndWindowsLineEnds() throws Exception {
        String text = SrtFiles.text(SrtFiles.MAVIC_PRO).replace("\n\n", "\n").replace("\n", "\r\n");
        TelemetryReport r = SrtFiles.parse("\uFEFF" + text);
        assertEquals(468, r.records());
        assertEquals(468, r.track().points().size(), r.problems().toString());
        assertEquals(468.0, r.track().points().get(467).t(), 1e-9);
    }

    @Test
    void emptyMissingAndOverlongInput() throws Exception {
        TelemetryReport empty = SrtFiles.parse("");
        assertFalse(empty.hasPositions());
        assertEquals(List.of(new TelemetryProblem(0, "no records: not an SRT file, or an empty one")), empty.problems());
        TelemetryReport missing = new SrtParser().parse(dir.resolve("nope.SRT"));
        assertEquals(List.of(new TelemetryProblem(0, "cannot read: no such file")), missing.problems());
        TelemetryReport folder = new SrtParser().parse(dir);
        assertFalse(folder.hasPositions());
        assertEquals(1, folder.problemCount());
        Path longLine = dir.resolve("long.SRT");
        Files.writeString(longLine, "1\n00:00:00,000 --> 00:00:01,000\n[latitude: 3.41531] [longitude: -3.37440] "
                + "x".repeat(100_000) + "\n");
        TelemetryReport l = new SrtParser().parse(longLine);
        assertEquals(1, l.track().points().size());
        assertEquals(new TelemetryProblem(3, "line longer than 4096 characters: the rest of it is not read"),
                l.problems().get(0));
    }
}
