package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every invalid configuration fails with one line naming the file, the line and the key path. */
class ConfigErrorTest {
    private static final String SITE = "sites:\n  - id: pit\n    lat: 1\n    lon: 2\n";

    @TempDir
    Path dir;
    private ConfigFixture f;

    @BeforeEach
    void setUp() {
        f = new ConfigFixture(dir);
    }

    @Test
    void unknownTopLevelKey() throws Exception {
        // The list grows as sections are added: check its start, not its end.
        assertTrue(f.error("http:\n  port: 1\ncamera: []\n").startsWith(f.prefix() + "line 3: camera: unknown key"
                + " (expected one of: sites, cameras, officials, mqtt, storage, http"));
    }

    @Test
    void unknownNestedKey() throws Exception {
        String message = f.error(SITE + "cameras:\n  - id: c\n    site: pit\n    detcet: a.mp4\n");
        assertEquals(f.prefix() + "line 8: cameras[0].detcet: unknown key (expected one of: id, site, detect, record,"
                + " fps, width, height, enabled, realtime, loop, detection, ingest, drone_sn)", message);
        assertTrue(f.error("mqtt:\n  clientid: x\n").startsWith(f.prefix() + "line 2: mqtt.clientid: unknown key"
                + " (expected one of: url, username, password, client_id, topic_prefix, embedded_host, embedded_port"));
    }

    @Test
    void duplicateCameraId() throws Exception {
        Files.writeString(dir.resolve("a.mp4"), "x");
        String yaml = SITE + "cameras:\n  - {id: cam-1, site: pit, detect: a.mp4}\n  - id: cam-1\n    site: pit\n"
                + "    detect: a.mp4\n";
        assertEquals(f.prefix() + "line 7: cameras[1].id: duplicate camera id \"cam-1\"", f.error(yaml));
    }

    @Test
    void duplicateSiteAndOfficialIdsAndDuplicateKeys() throws Exception {
        assertEquals(f.prefix() + "line 2: sites[1].id: duplicate site id \"pit\"",
                f.error("sites: [{id: pit, lat: 1, lon: 1},\n  {id: pit, lat: 1, lon: 1}]\n"));
        assertEquals(f.prefix() + "line 1: officials[1].id: duplicate official id \"o\"",
                f.error("officials: [{id: o}, {id: o}]\n"));
        assertEquals(f.prefix() + "line 3: http.port: duplicate key (first on line 2)",
                f.error("http:\n  port: 1\n  port: 2\n"));
    }

    @Test
    void invalidId() throws Exception {
        String message = f.error("officials:\n  - id: \"a/b\"\n");
        assertTrue(message.startsWith(f.prefix() + "line 2: officials[0].id: invalid official id \"a/b\""), message);
        assertEquals(f.prefix() + "line 2: officials[0].id: required key is missing", f.error("officials:\n  - name: x\n"));
    }

    @Test
    void cameraFileDoesNotExist() throws Exception {
        String missing = dir.resolve("footage/x.avi").toAbsolutePath().normalize().toString();
        assertEquals(f.prefix() + "line 8: cameras[0].detect: file not found: " + missing + " (camera \"c1\")",
                f.error(SITE + "cameras:\n  - id: c1\n    site: pit\n    detect: footage/x.avi\n"));
        Files.createDirectories(dir.resolve("clips"));
        Files.writeString(dir.resolve("a.mp4"), "x");
        assertTrue(f.error(SITE + "cameras: [{id: c1, site: pit, detect: a.mp4, record: clips}]\n")
                .contains("cameras[0].record: not a regular file: "));
    }

    @Test
    void cameraSiteUndefined() throws Exception {
        assertEquals(f.prefix() + "line 7: cameras[0].site: unknown site \"pot\" (defined sites: pit)",
                f.error(SITE + "cameras:\n  - id: c\n    site: pot\n    detect: rtsp://h/s\n"));
        assertEquals(f.prefix() + "line 2: cameras[0].site: required key is missing",
                f.error("cameras:\n  - id: c\n    detect: rtsp://h/s\n"));
    }

    @Test
    void badCameraUrls() throws Exception {
        String cam = SITE + "cameras:\n  - id: c\n    site: pit\n    detect: ";
        assertTrue(f.error(cam + "rtsp://\n").startsWith(f.prefix() + "line 8: cameras[0].detect: not a valid URL"));
        assertEquals(f.prefix() + "line 8: cameras[0].detect: unsupported URL scheme \"http\" (expected rtsp or rtsps,"
                + " or a file path): \"http://x\"", f.error(cam + "http://x\n"));
        assertEquals(f.prefix() + "line 8: cameras[0].detect: URL has no valid host: \"rtsp:///stream\"",
                f.error(cam + "rtsp:///stream\n"));
        assertTrue(f.error(cam + "rtsp://h:70000/s\n").contains("URL port must be between 1 and 65535"));
        String message = f.error(cam + "\"rtsp://admin:hunter2@cam 1/s\"\n");
        assertTrue(message.startsWith(f.prefix() + "line 8: cameras[0].detect: not a valid URL"), message);
        assertTrue(message.endsWith("\"rtsp://admin:****@cam 1/s\""), message);
        assertTrue(!message.contains("hunter2"), message);
    }

