package io.minewatch.ingest.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where a file's times come from, decided once per file: the cues' {@code -->} start times where the
 * file has them; else the records' clock times (the earliest is 0 s); else frame counters
 * ({@code FrameCnt}/{@code SrtCnt}, else the cue numbers) divided by a frame rate, given or
 * {@link SrtParser#DEFAULT_FPS}, said which. The earliest clock or counter is taken among those within
 * {@link #MAX_FLIGHT_S} of the file's median, so one garbled value cannot shift every time.
 */
final class SrtTiming {
    /** No flight lasts longer: a time beyond it is a misread value. */
    static final double MAX_FLIGHT_S = 24 * 3600;

    private enum Kind { CUE, CLOCK, COUNTER, INDEX, NONE }

    private final Kind kind;
    private final double base;
    private final double fps;
    private final String description;

    private SrtTiming(Kind kind, double base, double fps, String description) {
        this.kind = kind;
        this.base = base;
        this.fps = fps;
        this.description = description;
    }

    String description() {
        return description;
    }

    static SrtTiming decide(List<SrtRecord> records, double fps, boolean fpsGiven) {
        String rate = String.format(Locale.ROOT, "%s fps (%s)", trim(fps), fpsGiven ? "given" : "default");
        if (records.stream().anyMatch(r -> r.cueStart != null)) {
            return new SrtTiming(Kind.CUE, 0, fps, "cue times (-->)");
        }
        Double clock = base(records, r -> r.clock, MAX_FLIGHT_S);
        if (clock != null) {
            return new SrtTiming(Kind.CLOCK, clock, fps, "clock times (no --> lines; the earliest record is 0 s)");
        }
        Double counter = base(records, r -> r.counter == null ? null : r.counter.doubleValue(), MAX_FLIGHT_S * fps);
        if (counter != null) {
            return new SrtTiming(Kind.COUNTER, counter, fps, "frame counters at " + rate
                    + " (no --> lines or clock times)");
        }
        Double index = base(records, r -> r.index < 0 ? null : (double) r.index, MAX_FLIGHT_S * fps);
        if (index != null) {
            return new SrtTiming(Kind.INDEX, index, fps, "cue numbers as frame counters at " + rate
                    + " (no --> lines, clock times or counters)");
        }
        return new SrtTiming(Kind.NONE, 0, fps, "nowhere (no --> lines, clock times, counters or cue numbers)");
    }

    /** The record's time in seconds from the start, or null (a problem logged) when it has none usable. */
    Double time(SrtRecord r, ProblemLog log) {
        Double v = switch (kind) {
            case CUE -> r.cueStart;
            case CLOCK -> r.clock == null ? null : r.clock - base;
            case COUNTER -> r.counter == null ? null : (r.counter - base) / fps;
            case INDEX -> r.index < 0 ? null : (r.index - base) / fps;
            case NONE -> null;
        };
        if (v == null) {
            log.add(r.firstLine, switch (kind) {
                case CUE -> "no timing line (-->) in this record: not used";
                case CLOCK -> "no clock time in this record: not used";
                case COUNTER -> "no frame counter in this record: not used";
                default -> "no time in this record: not used";
            });
            return null;
        }
        if (!(v >= 0 && v <= MAX_FLIGHT_S)) {
            log.add(r.timeLine == 0 ? r.firstLine : r.timeLine, String.format(Locale.ROOT,
                    "time %.3f s is outside the flight (0 to %d s from its start): record not used", v, (long) MAX_FLIGHT_S));
            return null;
        }
        return v;
    }

    /** The smallest value among those within {@code spread} of the median, or null when no record has one. */
    private static Double base(List<SrtRecord> records, Function<SrtRecord, Double> value, double spread) {
        List<Double> vs = new ArrayList<>();
        for (SrtRecord r : records) {
            Double v = value.apply(r);
            if (v != null && Double.isFinite(v)) {
                vs.add(v);
            }
        }
        if (vs.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(vs);
        sorted.sort(null);
        double median = sorted.get(sorted.size() / 2);
        double min = median;
        for (double v : sorted) {
            if (median - v <= spread) {
                min = Math.min(min, v);
            }
        }
        return min;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
