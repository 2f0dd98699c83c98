package io.minewatch.config;

/** A point on the ground, WGS-84 degrees: latitude in [-90, 90], longitude in [-180, 180]. */
public record LatLon(double lat, double lon) {
    public LatLon {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("position out of range: " + lat + ", " + lon);
        }
    }
}
