package io.minewatch.config;

/**
 * A drone model's video camera ({@code flights.drones.<model>}): what the geotagger needs to place a box on the
 * ground.
 *
 * @param hfovDeg                horizontal field of view of the video frame, degrees (1..179)
 * @param vfovDeg                vertical field of view, degrees (1..179): given, or from {@code aspect}
 * @param defaultGimbalPitchDeg  the gimbal pitch assumed when the telemetry has none (0 = horizon, -90 = straight
 *                               down), or null: without one, such frames are placed at the drone's position
 */
public record DroneOptics(double hfovDeg, double vfovDeg, Double defaultGimbalPitchDeg) {
    /** The frame shape assumed when neither {@code vfov_deg} nor {@code aspect} is given: 16:9 video. */
    public static final double DEFAULT_ASPECT = 16.0 / 9.0;

    public DroneOptics {
        if (!(hfovDeg >= 1 && hfovDeg <= 179) || !(vfovDeg >= 1 && vfovDeg <= 179)) {
            throw new IllegalArgumentException("fields of view must be 1..179 degrees, got " + hfovDeg + " x " + vfovDeg);
        }
        if (defaultGimbalPitchDeg != null && !(defaultGimbalPitchDeg >= -90 && defaultGimbalPitchDeg <= 30)) {
            throw new IllegalArgumentException("gimbal pitch must be -90..30 degrees, got " + defaultGimbalPitchDeg);
        }
    }

    /** The optics of a frame {@code aspect} times as wide as it is high (a pinhole camera: same focal length both ways). */
    public static DroneOptics fromAspect(double hfovDeg, double aspect, Double defaultGimbalPitchDeg) {
        double v = Math.toDegrees(2 * Math.atan(Math.tan(Math.toRadians(hfovDeg) / 2) / aspect));
        return new DroneOptics(hfovDeg, v, defaultGimbalPitchDeg);
    }
}
