package io.minewatch.server.flights;

import io.minewatch.detect.geo.Geotagger;
import io.minewatch.ingest.telemetry.TelemetryTrack;

/** Makes the geotagger of one flight from its telemetry and drone model (whose optics the config gives). */
@FunctionalInterface
public interface FlightGeotaggers {
    /**
     * @param track      the flight's telemetry (may be empty)
     * @param droneModel its drone model, or null
     */
    Geotagger of(TelemetryTrack track, String droneModel);
}
