package io.minewatch.ingest.telemetry;

/**
 * One telemetry record of a drone flight, at {@code t} seconds from the start of its video.
 *
 * @param t           seconds from the video's first frame (SRT cue start, or frame counter ÷ frame rate)
 * @param lat         latitude, WGS-84 degrees, in [-90, 90], never the 0,0 placeholder
 * @param lon         longitude, WGS-84 degrees, in [-180, 180]
 * @param altRel      height above the take-off point in metres, or null when the file does not say
 * @param altAbs      altitude above sea level (barometric or GNSS) in metres, or null
 * @param gimbalPitch gimbal pitch in degrees (0 = horizon, -90 = straight down), or null
 * @param gimbalYaw   gimbal yaw in degrees clockwise from north, or null
 * @param heading     aircraft heading in degrees clockwise from north, or null
 */
public record TelemetryPoint(double t, double lat, double lon, Double altRel, Double altAbs,
                             Double gimbalPitch, Double gimbalYaw, Double heading) {

    public TelemetryPoint {
        if (!Double.isFinite(t) || t < 0) {
            throw new IllegalArgumentException("telemetry time must be >= 0 seconds, got " + t);
        }
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("telemetry position out of range: " + lat + ", " + lon);
        }
    }

    /** A position with nothing else known. */
    public TelemetryPoint(double t, double lat, double lon) {
        this(t, lat, lon, null, null, null, null, null);
    }
}
