package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code flights:} section with its drones' optics, and sites' boundary and radius: values, defaults, errors. */
class FlightsConfigTest {
    @TempDir
    Path dir;
    private ConfigFixture f;

    @BeforeEach
    void setUp() {
        f = new ConfigFixture(dir);
    }

    @Test
    void defaultsWithoutTheSection() throws Exception {
        MinewatchConfig c = f.load("storage:\n  dir: store\n");
        FlightsConfig fl = c.flights();
        assertEquals(dir.resolve("store/flights").toAbsolutePath().normalize(), fl.dir());
        assertEquals(8L << 30, fl.maxUploadBytes());
        assertEquals(5.0, fl.detectFps());
        assertTrue(fl.drones().isEmpty());
        assertNull(fl.optics("Mavic 3"));
    }

    @Test
    void flightsAndDroneOptics() throws Exception {
        MinewatchConfig c = f.load("""
                flights:
                  dir: /var/minewatch/flights
                  max_upload_gb: 2.5
                  detect_fps: 2
                  drones:
                    Mavic 3: {hfov_deg: 84, aspect: 16:9, default_gimbal_pitch_deg: -90}
                    p4_rtk: {hfov_deg: 73.7, vfov_deg: 53.1}
                    default: {hfov_deg: 80, aspect: "4/3"}
                """);
        FlightsConfig fl = c.flights();
        assertEquals(Path.of("/var/minewatch/flights"), fl.dir());
        assertEquals((long) (2.5 * (1L << 30)), fl.maxUploadBytes());
        assertEquals(2.0, fl.detectFps());
        DroneOptics m3 = fl.optics("mavic 3");
        assertEquals(84, m3.hfovDeg());
        // tan(vfov/2) = tan(42°) × 9/16 = 0.50648 -> vfov = 2 × 26.861° = 53.72°
        assertEquals(53.72, m3.vfovDeg(), 0.005);
        assertEquals(-90.0, m3.defaultGimbalPitchDeg());
        assertEquals(53.1, fl.optics("p4_rtk").vfovDeg());
        assertNull(fl.optics("p4_rtk").defaultGimbalPitchDeg());
        DroneOptics other = fl.optics("Air 2S");
        assertSame(fl.drones().get("default"), other);
        assertEquals(Math.toDegrees(2 * Math.atan(Math.tan(Math.toRadians(40)) * 0.75)), other.vfovDeg(), 1e-9);
        assertEquals(List.of("Mavic 3", "p4_rtk", "default"), List.copyOf(fl.drones().keySet()));
        // 16:9 without quotes is a base-60 integer to YAML 1.1: still read as a ratio.
        assertEquals(m3, f.load("flights:\n  drones:\n    m: {hfov_deg: 84, aspect: 16:9, default_gimbal_pitch_deg: -90}\n")
                .flights().optics("m"));
        assertEquals(DroneOptics.fromAspect(84, 16.0 / 9, null),
                f.load("flights:\n  drones:\n    m: {hfov_deg: 84}\n").flights().optics("m"));
    }

    @Test
    void flightsErrorsNameTheKey() throws Exception {
        assertTrue(f.error("flights:\n  max_upload: 3\n").startsWith(f.prefix() + "line 2: flights.max_upload: "
                + "unknown key (expected one of: dir, max_upload_gb, detect_fps, drones)"));
        assertEquals(f.prefix() + "line 2: flights.max_upload_gb: must be between 0.001 and 1024 (GiB), got \"0\"",
                f.error("flights:\n  max_upload_gb: 0\n"));
        assertEquals(f.prefix() + "line 2: flights.detect_fps: must be between 0.1 and 30 frames a second, got \"60\"",
                f.error("flights:\n  detect_fps: 60\n"));
        assertEquals(f.prefix() + "line 4: flights.drones.m3.hfov_deg: required key is missing",
                f.error("flights:\n  drones:\n    m3:\n      vfov_deg: 50\n"));
        assertEquals(f.prefix() + "line 3: flights.drones.m3.hfov_deg: horizontal field of view must be between 1 and"
                + " 179 degrees, got \"180\"", f.error("flights:\n  drones:\n    m3: {hfov_deg: 180}\n"));
        assertEquals(f.prefix() + "line 3: flights.drones.m3.aspect: give vfov_deg or aspect, not both",
                f.error("flights:\n  drones:\n    m3: {hfov_deg: 84, vfov_deg: 50, aspect: 1.5}\n"));
        assertEquals(f.prefix() + "line 3: flights.drones.m3.aspect: expected width:height such as 16:9 or a number "
                + "such as 1.78, got \"wide\"", f.error("flights:\n  drones:\n    m3: {hfov_deg: 84, aspect: wide}\n"));
        assertEquals(f.prefix() + "line 3: flights.drones.m3.default_gimbal_pitch_deg: must be between -90 (straight "
                + "down) and 30 degrees (0 = horizon), got \"-120\"",
                f.error("flights:\n  drones:\n    m3: {hfov_deg: 84, default_gimbal_pitch_deg: -120}\n"));
        assertTrue(f.error("flights:\n  drones:\n    m3: {hfov_deg: 84, pitch: 3}\n").startsWith(f.prefix()
                + "line 3: flights.drones.m3.pitch: unknown key (expected one of: hfov_deg, vfov_deg, aspect, "
                + "default_gimbal_pitch_deg)"));
    }

