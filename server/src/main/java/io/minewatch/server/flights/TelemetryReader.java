package io.minewatch.server.flights;

import io.minewatch.ingest.telemetry.TelemetryTrack;
import java.nio.file.Path;

/** Reads a flight's telemetry file ({@code .SRT}) into a track. */
@FunctionalInterface
public interface TelemetryReader {
    /**
     * @param file  the telemetry
     * @param video its video (frame-counter timings are converted at its frame rate), or null
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no valid position
     */
    TelemetryTrack read(Path file, Path video);
}
