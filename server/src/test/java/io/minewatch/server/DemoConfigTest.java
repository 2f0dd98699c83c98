package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.CameraConfig;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.DetectSettings.RuleConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * scripts/demo.yaml stays loadable, lets mosquitto_sub watch without credentials, and its cameras are
 * the network cameras that scripts/demo serves over RTSP.
 */
class DemoConfigTest {
    private static final Path SCRIPTS = Path.of(System.getProperty("user.dir")).resolve("../scripts").normalize();

    @Test
    void demoConfigLoads() throws Exception {
        MinewatchConfig c = ConfigLoader.load(SCRIPTS.resolve("demo.yaml"), Map.of());
        assertEquals(MqttConfig.ANONYMOUS_READ, c.mqtt().anonymous());
        assertTrue(c.official("li-wei").secret() != null);
        assertEquals("tough", c.alerts().level("heavy_vehicle"));
        // One user per role besides the officials, passwords overridable from the environment.
        assertEquals(java.util.List.of("admin:admin:demo-admin", "analyst:analyst:demo-analyst",
                "reviewer:reviewer:demo-reviewer", "transport:department:demo-transport",
                "traffic-police:department:demo-traffic-police"), c.users().stream()
                .map(u -> u.id() + ":" + u.role() + ":" + u.password()).toList());
        // The case loop: the catalogue file, a delegated matter, and the sites' places in the districts.
        assertEquals(7, c.cases().matters().size());
        assertEquals("township", c.cases().handler("Xinhe", "WR-02"));
        assertEquals("transport", c.cases().handler("Xinhe", "TR-01"));
        assertEquals("north", c.cases().districtAt(c.site("river-north").lat(), c.site("river-north").lon()).id());
        assertEquals("east", c.cases().districtAt(c.site("pit-road").lat(), c.site("pit-road").lon()).id());
        assertEquals(List.of("north-1", "east-1"), c.cases().teamsOf("li-wei").stream().map(t -> t.id()).toList());
    }

    /**
     * Every camera pulls rtsp://127.0.0.1:$MINEWATCH_DEMO_RTSP_PORT/<its id>, and scripts/demo serves
     * exactly those mounts from shared footage that exists: a camera added to one file and not the
     * other, or a renamed clip, fails here rather than in a demo that shows a camera offline.
     */
    @Test
    void everyCameraIsAnRtspMountThatScriptsDemoServes() throws Exception {
        MinewatchConfig c = ConfigLoader.load(SCRIPTS.resolve("demo.yaml"),
                Map.of("MINEWATCH_DEMO_RTSP_PORT", "41234"));
        String script = Files.readString(SCRIPTS.resolve("demo"));
        Map<String, String> served = servedMounts(script);
        assertEquals(List.of("overpass-1", "street-1", "motorway-1"), List.copyOf(served.keySet()));
        List<CameraConfig> rtsp = c.cameras().stream().filter(cam -> !cam.isRtmp()).toList();
        assertEquals(served.keySet(), rtsp.stream().map(CameraConfig::id)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        // The live drone: published over RTMP by scripts/demo itself, at live/<its id>.
        List<CameraConfig> drones = c.cameras().stream().filter(CameraConfig::isRtmp).toList();
        assertEquals(List.of("drone-1"), drones.stream().map(CameraConfig::id).toList());
        assertTrue(script.contains("/live/drone-1"), "scripts/demo publishes drone-1 over RTMP");
        assertTrue(c.rtmp() != null && c.rtmp().enabled());
        for (CameraConfig cam : rtsp) {
            assertEquals("rtsp://127.0.0.1:41234/" + cam.id(), cam.detect(), cam.id());
            assertNull(cam.record(), cam.id() + ": the record path is the detect stream's");
            assertTrue(cam.enabled(), cam.id());
            SharedFiles.video(served.get(cam.id()));
        }
        // What the cameras detect stayed as it was when they played files.
        CameraConfig overpass = c.cameras().get(0);
        assertEquals(List.of("heavy_vehicle_in_zone", "haul_trips"),
                overpass.detection().rules().stream().map(RuleConfig::type).toList());
        assertEquals("lanes", overpass.detection().zones().get(0).name());
        assertEquals(640, c.cameras().get(2).width());
        rtsp.forEach(cam -> assertEquals(5.0, cam.fps(), cam.id()));
    }

    /** The {@code cameras=( id=file ... )} list of scripts/demo, in order. */
    private static Map<String, String> servedMounts(String script) {
        int start = script.indexOf("\ncameras=(\n");
        assertTrue(start >= 0, "scripts/demo has no cameras=( list");
        int end = script.indexOf("\n)\n", start);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : script.substring(start + "\ncameras=(\n".length(), end).split("\n")) {
            String t = line.trim();
            int eq = t.indexOf('=');
            assertTrue(eq > 0, "not id=file: " + t);
            out.put(t.substring(0, eq), t.substring(eq + 1));
        }
        return out;
    }
}
