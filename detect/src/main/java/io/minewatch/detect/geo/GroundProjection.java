package io.minewatch.detect.geo;

import io.minewatch.config.DroneOptics;

/**
 * Where a point of a drone's video frame lies on the ground, from the drone's pose and its camera's optics.
 *
 * <p>Assumptions (the README's "Geotagging assumptions"): the ground is flat and level at the take-off point's
 * height, so the drone's height above it is its height above take-off ({@code rel_alt}, {@code H},
 * {@code BAROMETER}); the camera is a pinhole with the configured fields of view, no lens distortion, no
 * gimbal roll; it looks along the gimbal's pitch and yaw (the aircraft's heading when the file gives no
 * gimbal yaw). A ray less than {@link #MIN_DEPRESSION_DEG} below the horizon is not projected (it meets the
 * ground too far away, if at all): the drone's position is answered instead.
 *
 * <p>Accuracy (one sigma, metres): for a projected point at ground distance {@code d} from the point below the
 * drone, seen {@code a} below the horizon from height {@code h}:
 * {@code sqrt(G² + (h·P/sin²a)² + (d·Y)² + (d·K)²)} with {@code G} = {@value #GNSS_M} m (drone position),
 * {@code P} = {@value #PITCH_SIGMA_DEG}° of pitch ({@value #DEFAULT_PITCH_SIGMA_DEG}° when the pitch is the
 * configured default), {@code Y} = {@value #YAW_SIGMA_DEG}° of yaw, {@code K} = {@value #HEIGHT_ERROR} (height and
 * flat-ground error as a share of the height). It grows with height and with obliqueness. The drone's own
 * position as an answer is given {@code G + h / tan(}{@value #MIN_DEPRESSION_DEG}°{@code )} (as far as a
 * projected ray may reach), or {@value #UNKNOWN_HEIGHT_M} m when the height is unknown or under
 * {@value #MIN_HEIGHT_M} m.
 */
public final class GroundProjection {
    /** Rays shallower than this below the horizon are not projected. */
    public static final double MIN_DEPRESSION_DEG = 5;
    /** Below this height above take-off the drone is on the ground: nothing is projected. */
    public static final double MIN_HEIGHT_M = 2;
    public static final double GNSS_M = 3;
    public static final double PITCH_SIGMA_DEG = 2;
    public static final double DEFAULT_PITCH_SIGMA_DEG = 5;
    public static final double YAW_SIGMA_DEG = 2;
    public static final double HEIGHT_ERROR = 0.1;
    /** The accuracy given to the drone's own position when its height is unknown. */
    public static final double UNKNOWN_HEIGHT_M = 1000;

    /**
     * The drone's pose at a frame.
     *
     * @param heightM       height above the (flat) ground, metres, or null
     * @param pitchDeg      camera pitch (0 = horizon, -90 = straight down), or null
     * @param pitchDefaulted whether the pitch is the configured default rather than the telemetry's
     * @param yawDeg        camera yaw, degrees clockwise from north, or null
     */
    public record Pose(double lat, double lon, Double heightM, Double pitchDeg, boolean pitchDefaulted, Double yawDeg) {
    }

    private GroundProjection() {
    }

    /**
     * Where the frame point (u, v) of a {@code width}×{@code height} frame lies: on the ground (source ground) where
     * the pose and optics allow, else the drone's position (source drone) with an accuracy that covers it.
     */
    public static GeoFix locate(Pose pose, DroneOptics optics, double u, double v, int width, int height) {
        Double h = pose.heightM();
        if (optics == null || h == null || !(h >= MIN_HEIGHT_M) || pose.pitchDeg() == null || width <= 0
                || height <= 0 || !Double.isFinite(u) || !Double.isFinite(v)) {
            return drone(pose);
        }
        double[] ray = ray(optics, pose.pitchDeg(), pose.yawDeg() == null ? 0 : pose.yawDeg(), u, v, width, height);
        double horizontal = Math.hypot(ray[0], ray[1]);
        double depression = Math.atan2(ray[2], horizontal);
        if (depression < Math.toRadians(MIN_DEPRESSION_DEG)) {
            return drone(pose);
        }
        double s = h / ray[2];
        double north = s * ray[0];
        double east = s * ray[1];
        double d = Math.hypot(north, east);
        double sin = Math.sin(depression);
        double pitchSigma = Math.toRadians(pose.pitchDefaulted() ? DEFAULT_PITCH_SIGMA_DEG : PITCH_SIGMA_DEG);
        double yawSigma = Math.toRadians(YAW_SIGMA_DEG);
        double sigma = Math.sqrt(GNSS_M * GNSS_M + sq(h * pitchSigma / (sin * sin)) + sq(d * yawSigma)
                + sq(d * HEIGHT_ERROR));
        if (pose.yawDeg() == null) {
            // The distance is known, the direction not: the drone's position, within that distance.
            return new GeoFix(pose.lat(), pose.lon(), d + sigma, GeoFix.DRONE);
        }
        double[] p = Geodesy.offset(pose.lat(), pose.lon(), north, east);
        return new GeoFix(p[0], p[1], sigma, GeoFix.GROUND);
    }

    /** The drone's own position, with the accuracy of not knowing where in its view the object is. */
    public static GeoFix drone(Pose pose) {
        Double h = pose.heightM();
        double acc = h != null && h >= MIN_HEIGHT_M
                ? GNSS_M + h / Math.tan(Math.toRadians(MIN_DEPRESSION_DEG))
                : UNKNOWN_HEIGHT_M;
        return new GeoFix(pose.lat(), pose.lon(), acc, GeoFix.DRONE);
    }

    /** The ray through frame point (u, v) in north-east-down coordinates. */
    static double[] ray(DroneOptics optics, double pitchDeg, double yawDeg, double u, double v, int width, int height) {
        double x = (2 * u / width - 1) * Math.tan(Math.toRadians(optics.hfovDeg()) / 2);
        double y = (2 * v / height - 1) * Math.tan(Math.toRadians(optics.vfovDeg()) / 2);
        double p = Math.toRadians(pitchDeg);
        double w = Math.toRadians(yawDeg);
        double[] f = {Math.cos(p) * Math.cos(w), Math.cos(p) * Math.sin(w), -Math.sin(p)};
        double[] r = {-Math.sin(w), Math.cos(w), 0};
        double[] dn = {f[1] * r[2] - f[2] * r[1], f[2] * r[0] - f[0] * r[2], f[0] * r[1] - f[1] * r[0]};
        return new double[] {f[0] + x * r[0] + y * dn[0], f[1] + x * r[1] + y * dn[1], f[2] + x * r[2] + y * dn[2]};
    }

    private static double sq(double v) {
        return v * v;
    }
}
