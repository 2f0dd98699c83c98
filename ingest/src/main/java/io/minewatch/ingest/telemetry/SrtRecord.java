package io.minewatch.ingest.telemetry;

/**
 * The values one cue holds, as read, before the file-wide decisions (time base, coordinate order).
 * Every field is null (or -1) when the cue does not have it; {@code *Line} fields are file lines.
 */
final class SrtRecord {
    /** One {@code GPS(...)} / {@code HOME(...)} argument list. */
    record Tuple(double[] values, boolean[] unit, boolean[] integer, String text, int line) {
        int size() {
            return values.length;
        }
    }

    final int firstLine;
    long index = -1;
    Double cueStart;
    Double clock;
    Long counter;
    int timeLine;

    Double lat;
    Double lon;
    int latLine;
    int lonLine;
    Tuple gps;
    Tuple home;

    Double altRel;
    Double altAbs;
    Double distance;
    Double gimbalPitch;
    Double gimbalYaw;
    Double heading;
    /** Whether anything at all was recognised in the cue. */
    boolean recognised;

    SrtRecord(int firstLine) {
        this.firstLine = firstLine;
    }

    /** The line to name when the cue's position is wrong. */
    int positionLine() {
        if (lat != null) {
            return latLine;
        }
        return gps != null ? gps.line() : firstLine;
    }
}
