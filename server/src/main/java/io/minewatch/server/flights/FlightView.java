package io.minewatch.server.flights;

import io.minewatch.ingest.telemetry.TelemetryPoint;
import java.time.Instant;
import java.util.List;

/**
 * A flight as its report shows it.
 *
 * @param id         flight id
 * @param name       name for people
 * @param site       the site it was flown for, or null
 * @param droneModel drone model, or null
 * @param state      {@code queued}, {@code running}, {@code done}, {@code failed} or {@code cancelled}
 * @param progress   share of the video processed, 0..1
 * @param created    when it was submitted
 * @param started    when processing began, or null
 * @param finished   when processing ended, or null
 * @param durationS  the video's duration in seconds
 * @param uploadedBy who submitted it
 * @param error      why it failed, or null
 * @param track      its telemetry, in time order (may be empty)
 * @param findings   its alerts, in video time order
 */
public record FlightView(String id, String name, String site, String droneModel, String state, double progress,
                         Instant created, Instant started, Instant finished, double durationS, String uploadedBy,
                         String error, List<TelemetryPoint> track, List<FlightFinding> findings) {
}