    @Test
    void siteBoundaryAndRadius() throws Exception {
        MinewatchConfig c = f.load("""
                sites:
                  - id: pit
                    lat: 30.5
                    lon: 114.3
                    boundary: [[30.50, 114.29], [30.51, 114.29], [30.51, 114.31], [30.50, 114.31]]
                  - {id: flat, lat: 30.6, lon: 114.4, radius_m: 250}
                  - {id: road, lat: 30.7, lon: 114.5}
                """);
        assertEquals(List.of(new LatLon(30.50, 114.29), new LatLon(30.51, 114.29), new LatLon(30.51, 114.31),
                new LatLon(30.50, 114.31)), c.site("pit").boundary());
        assertEquals(250.0, c.site("flat").radiusM());
        assertTrue(c.site("flat").boundary().isEmpty());
        assertEquals(SiteConfig.DEFAULT_RADIUS_M, c.site("road").radiusM());
        // The constructors other modules use still build a 500 m site.
        assertEquals(500.0, new SiteConfig("s", "s", "", 1, 2).radiusM());
    }

    @Test
    void siteBoundaryErrors() throws Exception {
        String site = "sites:\n  - id: pit\n    lat: 30.5\n    lon: 114.3\n";
        assertEquals(f.prefix() + "line 5: sites[0].boundary: a boundary has 3 to 1000 [lat, lon] corners, got 2",
                f.error(site + "    boundary: [[30.5, 114.3], [30.6, 114.3]]\n"));
        assertEquals(f.prefix() + "line 7: sites[0].boundary[1]: expected a corner [lat, lon], found a list of 3",
                f.error(site + "    boundary:\n      - [30.5, 114.3]\n      - [30.6, 114.3, 12]\n      - [30.6, 114.4]\n"));
        assertEquals(f.prefix() + "line 5: sites[0].boundary[2]: latitude must be between -90 and 90, got 114.4 "
                + "(corners are [lat, lon])", f.error(site + "    boundary: [[30.5, 114.3], [30.6, 114.3], [114.4, 30.6]]\n"));
        assertEquals(f.prefix() + "line 5: sites[0].boundary[0]: expected numbers [lat, lon], found a string",
                f.error(site + "    boundary: [[north, 114.3], [30.6, 114.3], [30.6, 114.4]]\n"));
        assertEquals(f.prefix() + "line 5: sites[0].boundary: the corners enclose no area (all on one line, or repeated)",
                f.error(site + "    boundary: [[30.5, 114.3], [30.6, 114.3], [30.7, 114.3]]\n"));
        assertEquals(f.prefix() + "line 5: sites[0].boundary: expected a list of [lat, lon] corners, found a string",
                f.error(site + "    boundary: here\n"));
        assertEquals(f.prefix() + "line 5: sites[0].radius_m: must be between 1 and 100000 metres, got \"0\"",
                f.error(site + "    radius_m: 0\n"));
    }

    @Test
    void registeredSiteKeepsItsBoundary() throws Exception {
        MinewatchConfig yaml = f.load("sites:\n  - {id: north, lat: 30, lon: 114}\n");
        SiteConfig s = RegistryBinder.site("{\"id\":\"east\",\"lat\":31,\"lon\":115,\"radius_m\":800,"
                + "\"boundary\":[[31.0,115.0],[31.01,115.0],[31.01,115.01]]}", Map.of(), yaml, null);
        assertEquals(3, s.boundary().size());
        assertEquals(800.0, s.radiusM());
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryBinder.site(
                "{\"id\":\"east\",\"lat\":31,\"lon\":115,\"boundary\":[[31.0,115.0]]}", Map.of(), yaml, null));
        assertEquals("site: line 1: boundary: a boundary has 3 to 1000 [lat, lon] corners, got 1", e.getMessage());
        // A registry edit of the sites keeps the flights section.
        MinewatchConfig withFlights = f.load("flights:\n  detect_fps: 3\n");
        assertEquals(3.0, RegistryBinder.with(withFlights, List.of(s), List.of(), List.of()).flights().detectFps());
    }
}