    @Test
    void badMqttSettings() throws Exception {
        assertTrue(f.error("mqtt:\n  url: http://b:1883\n").startsWith(f.prefix() + "line 2: mqtt.url: expected tcp://"));
        assertTrue(f.error("mqtt:\n  url: tcp://broker\n").contains("mqtt.url: URL needs a port"));
        assertTrue(f.error("mqtt:\n  url: tcp://u:pw@b:1883\n").contains("not in the URL"));
        assertEquals(f.prefix() + "line 2: mqtt.topic_prefix: topic prefix \"a/#\" must not contain the wildcards # or +",
                f.error("mqtt:\n  topic_prefix: a/#\n"));
        assertTrue(f.error("mqtt:\n  topic_prefix: /a\n").contains("must not start or end with '/'"));
        assertTrue(f.error("mqtt:\n  topic_prefix: a/\n").contains("must not start or end with '/'"));
        assertTrue(f.error("mqtt:\n  embedded_port: 0\n").contains("mqtt.embedded_port: port must be between 1 and 65535"));
    }

    @Test
    void rangeChecks() throws Exception {
        assertEquals(f.prefix() + "line 1: sites[0].lat: latitude must be between -90 and 90, got \"91\"",
                f.error("sites: [{id: s, lat: 91, lon: 0}]\n"));
        assertEquals(f.prefix() + "line 1: sites[0].lon: required key is missing", f.error("sites: [{id: s, lat: 1}]\n"));
        String cam = SITE + "cameras:\n  - {id: c, site: pit, detect: rtsp://h/s, ";
        assertTrue(f.error(cam + "fps: 0}\n").contains("cameras[0].fps: fps must be > 0 and <= 60, got \"0\""));
        assertTrue(f.error(cam + "fps: 61}\n").contains("cameras[0].fps: fps must be > 0"));
        assertTrue(f.error(cam + "width: 8}\n").contains("cameras[0].width: width must be 0"));
        assertTrue(f.error(cam + "height: 5000}\n").contains("cameras[0].height: height must be 0"));
        assertTrue(f.error("http: {port: 65536}\n").contains("line 1: http.port: port must be between 0 and 65535"));
        assertTrue(f.error("http: {header_timeout_s: 0}\n").contains("http.header_timeout_s: header_timeout_s must be"
                + " between 1 and 300, got \"0\""));
        assertTrue(f.error("http: {max_requests_per_client: 1001}\n").contains("http.max_requests_per_client:"));
        assertTrue(f.error("http: {export_queue: -1}\n").contains("http.export_queue: export_queue must be between 0"));
    }

    @Test
    void typeMismatches() throws Exception {
        assertEquals(f.prefix() + "line 1: sites[0].lat: expected a number, found a string",
                f.error("sites: [{id: s, lat: \"north\", lon: 0}]\n"));
        assertEquals(f.prefix() + "line 2: cameras: expected a list, found a map", f.error("cameras:\n  id: c\n"));
        assertEquals(f.prefix() + "line 1: mqtt: expected a map, found a list", f.error("mqtt: [a, b]\n"));
        assertEquals(f.prefix() + "line 1: http.port: expected an integer, found a number", f.error("http: {port: 80.5}\n"));
        assertEquals(f.prefix() + "line 2: http.host: expected a string, found a list", f.error("http:\n  host: [a]\n"));
        assertEquals(f.prefix() + "line 1: officials[0]: expected a map, found a string", f.error("officials: [bob]\n"));
        assertEquals(f.prefix() + "line 1: (top level): expected a map, found a list", f.error("- a\n- b\n"));
        assertTrue(f.error(SITE + "cameras: [{id: c, site: pit, detect: rtsp://h/s, enabled: \"yes\"}]\n")
                .contains("cameras[0].enabled: expected true or false, found a string"));
        assertTrue(f.error("http: {port: 99999999999}\n").contains("http.port: integer out of range"));
    }

    @Test
    void yamlSyntaxErrorIsOneLineWithItsLine() throws Exception {
        String message = f.error("http:\n  host: a\n   port: [1\nmqtt: {}\n");
        assertTrue(message.matches(java.util.regex.Pattern.quote(f.prefix()) + "line \\d+: YAML syntax error: .+"), message);
        String tabs = f.error("mqtt:\n  password: sekrit\n\tbad: x\n");
        assertTrue(tabs.startsWith(f.prefix() + "line 3: YAML syntax error: "), tabs);
        assertTrue(!tabs.contains("sekrit"), tabs);
        assertTrue(f.error("http: {}\n---\nhttp: {}\n").contains("only one YAML document is allowed"));
        assertEquals(f.prefix() + "line 2: http.port: YAML aliases (*name) are not supported; write the value out",
                f.error("mqtt: {embedded_port: &p 1883}\nhttp: {port: *p}\n"));
        String numeric = f.error("mqtt:\n  password: .nan\n");
        assertTrue(numeric.startsWith(f.prefix() + "line 2: YAML syntax error: "), numeric);
        assertTrue(!numeric.contains(".nan"), numeric);
    }

    @Test
    void unreadableFile() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Map.of()));
        assertEquals(missing + ": cannot read: no such file", e.getMessage());
        ConfigException d = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of()));
        assertEquals(dir + ": cannot read: is a directory", d.getMessage());
    }

    @Test
    void fileNameIsUsedAsGiven() throws Exception {
        f.write("site.yaml", "bogus: 1\n");
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("site.yaml"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(relative, Map.of()));
        assertTrue(e.getMessage().startsWith(relative + ": line 1: bogus: unknown key"), e.getMessage());
    }
}
