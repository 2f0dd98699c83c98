package io.minewatch.ingest.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to the shared files — bytes flipped, inserted, deleted, duplicated, digits changed, lines
 * swapped, the file cut anywhere — never makes the parser throw, and never lets through a position out of
 * range, at 0, 0, or far from the rest of its flight, nor a time outside the flight. Seeded: a failure
 * names the seed that reproduces it.
 */
class SrtFuzzTest {
    private static final int ROUNDS = 500;
    private static final String[] FILES = {SrtFiles.AIR_3S, SrtFiles.AIR_2S, SrtFiles.MAVIC_2_STYLE,
        SrtFiles.MAVIC_MINI, SrtFiles.MAVIC_PRO, SrtFiles.P4_RTK, SrtFiles.MAVIC_3};
    private static final byte[][] SNIPPETS = {"-->".getBytes(StandardCharsets.UTF_8), "\n\n".getBytes(StandardCharsets.UTF_8),
        "GPS(".getBytes(StandardCharsets.UTF_8), "[latitude: ".getBytes(StandardCharsets.UTF_8), "0.0".getBytes(StandardCharsets.UTF_8),
        "99999999999999999999999.9".getBytes(StandardCharsets.UTF_8), "-".getBytes(StandardCharsets.UTF_8),
        ", ".getBytes(StandardCharsets.UTF_8), "HOME(0,0)".getBytes(StandardCharsets.UTF_8),
        "99:99:99,999 --> 00:00:00,000".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xff, (byte) 0xfe}, {(byte) 0xc3}, "\u00b0".getBytes(StandardCharsets.UTF_8)};

    @Test
    void damagedFilesGiveAReportAndOnlyPlausiblePositions() throws Exception {
        List<byte[]> originals = new ArrayList<>();
        for (String f : FILES) {
            byte[] b = Files.readAllBytes(SrtFiles.path(f));
            originals.add(b.length > 12_000 ? Arrays.copyOf(b, 12_000) : b);
        }
        long base = Long.getLong("minewatch.fuzz.seed", 20261130L);
        int withPositions = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long seed = base + round;
            Random rnd = new Random(seed);
            byte[] b = originals.get(rnd.nextInt(originals.size()));
            int edits = 1 + rnd.nextInt(6);
            for (int i = 0; i < edits; i++) {
                b = mutate(b, rnd);
            }
            TelemetryReport r;
            try {
                r = new SrtParser().parse(b, "fuzz-" + seed + ".SRT");
            } catch (RuntimeException | Error e) {
                throw new AssertionError("seed " + seed + " threw", e);
            }
            check(r, b, seed);
            if (r.hasPositions()) {
                withPositions++;
            }
        }
        // Most damage leaves most of a file readable: a parser that gave up on anything odd would fail here.
        assertTrue(withPositions > ROUNDS * 0.9, withPositions + " of " + ROUNDS);
    }

    private static void check(TelemetryReport r, byte[] b, long seed) {
        String at = "seed " + seed + ": ";
        assertTrue(r.summary().startsWith("fuzz-" + seed + ".SRT: "), at + r.summary());
        assertEquals(r.hasPositions(), !r.track().isEmpty(), at);
        assertTrue(r.problems().size() <= TelemetryReport.MAX_PROBLEMS_KEPT && r.problems().size() <= r.problemCount(), at);
        long lines = 1;
        for (byte x : b) {
            if (x == '\n' || x == '\r') {
                lines++;
            }
        }
        for (TelemetryProblem p : r.problems()) {
            if (p.line() < 0 || p.line() > lines || p.message().isBlank() || p.message().contains("\n")) {
                fail(at + "bad problem " + p);
            }
        }
        List<TelemetryPoint> points = r.track().points();
        if (points.isEmpty()) {
            return;
        }
        double[] lats = points.stream().mapToDouble(TelemetryPoint::lat).sorted().toArray();
        double[] lons = points.stream().mapToDouble(TelemetryPoint::lon).sorted().toArray();
        for (TelemetryPoint p : points) {
            if (!(p.lat() >= -90 && p.lat() <= 90 && p.lon() >= -180 && p.lon() <= 180)) {
                fail(at + "out of range " + p);
            }
            if (Math.abs(p.lat()) < SrtPoints.ZERO && Math.abs(p.lon()) < SrtPoints.ZERO) {
                fail(at + "0,0 let through " + p);
            }
            if (!(p.t() >= 0 && p.t() <= SrtTiming.MAX_FLIGHT_S)) {
                fail(at + "time outside the flight " + p);
            }
            if (points.size() >= 3 && CoordinateOrder.metres(p.lat(), p.lon(), lats[lats.length / 2],
                    lons[lons.length / 2]) > SrtParser.MAX_SPREAD_M * 1.01) {
                fail(at + "far from its flight " + p);
            }
            for (Double v : new Double[] {p.altRel(), p.altAbs()}) {
                if (v != null && !(v >= SrtPoints.MIN_ALT_M && v <= SrtPoints.MAX_ALT_M)) {
                    fail(at + "altitude out of range " + p);
                }
            }
            if (p.gimbalPitch() != null && !(Math.abs(p.gimbalPitch()) <= 180)
                    || p.heading() != null && !(p.heading() >= 0 && p.heading() < 360)) {
                fail(at + "angle out of range " + p);
            }
        }
    }

    private static byte[] mutate(byte[] b, Random rnd) {
        if (b.length == 0) {
            return SNIPPETS[rnd.nextInt(SNIPPETS.length)].clone();
        }
        int at = rnd.nextInt(b.length);
        int len = 1 + rnd.nextInt(Math.min(64, b.length - at));
        byte[] out;
        switch (rnd.nextInt(8)) {
            case 0 -> { // flip bytes
                out = b.clone();
                for (int i = 0; i < len; i++) {
                    out[at + i] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> out = splice(b, at, 0, randomBytes(rnd, len));
            case 2 -> out = splice(b, at, len, new byte[0]);
            case 3 -> out = splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
            case 4 -> { // change digits: plausible-looking wrong numbers
                out = b.clone();
                for (int i = at; i < Math.min(out.length, at + 200); i++) {
                    if (out[i] >= '0' && out[i] <= '9' && rnd.nextInt(3) == 0) {
                        out[i] = (byte) ('0' + rnd.nextInt(10));
                    }
                }
            }
            case 5 -> out = Arrays.copyOf(b, at); // cut anywhere
            case 6 -> out = splice(b, at, 0, SNIPPETS[rnd.nextInt(SNIPPETS.length)]);
            default -> { // swap two ranges of lines' worth
                int other = rnd.nextInt(b.length);
                int n = Math.min(len, Math.min(b.length - at, b.length - other));
                out = b.clone();
                System.arraycopy(b, other, out, at, n);
                System.arraycopy(b, at, out, other, n);
            }
        }
        return out;
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] x = new byte[n];
        rnd.nextBytes(x);
        return x;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
