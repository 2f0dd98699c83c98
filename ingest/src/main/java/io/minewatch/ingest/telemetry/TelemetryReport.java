package io.minewatch.ingest.telemetry;

import java.util.List;
import java.util.Optional;

/**
 * What {@link SrtParser} read from one telemetry file: the track, and what it could not read.
 *
 * @param source       the file's name, for messages
 * @param track        the positions it accepted, in time order (possibly empty)
 * @param records      how many records (subtitle cues) the file held
 * @param problems     the first {@link #MAX_PROBLEMS_KEPT} problems, each with its line
 * @param problemCount every problem found, kept or not
 * @param timing       where the times came from, e.g. {@code cue times (-->)} or {@code frame counters at 30 fps (default)}
 * @param order        how {@code GPS(...)}/{@code HOME(...)} values were read and why; empty when the file labels its
 *                     coordinates ({@code [latitude: ..]}) or has none
 * @param home         the home (take-off) point the file names, if any
 */
public record TelemetryReport(String source, TelemetryTrack track, int records, List<TelemetryProblem> problems,
                              int problemCount, String timing, String order, Optional<Home> home) {
    /** Problems past this many are counted, not kept: a garbage file must not fill the heap with messages. */
    public static final int MAX_PROBLEMS_KEPT = 200;

    /** A take-off point. {@code alt} as the file gives it (metres), or null. */
    public record Home(double lat, double lon, Double alt) {
    }

    public TelemetryReport {
        problems = List.copyOf(problems);
        home = home == null ? Optional.empty() : home;
    }

    /** Whether at least one position was read. */
    public boolean hasPositions() {
        return !track.isEmpty();
    }

    /** One line: records, positions, timing, order, problems. */
    public String summary() {
        StringBuilder sb = new StringBuilder(source).append(": ").append(records).append(records == 1 ? " record, " : " records, ")
                .append(track.points().size()).append(" positions");
        if (!track.isEmpty()) {
            List<TelemetryPoint> p = track.points();
            sb.append(String.format(java.util.Locale.ROOT, " over %.3f s", p.get(p.size() - 1).t() - p.get(0).t()));
        }
        sb.append("; times from ").append(timing);
        if (!order.isEmpty()) {
            sb.append("; ").append(order);
        }
        sb.append("; ").append(problemCount).append(problemCount == 1 ? " problem" : " problems");
        if (problemCount > problems.size()) {
            sb.append(" (first ").append(problems.size()).append(" listed)");
        }
        return sb.toString();
    }
}
