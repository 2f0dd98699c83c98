package io.minewatch.detect.geo;

/**
 * Where a detection is on the ground.
 *
 * @param lat       latitude, WGS-84 degrees
 * @param lon       longitude, WGS-84 degrees
 * @param accuracyM radius in metres within which the object is expected to be (one sigma, documented
 *                  per source in the README)
 * @param source    how it was found: {@code ground} (the box centre projected to flat ground from the
 *                  drone's pose), {@code drone} (the drone's own position: pose unknown), {@code osd}
 *                  (live drone position from DJI Cloud OSD telemetry) or {@code site} (a fixed camera's site)
 */
public record GeoFix(double lat, double lon, double accuracyM, String source) {
    public static final String GROUND = "ground";
    public static final String DRONE = "drone";
    public static final String OSD = "osd";
    public static final String SITE = "site";

    public GeoFix {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("position out of range: " + lat + ", " + lon);
        }
        if (!(accuracyM >= 0) || Double.isInfinite(accuracyM)) {
            throw new IllegalArgumentException("accuracy must be a finite number of metres >= 0, got " + accuracyM);
        }
    }
}
