package io.minewatch.server.flights;

import java.time.Instant;

/**
 * One detection of a flight that raised an alert, where it was.
 *
 * @param alertId   the alert it raised
 * @param rule      the alert's rule ({@code heavy_vehicle}, {@code unregistered_site}, ...)
 * @param label     the model's label of the object
 * @param score     its score
 * @param offsetS   seconds from the start of the flight's video to the frame of the box
 * @param time      capture time of that frame
 * @param lat       latitude of the object (WGS-84), or null when the telemetry did not cover that time
 * @param lon       longitude, or null
 * @param accuracyM expected error in metres, or null
 * @param geoSource {@code ground} or {@code drone} (see {@link io.minewatch.detect.geo.GeoFix}), or null
 * @param site      the site whose boundary holds the position, or null: outside every site
 * @param snapshot  the snapshot file, relative to the storage directory, or null
 */
public record FlightFinding(String alertId, String rule, String label, float score, double offsetS, Instant time,
                            Double lat, Double lon, Double accuracyM, String geoSource, String site,
                            String snapshot) {
}
