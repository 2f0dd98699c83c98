package io.minewatch.server.flights;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A flight as the store keeps it.
 *
 * @param doneS     video seconds whose frames are all judged: where a restart resumes
 * @param frames    frames judged so far
 * @param video     the video file (in the flight's own folder)
 * @param telemetry its telemetry file, or null
 */
record FlightRecord(String id, String name, String site, String droneModel, String state, double progress,
                    double doneS, long frames, double durationS, Path video, Path telemetry, String uploadedBy,
                    String error, Instant created, Instant started, Instant finished) {
    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    /** Whether processing is over (done, failed or cancelled). */
    boolean finishedState() {
        return DONE.equals(state) || FAILED.equals(state) || CANCELLED.equals(state);
    }
}
