package io.minewatch.detect.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.DroneOptics;
import io.minewatch.detect.infer.Box;
import io.minewatch.ingest.telemetry.SrtParser;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.ingest.telemetry.TelemetryReport;
import io.minewatch.ingest.telemetry.TelemetryTrack;
import io.minewatch.testkit.SharedFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detections of a flight placed through its telemetry: the shared Phantom 4 RTK and Mavic Mini files. */
class TelemetryGeotaggerTest {
    private static final DroneOptics P4 = DroneOptics.fromAspect(84, 16.0 / 9, null);
    private static final Box CENTRE = new Box(900, 500, 1020, 580);

    @Test
    void obliqueGimbalFromTheFilePlacesTheBoxAlongItsYaw() {
        TelemetryTrack track = parse("p4_rtk.SRT");
        TelemetryPoint p = track.points().get(0);
        // First record: GPS (-58.851745, -34.237922), H 85.80m, G.PRY (-24.4°, 0.0°, 110.4°).
        GeoFix f = new TelemetryGeotagger(track, P4).locate(0.0, CENTRE, 1920, 1080).orElseThrow();
        assertEquals(GeoFix.GROUND, f.source());
        double d = 85.80 / Math.tan(Math.toRadians(24.4));
        assertEquals(d, Geodesy.metres(p.lat(), p.lon(), f.lat(), f.lon()), 0.05);
        double north = Geodesy.metres(p.lat(), p.lon(), f.lat(), p.lon()) * Math.signum(f.lat() - p.lat());
        assertEquals(d * Math.cos(Math.toRadians(110.4)), north, 0.05);
        // Between records the pose is interpolated: at 0.5 s the drone is between its first two positions.
        GeoFix half = new TelemetryGeotagger(track, null).locate(0.5, CENTRE, 1920, 1080).orElseThrow();
        TelemetryPoint q = track.points().get(1);
        assertEquals((p.lat() + q.lat()) / 2, half.lat(), 1e-9);
        assertEquals(GeoFix.DRONE, half.source(), "no optics: the drone's position");
        // Outside the track: nothing.
        assertTrue(new TelemetryGeotagger(track, P4).locate(60.0, CENTRE, 1920, 1080).isEmpty());
    }

    @Test
    void withoutGimbalPitchTheModelDefaultOrTheDrone() {
        TelemetryTrack track = parse("mavic_mini.SRT");
        TelemetryPoint p = track.points().get(0);
        // GPS (-121.7458, 48.0771, 17), H 200.70m, no gimbal, no heading: the centre of a nadir view is the drone.
        GeoFix nadir = new TelemetryGeotagger(track, DroneOptics.fromAspect(83, 16.0 / 9, -90.0))
                .locate(0.0, CENTRE, 1920, 1080).orElseThrow();
        assertEquals(0, Geodesy.metres(p.lat(), p.lon(), nadir.lat(), nadir.lon()), 1e-6);
        // No yaw is known, so even the centre is given as the drone's position, accuracy from a 5° default-pitch sigma.
        assertEquals(GeoFix.DRONE, nadir.source());
        assertEquals(Math.sqrt(9 + Math.pow(200.70 * Math.toRadians(5), 2)), nadir.accuracyM(), 1e-6);
        GeoFix unknownPitch = new TelemetryGeotagger(track, DroneOptics.fromAspect(83, 16.0 / 9, null))
                .locate(0.0, CENTRE, 1920, 1080).orElseThrow();
        assertEquals(3 + 200.70 / Math.tan(Math.toRadians(5)), unknownPitch.accuracyM(), 1e-6);
    }

    @Test
    void aKnownHeadingStandsInForTheGimbalYaw() {
        TelemetryTrack track = new TelemetryTrack(List.of(new TelemetryPoint(0, 30.5, 114.3, 100.0, null, -90.0, null, 90.0),
                new TelemetryPoint(1, 30.5, 114.3, 100.0, null, -90.0, null, 90.0)));
        // Heading east, nadir: the frame's top edge is east, 50.65 m away.
        GeoFix top = new TelemetryGeotagger(track, P4).locate(0.5, new Box(950, 0, 970, 0), 1920, 1080).orElseThrow();
        assertEquals(GeoFix.GROUND, top.source());
        assertEquals(50.65, Geodesy.metres(30.5, 114.3, top.lat(), top.lon()), 0.01);
        assertTrue(top.lon() > 114.3);
    }

    private static TelemetryTrack parse(String name) {
        TelemetryReport r = new SrtParser().parse(SharedFiles.shared().resolve("media/telemetry").resolve(name));
        assertTrue(r.hasPositions(), r.summary());
        return r.track();
    }
}
