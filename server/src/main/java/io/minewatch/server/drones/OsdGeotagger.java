package io.minewatch.server.drones;

import io.minewatch.detect.geo.GeoFix;
import io.minewatch.detect.geo.Geotagger;
import io.minewatch.detect.infer.Box;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Places a live drone camera's detections at its drone's latest OSD position (source {@code osd}),
 * when that position is no older than the configured bound ({@code drone_osd.max_age_s}, default 3 s);
 * otherwise nothing. Without the camera's pose the object is somewhere in the picture below the
 * drone: the accuracy is 5 m of GNSS error plus the drone's height above its take-off point (the
 * half-width of the ground a camera with a 90 degree field of view sees looking straight down), or plus
 * {@value #UNKNOWN_HEIGHT_M} m (the usual legal ceiling) when the OSD gives no {@code elevation}.
 * The stream offset and box are not used: live detections are placed at the drone's position now.
 */
public final class OsdGeotagger implements Geotagger {
    /** GNSS error assumed, in metres. */
    static final double GNSS_M = 5;
    /** Height assumed when the OSD gives none, in metres. */
    static final double UNKNOWN_HEIGHT_M = 120;

    private final DroneOsdListener positions;
    private final String serial;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;

    public OsdGeotagger(DroneOsdListener positions, String serial, Duration maxAge) {
        this(positions, serial, maxAge, System::nanoTime);
    }

    OsdGeotagger(DroneOsdListener positions, String serial, Duration maxAge, LongSupplier nanoTime) {
        this.positions = positions;
        this.serial = serial;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<GeoFix> locate(double streamOffsetS, Box box, int frameWidth, int frameHeight) {
        return positions.latest(serial)
                .filter(f -> nanoTime.getAsLong() - f.receivedNanos() <= maxAgeNanos)
                .map(f -> new GeoFix(f.lat(), f.lon(),
                        GNSS_M + (f.elevation() == null ? UNKNOWN_HEIGHT_M : Math.max(0, f.elevation())), GeoFix.OSD));
    }
}
