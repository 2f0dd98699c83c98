package io.minewatch.detect.geo;

import io.minewatch.config.DroneOptics;
import io.minewatch.detect.infer.Box;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.ingest.telemetry.TelemetryTrack;
import java.util.Optional;

/**
 * Places a flight's detections: the drone's pose at the frame's time (interpolated along the track), then the
 * box centre projected to flat ground ({@link GroundProjection}); the drone's own position (source drone) where
 * the pose or the optics do not allow it. Camera pitch: the gimbal's, else the drone model's configured
 * default; yaw: the gimbal's, else the aircraft's heading; height: above take-off. Nothing at a time the track
 * does not cover.
 */
public final class TelemetryGeotagger implements Geotagger {
    private final TelemetryTrack track;
    private final DroneOptics optics;

    /** {@code optics} null: every detection is placed at the drone's position. */
    public TelemetryGeotagger(TelemetryTrack track, DroneOptics optics) {
        this.track = java.util.Objects.requireNonNull(track, "track");
        this.optics = optics;
    }

    @Override
    public Optional<GeoFix> locate(double streamOffsetS, Box box, int frameWidth, int frameHeight) {
        Optional<TelemetryPoint> at = track.at(streamOffsetS);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        TelemetryPoint p = at.get();
        Double pitch = p.gimbalPitch();
        boolean defaulted = false;
        if (pitch == null && optics != null && optics.defaultGimbalPitchDeg() != null) {
            pitch = optics.defaultGimbalPitchDeg();
            defaulted = true;
        }
        Double yaw = p.gimbalYaw() != null ? p.gimbalYaw() : p.heading();
        GroundProjection.Pose pose = new GroundProjection.Pose(p.lat(), p.lon(), p.altRel(), pitch, defaulted, yaw);
        if (box == null) {
            return Optional.of(GroundProjection.drone(pose));
        }
        return Optional.of(GroundProjection.locate(pose, optics, box.centerX(), box.centerY(), frameWidth, frameHeight));
    }
}
