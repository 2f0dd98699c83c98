package io.minewatch.detect.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.DroneOptics;
import org.junit.jupiter.api.Test;

/** Hand-computed projections of a 1920x1080 frame, 84° across, 16:9 (53.72° high), from 100 m. */
class GroundProjectionTest {
    private static final double LAT = 30.5;
    private static final double LON = 114.3;
    private static final DroneOptics OPTICS = DroneOptics.fromAspect(84, 16.0 / 9, null);
    private static final int W = 1920;
    private static final int H = 1080;

    @Test
    void nadirCentreIsTheDronePosition() {
        GeoFix f = GroundProjection.locate(pose(100.0, -90.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H);
        assertEquals(GeoFix.GROUND, f.source());
        assertEquals(0, Geodesy.metres(LAT, LON, f.lat(), f.lon()), 1e-6);
        // sqrt(3² + (100 m × 2° in radians)²) = sqrt(9 + 3.4907²) = 4.603 m
        assertEquals(4.603, f.accuracyM(), 0.001);
    }

    @Test
    void nadirImageEdgeAt100mWith84DegreesIs90mAway() {
        // Right edge: 100 m × tan(42°) = 90.04 m, to the right of a camera looking north: east.
        GeoFix right = GroundProjection.locate(pose(100.0, -90.0, 0.0), OPTICS, W, H / 2.0, W, H);
        assertEquals(90.04, Geodesy.metres(LAT, LON, right.lat(), right.lon()), 0.01);
        assertEquals(LAT, right.lat(), 1e-9);
        assertTrue(right.lon() > LON);
        // Top edge: 100 m × tan(26.86°) = 50.65 m ahead (north); the same with the camera turned east lies east.
        GeoFix top = GroundProjection.locate(pose(100.0, -90.0, 0.0), OPTICS, W / 2.0, 0, W, H);
        assertEquals(50.65, Geodesy.metres(LAT, LON, top.lat(), top.lon()), 0.01);
        assertTrue(top.lat() > LAT);
        assertEquals(LON, top.lon(), 1e-9);
        GeoFix topEast = GroundProjection.locate(pose(100.0, -90.0, 90.0), OPTICS, W / 2.0, 0, W, H);
        assertEquals(50.65, Geodesy.metres(LAT, LON, topEast.lat(), topEast.lon()), 0.01);
        assertEquals(LAT, topEast.lat(), 1e-7);
        assertTrue(topEast.lon() > LON);
    }

    @Test
    void obliqueCentreLiesAlongTheYaw() {
        // 30° below the horizon from 100 m: 100 / tan(30°) = 173.21 m, looking east.
        GeoFix f = GroundProjection.locate(pose(100.0, -30.0, 90.0), OPTICS, W / 2.0, H / 2.0, W, H);
        assertEquals(173.21, Geodesy.metres(LAT, LON, f.lat(), f.lon()), 0.01);
        assertEquals(LAT, f.lat(), 1e-7);
        // sqrt(3² + (100 × 0.034907 / sin²30°)² + (173.21 × 0.034907)² + (173.21 × 0.1)²) = 23.25 m
        assertEquals(23.25, f.accuracyM(), 0.01);
        // 45° below, looking south-west (225°): 100 m away, 70.71 m south and 70.71 m west.
        GeoFix sw = GroundProjection.locate(pose(100.0, -45.0, 225.0), OPTICS, W / 2.0, H / 2.0, W, H);
        assertEquals(100, Geodesy.metres(LAT, LON, sw.lat(), sw.lon()), 0.01);
        assertEquals(70.71, Geodesy.metres(LAT, LON, sw.lat(), LON), 0.01);
        assertTrue(sw.lat() < LAT && sw.lon() < LON);
    }

    @Test
    void accuracyGrowsWithHeightAndObliqueness() {
        double nadir100 = GroundProjection.locate(pose(100.0, -90.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H).accuracyM();
        double nadir200 = GroundProjection.locate(pose(200.0, -90.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H).accuracyM();
        double at60 = GroundProjection.locate(pose(100.0, -60.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H).accuracyM();
        double at30 = GroundProjection.locate(pose(100.0, -30.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H).accuracyM();
        double at10 = GroundProjection.locate(pose(100.0, -10.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H).accuracyM();
        assertTrue(nadir100 < nadir200, nadir100 + " " + nadir200);
        assertTrue(nadir100 < at60 && at60 < at30 && at30 < at10, nadir100 + " " + at60 + " " + at30 + " " + at10);
        // A default pitch (not the telemetry's) is trusted less: 5° instead of 2°.
        GeoFix defaulted = GroundProjection.locate(new GroundProjection.Pose(LAT, LON, 100.0, -90.0, true, 0.0), OPTICS,
                W / 2.0, H / 2.0, W, H);
        assertEquals(Math.sqrt(9 + Math.pow(100 * Math.toRadians(5), 2)), defaulted.accuracyM(), 1e-9);
    }

    @Test
    void nearHorizonRaysFallBackToTheDrone() {
        // 3° below the horizon: refused; the drone's position, within 3 + 100 / tan(5°) = 1146.0 m.
        GeoFix shallow = GroundProjection.locate(pose(100.0, -3.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H);
        assertEquals(GeoFix.DRONE, shallow.source());
        assertEquals(LAT, shallow.lat());
        assertEquals(LON, shallow.lon());
        assertEquals(1146.0, shallow.accuracyM(), 0.1);
        // 10° down, box at the top edge: the ray points 16.9° above the horizon.
        assertEquals(GeoFix.DRONE, GroundProjection.locate(pose(100.0, -10.0, 0.0), OPTICS, W / 2.0, 0, W, H).source());
        // Camera level with the horizon.
        assertEquals(GeoFix.DRONE, GroundProjection.locate(pose(100.0, 0.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H).source());
    }

    @Test
    void whatIsNotKnownFallsBackToTheDrone() {
        // No yaw: the distance is known (90.04 m) but not its direction.
        GeoFix noYaw = GroundProjection.locate(pose(100.0, -90.0, null), OPTICS, W, H / 2.0, W, H);
        assertEquals(GeoFix.DRONE, noYaw.source());
        assertEquals(LAT, noYaw.lat());
        assertTrue(noYaw.accuracyM() > 90.04 && noYaw.accuracyM() < 110, "" + noYaw.accuracyM());
        assertEquals(GroundProjection.UNKNOWN_HEIGHT_M,
                GroundProjection.locate(pose(null, -90.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H).accuracyM());
        assertEquals(GroundProjection.UNKNOWN_HEIGHT_M,
                GroundProjection.locate(pose(1.0, -90.0, 0.0), OPTICS, W / 2.0, H / 2.0, W, H).accuracyM());
        GeoFix noPitch = GroundProjection.locate(pose(100.0, null, 0.0), OPTICS, W / 2.0, H / 2.0, W, H);
        assertEquals(GeoFix.DRONE, noPitch.source());
        assertEquals(1146.0, noPitch.accuracyM(), 0.1);
        assertEquals(GeoFix.DRONE, GroundProjection.locate(pose(100.0, -90.0, 0.0), null, 1, 1, W, H).source());
    }

    private static GroundProjection.Pose pose(Double height, Double pitch, Double yaw) {
        return new GroundProjection.Pose(LAT, LON, height, pitch, false, yaw);
    }
}
