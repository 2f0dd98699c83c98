package io.minewatch.ingest.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each shared DJI sidecar parses whole: its record count (the file's own count of cues), and its first and
 * last positions, times and heights as the file's text writes them.
 */
class SrtParserSharedFilesTest {
    private static final double EPS = 1e-9;

    @Test
    void air3sBracketedWithRelativeAndAbsoluteAltitude() throws Exception {
        TelemetryReport r = whole(SrtFiles.AIR_3S, 5);
        check(first(r), 0.0, 34.270373, -84.176160);
        check(last(r), 0.066, 34.270373, -84.176160);
        assertEquals(0.0, first(r).altRel(), EPS);
        assertEquals(302.208, first(r).altAbs(), EPS);
        assertEquals("cue times (-->)", r.timing());
        assertEquals("", r.order(), "labelled coordinates need no order");
    }

    @Test
    void mavic3LongFlight() throws Exception {
        TelemetryReport r = whole(SrtFiles.MAVIC_3, 12318);
        check(first(r), 0.0, 3.41531, -3.37440);
        assertEquals(-2.4, first(r).altRel(), EPS);
        assertEquals(0.401, first(r).altAbs(), EPS);
        check(last(r), 246.34, 3.41368, -3.37721);
        assertEquals(3.6, last(r).altRel(), EPS);
        assertEquals(6.401, last(r).altAbs(), EPS);
    }

    @Test
    void air2sAltitudeKey() throws Exception {
        TelemetryReport r = whole(SrtFiles.AIR_2S, 17);
        check(first(r), 0.0, 41.424724, 2.234156);
        assertEquals(117.0, first(r).altAbs(), EPS);
        assertNull(first(r).altRel());
        check(last(r), 0.533, 41.424730, 2.234102);
        assertEquals(117.1, last(r).altAbs(), EPS);
    }

    @Test
    void mavic2StyleWithoutTimingLinesAndMisspelledLongitude() throws Exception {
        String text = SrtFiles.text(SrtFiles.MAVIC_2_STYLE);
        assertTrue(text.contains("[longtitude : 149.0251]") && !text.contains("-->"));
        TelemetryReport r = SrtFiles.parse(text);
        assertEquals(468, r.records());
        assertEquals(468, count(text, "(?m)^\\d+$"));
        assertEquals(468, r.track().points().size(), r.problems().toString());
        assertEquals(0, r.problemCount());
        // 2017.08.05 14:11:51 is 0 s; 14:19:39 is 7 min 48 s later.
        assertTrue(r.timing().startsWith("clock times"), r.timing());
        check(first(r), 0.0, -20.2533, 149.0251);
        check(last(r), 468.0, -20.2532, 149.0251);
    }

    @Test
    void mavicMiniGpsLonLatSatsWithHeight() throws Exception {
        TelemetryReport r = whole(SrtFiles.MAVIC_MINI, 117);
        check(first(r), 0.0, 48.0771, -121.7458);
        assertEquals(200.70, first(r).altRel(), EPS);
        check(last(r), 116.0, 48.0775, -121.7476);
        assertEquals(200.80, last(r).altRel(), EPS);
        assertTrue(r.order().startsWith("GPS(...) read as (lon, lat, ...): the first value is beyond"), r.order());
    }

    @Test
    void mavicProHomeAndBarometer() throws Exception {
        TelemetryReport r = whole(SrtFiles.MAVIC_PRO, 468);
        check(first(r), 1.0, -20.2533, 149.0251);
        assertEquals(1.9, first(r).altRel(), EPS);
        check(last(r), 468.0, -20.2532, 149.0251);
        assertEquals(0.0, last(r).altRel(), EPS);
        assertEquals(-20.2532, r.home().orElseThrow().lat(), EPS);
        assertEquals(149.0251, r.home().orElseThrow().lon(), EPS);
    }

    @Test
    void phantom4RtkAmbiguousOrderDecidedByDistanceToHomeAndGimbal() throws Exception {
        TelemetryReport r = whole(SrtFiles.P4_RTK, 55);
        // GPS (-58.851745, -34.237922, 15): both within ±90; D 698.70m to HOME fits (lon, lat) only.
        assertTrue(r.order().contains("the distance from GPS to HOME matches D"), r.order());
        check(first(r), 0.0, -34.237922, -58.851745);
        assertEquals(85.80, first(r).altRel(), EPS);
        assertEquals(-24.4, first(r).gimbalPitch(), EPS);
        assertEquals(110.4, first(r).gimbalYaw(), EPS);
        assertEquals(110.1, first(r).heading(), EPS);
        check(last(r), 54.0, -34.232349, -58.849196);
        assertEquals(111.9, last(r).gimbalYaw(), EPS);
        TelemetryReport.Home home = r.home().orElseThrow();
        assertEquals(-34.232707, home.lat(), EPS);
        assertEquals(-58.847509, home.lon(), EPS);
    }

    /** Parses a shared file: every record (as many as its -->-lines) a position, nothing to report. */
    private static TelemetryReport whole(String name, int records) throws Exception {
        String text = SrtFiles.text(name);
        assertEquals(records, count(text, "-->"), "the file's own count of cues");
        TelemetryReport r = new SrtParser().parse(SrtFiles.path(name));
        assertEquals(records, r.records());
        assertEquals(records, r.track().points().size(), r.problems().toString());
        assertEquals(0, r.problemCount(), r.problems().toString());
        assertTrue(r.hasPositions());
        assertTrue(r.summary().contains(records + " records, " + records + " positions"), r.summary());
        return r;
    }

    private static TelemetryPoint first(TelemetryReport r) {
        return r.track().points().get(0);
    }

    private static TelemetryPoint last(TelemetryReport r) {
        List<TelemetryPoint> p = r.track().points();
        return p.get(p.size() - 1);
    }

    private static void check(TelemetryPoint p, double t, double lat, double lon) {
        assertEquals(t, p.t(), 1e-6, "t");
        assertEquals(lat, p.lat(), EPS, "lat");
        assertEquals(lon, p.lon(), EPS, "lon");
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }
}
