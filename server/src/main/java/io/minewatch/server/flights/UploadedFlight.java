package io.minewatch.server.flights;

import java.nio.file.Path;

/**
 * A drone flight whose files are on disk and passed ffprobe, handed to processing.
 *
 * @param video      the video file (checked: a decodable video stream)
 * @param telemetry  its {@code .SRT} sidecar, or null when the telemetry is the video's embedded subtitle
 *                   track (already extracted to a file by the upload side) or absent
 * @param name       a name for people (the video's file name unless given)
 * @param site       the site the flight was flown for, or null (then geofences decide)
 * @param droneModel the drone model, a key of the configuration's {@code drones:} optics, or null
 * @param uploadedBy the signed-in user who submitted it
 */
public record UploadedFlight(Path video, Path telemetry, String name, String site, String droneModel,
                             String uploadedBy) {
}
