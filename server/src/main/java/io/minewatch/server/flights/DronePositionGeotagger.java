package io.minewatch.server.flights;

import io.minewatch.detect.geo.GeoFix;
import io.minewatch.detect.geo.Geotagger;
import io.minewatch.detect.infer.Box;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.ingest.telemetry.TelemetryTrack;
import java.util.Optional;

/**
 * Places every detection at the drone's own position at the frame's time (source {@code drone}), for
 * flights whose pose or optics are unknown. Accuracy: the object is somewhere in the view, so the
 * half-width of the ground a nadir camera with a 84° diagonal view covers from the drone's height
 * ({@code 0.9 × alt_rel}), at least {@value #MIN_ACCURACY_M} m; {@value #UNKNOWN_HEIGHT_ACCURACY_M} m
 * when the height is unknown.
 */
public final class DronePositionGeotagger implements Geotagger {
    static final double MIN_ACCURACY_M = 10;
    static final double UNKNOWN_HEIGHT_ACCURACY_M = 150;
    private static final double HALF_VIEW_PER_METRE = Math.tan(Math.toRadians(42));

    private final TelemetryTrack track;

    public DronePositionGeotagger(TelemetryTrack track) {
        this.track = track;
    }

    @Override
    public Optional<GeoFix> locate(double streamOffsetS, Box box, int frameWidth, int frameHeight) {
        return track.at(streamOffsetS).map(DronePositionGeotagger::fix);
    }

    private static GeoFix fix(TelemetryPoint p) {
        double accuracy = p.altRel() == null ? UNKNOWN_HEIGHT_ACCURACY_M
                : Math.max(MIN_ACCURACY_M, Math.abs(p.altRel()) * HALF_VIEW_PER_METRE);
        return new GeoFix(p.lat(), p.lon(), accuracy, GeoFix.DRONE);
    }
}
