package io.minewatch.server.flights;

import io.minewatch.config.FlightsConfig;
import io.minewatch.detect.decode.FlightFrameSource;
import io.minewatch.detect.geo.TelemetryGeotagger;
import io.minewatch.ingest.telemetry.SrtParser;
import io.minewatch.ingest.telemetry.TelemetryProblem;
import io.minewatch.ingest.telemetry.TelemetryReport;
import java.util.stream.Collectors;

/**
 * How a flight's telemetry is read and its detections placed, from the {@code flights:} config: the
 * {@link SrtParser} (frame counters converted at the video's own frame rate), and a
 * {@link TelemetryGeotagger} with the drone model's optics (the {@code default} entry, else none: then
 * the drone's own position).
 */
public final class FlightWiring {
    private FlightWiring() {
    }

    /** The settings of the flight service from the {@code flights:} section. */
    public static FlightSettings settings(FlightsConfig flights) {
        return new FlightSettings(flights.dir(), flights.detectFps(), FlightSettings.DEFAULT_DETECT_WIDTH);
    }

    /**
     * Reads an {@code .SRT}: refused (IllegalArgumentException with the parser's summary and first problems)
     * when it holds no valid position.
     */
    public static TelemetryReader srt() {
        return (file, video) -> {
            double fps = video == null ? 0 : FlightFrameSource.frameRate(video);
            TelemetryReport r = (fps >= 1 && fps <= 1000 ? SrtParser.withFrameRate(fps) : new SrtParser()).parse(file);
            if (!r.hasPositions()) {
                String first = r.problems().stream().limit(3).map(TelemetryProblem::toString)
                        .collect(Collectors.joining("; "));
                throw new IllegalArgumentException("telemetry " + file.getFileName() + " holds no valid position ("
                        + r.summary() + (first.isEmpty() ? "" : "; " + first) + ")");
            }
            return r.track();
        };
    }

    /** Geotaggers over a flight's track with its drone model's optics. */
    public static FlightGeotaggers geotaggers(FlightsConfig flights) {
        return (track, drone) -> new TelemetryGeotagger(track, flights.optics(drone));
    }
}
