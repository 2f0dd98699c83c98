package io.minewatch.ingest.telemetry;

import java.util.ArrayList;
import java.util.List;

/** Collects a file's problems: the first {@link TelemetryReport#MAX_PROBLEMS_KEPT} kept, every one counted. */
final class ProblemLog {
    private static final int MAX_SHOWN = 60;

    private final List<TelemetryProblem> kept = new ArrayList<>();
    private int count;

    void add(int line, String message) {
        count++;
        if (kept.size() < TelemetryReport.MAX_PROBLEMS_KEPT) {
            kept.add(new TelemetryProblem(line, message));
        }
    }

    List<TelemetryProblem> kept() {
        return kept;
    }

    int count() {
        return count;
    }

    /** A value from the file for a message: quoted, one line, printable, shortened. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length() && i < MAX_SHOWN; i++) {
            char c = value.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\uFFFD' || Character.isSurrogate(c) ? '?' : c);
        }
        if (value.length() > MAX_SHOWN) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
