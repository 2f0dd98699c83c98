package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry entry gets the YAML loader's validation and messages, ids unique across YAML and registry. */
class RegistryBinderTest {
    @TempDir
    Path dir;

    private MinewatchConfig yaml() throws ConfigException {
        return ConfigLoader.parse("""
                officials:
                  - {id: li, name: Li, secret: s3cret-li}
                sites:
                  - {id: north, lat: 30, lon: 114}
                cameras:
                  - {id: cam-1, site: north, detect: "rtsp://127.0.0.1:8554/a"}
                """, dir, "site.yaml", Map.of());
    }

    /** The message of the YAML loader for the same camera item, after its "<file>: line N: cameras[1]." part. */
    private String yamlMessage(String item) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                sites:
                  - {id: north, lat: 30, lon: 114}
                cameras:
                  - {id: cam-1, site: north, detect: "rtsp://127.0.0.1:8554/a"}
                  - %s
                """.formatted(item), dir, "site.yaml", Map.of()));
        return e.getMessage().replaceFirst("^site\\.yaml: line \\d+: cameras\\[1\\]\\.", "");
    }

    private String registryMessage(String json) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> RegistryBinder.camera(json, Map.of(), yaml(), null));
        return e.getMessage().replaceFirst("^camera: line \\d+: ", "");
    }

    @Test
    void aBadFieldGetsTheLoadersMessage() {
        String[] items = {
            "{id: cam-2, site: north, detect: \"rtsp://127.0.0.1:8554/b\", fps: 99}",
            "{id: cam-2, site: south, detect: \"rtsp://127.0.0.1:8554/b\"}",
            "{id: cam-2, site: north, detect: \"rtsp://127.0.0.1:8554/b\", detection: {zones: [{name: r, kind: lake, "
                    + "points: [[0,0],[1,0],[1,1]]}]}}",
            "{id: cam-2, site: north, detect: \"rtsp://127.0.0.1:8554/b\", detection: {zones: [{name: r, kind: road, "
                    + "points: [[0,0],[1.5,0],[1,1]]}]}}",
            "{id: cam-2, site: north, detect: \"rtsp://127.0.0.1:8554/b\", colour: red}",
        };
        for (String item : items) {
            String expected = yamlMessage(item);
            assertEquals(expected, registryMessage(item), item);
        }
    }

    @Test
    void idsAreUniqueAcrossYamlAndRegistryAndAnEditKeepsItsOwn() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> RegistryBinder.camera(
                "{\"id\":\"cam-1\",\"site\":\"north\",\"detect\":\"rtsp://127.0.0.1:8554/b\"}", Map.of(), yaml(), null));
        assertTrue(e.getMessage().contains("duplicate camera id \"cam-1\""), e.getMessage());
        CameraConfig c = RegistryBinder.camera("{\"id\":\"cam-1\",\"site\":\"north\",\"detect\":\"rtsp://h/b\",\"fps\":2}",
                Map.of(), yaml(), "cam-1");
        assertEquals(2.0, c.fps());
        ConfigException o = assertThrows(ConfigException.class,
                () -> RegistryBinder.official("{\"id\":\"li\"}", Map.of(), yaml(), null));
        assertTrue(o.getMessage().contains("duplicate official id"), o.getMessage());
    }

    @Test
    void aRegisteredCameraIsPulledOverRtspAndItsCredentialsNeverShow() {
        ConfigException file = assertThrows(ConfigException.class, () -> RegistryBinder.camera(
                "{\"id\":\"cam-2\",\"site\":\"north\",\"detect\":\"/etc/passwd\"}", Map.of(), yaml(), null));
        assertEquals("camera: line 1: detect: a registered camera takes an rtsp:// URL (files and pushed cameras "
                + "belong in the YAML)", file.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> RegistryBinder.camera(
                "{\"id\":\"cam-2\",\"site\":\"north\",\"detect\":\"${U}\",\"fps\":0}",
                Map.of("U", "rtsp://viewer:Hunter2-pw@10.0.0.9/live"), yaml(), null));
        assertTrue(bad.getMessage().contains("fps"), bad.getMessage());
        assertFalse(bad.getMessage().contains("Hunter2-pw"), bad.getMessage());
    }

    @Test
    void sitesAndOfficialsBindLikeTheYaml() throws Exception {
        SiteConfig s = RegistryBinder.site("{\"id\":\"east\",\"lat\":31,\"lon\":115,\"timezone\":\"Asia/Shanghai\"}",
                Map.of(), yaml(), null);
        assertEquals("east", s.id());
        ConfigException lat = assertThrows(ConfigException.class,
                () -> RegistryBinder.site("{\"id\":\"east\",\"lat\":91,\"lon\":115}", Map.of(), yaml(), null));
        assertEquals("site: line 1: lat: latitude must be between -90 and 90, got \"91\"", lat.getMessage());
        OfficialConfig o = RegistryBinder.official("{\"id\":\"zhao\",\"role\":\"official\"}", Map.of(), yaml(), null);
        assertEquals("zhao", o.id());
    }
}
