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

    private MinewatchConfig withDistricts() throws ConfigException {
        return ConfigLoader.parse("""
                officials:
                  - {id: li, name: Li, secret: s3cret-li}
                  - {id: wang, name: Wang, secret: s3cret-wang}
                townships:
                  - {id: Xinhe}
                districts:
                  - id: north
                    township: Xinhe
                    boundary: [[30.6, 114.3], [30.6, 114.4], [30.7, 114.4], [30.7, 114.3]]
                    teams: [{id: north-1, members: [li]}]
                """, dir, "site.yaml", Map.of());
    }

    @Test
    void aDistrictBindsLikeTheYamlAndItsTeamIdsAreUniqueAcrossDistricts() throws Exception {
        MinewatchConfig c = withDistricts();
        String east = "{\"id\":\"east\",\"township\":\"Xinhe\",\"boundary\":[[30.6,114.5],[30.6,114.6],[30.7,114.6]],"
                + "\"teams\":[{\"id\":\"east-1\",\"members\":[\"wang\"]}]}";
        DistrictConfig d = RegistryBinder.district(east, Map.of(), c, null);
        assertEquals("east", d.id());
        assertTrue(d.contains(30.62, 114.58));
        assertEquals("wang", d.teams().get(0).members().get(0));
        String[][] bad = {
            {east.replace("[[30.6,114.5],", "["), "district: line 1: boundary: a boundary has 3 to"},
            {east.replace("[30.7,114.6]]", "[30.7,194.6]]"), "district: line 1: boundary[2]: longitude must be"},
            {east.replace("Xinhe", "Oldtown"), "district: line 1: township: unknown township \"Oldtown\""},
            {east.replace("wang", "ghost"), "district: line 1: teams[0].members: unknown official \"ghost\""},
            {east.replace("east-1", "north-1"), "district: line 1: teams[0].id: duplicate team id \"north-1\""},
            {east.replace("\"east\"", "\"north\""), "district: line 1: id: duplicate district id \"north\""},
            {east.replace("\"teams\"", "\"colour\":1,\"teams\""), "district: line 1: colour"},
        };
        for (String[] b : bad) {
            ConfigException e = assertThrows(ConfigException.class, () -> RegistryBinder.district(b[0], Map.of(), c, null));
            assertTrue(e.getMessage().startsWith(b[1]), e.getMessage());
        }
        // Editing north itself: its own id and team ids are not duplicates.
        assertEquals("north-1", RegistryBinder.district(east.replace("\"east\"", "\"north\"").replace("east-1", "north-1"),
                Map.of(), c, "north").teams().get(0).id());
    }

    @Test
    void rebindingSitesCamerasOfficialsOrTownshipsKeepsTheCaseLoop() throws Exception {
        MinewatchConfig c = withDistricts();
        assertEquals(c.cases(), RegistryBinder.with(c, c.sites(), c.cameras(), c.officials()).cases());
        assertEquals(c.cases(), RegistryBinder.withTownships(c, c.alerts().townships()).cases());
        MinewatchConfig none = RegistryBinder.withDistricts(c, java.util.List.of());
        assertEquals(java.util.List.of(), none.cases().districts());
        assertEquals(c.cases().checklist(), none.cases().checklist());
    }
}
