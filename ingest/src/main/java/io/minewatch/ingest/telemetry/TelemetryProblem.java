package io.minewatch.ingest.telemetry;

/**
 * Something a telemetry file said that could not be used.
 *
 * @param line    the 1-based line of the file it is on, 0 for the file as a whole
 * @param message what is wrong, one line, naming the value where it helps
 */
public record TelemetryProblem(int line, String message) {
    @Override
    public String toString() {
        return line == 0 ? message : "line " + line + ": " + message;
    }
}
