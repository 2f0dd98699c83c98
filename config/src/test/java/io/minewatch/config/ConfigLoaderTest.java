package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configurations load into the records with every default applied. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void fullConfigLoadsEveryValueAndDefault() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        f.write("footage/pit.mp4", "not really video");
        MinewatchConfig c = f.load("""
                # a county with two sites
                sites:
                  - id: pit-1
                    name: North sand pit
                    township: Riverside
                    lat: 23.5
                    lon: -120
                  - id: flat_2
                    lat: -10
                    lon: 100.25
                cameras:
                  - id: cam-1
                    site: pit-1
                    detect: rtsp://10.0.0.5:554/sub
                    record: rtsps://cam.example.org/main
                    fps: 2.5
                    width: 640
                    height: 360
                    enabled: false
                    realtime: false
                    loop: true
                  - id: cam-2
                    site: flat_2
                    detect: footage/pit.mp4
                officials:
                  - id: off-1
                    name: Ms Chen
                    township: Riverside
                  - id: off-2
                mqtt:
                  url: mqtt://broker.example.org:1883
                  username: server
                  password: hunter2
                  client_id: mw-1
                  topic_prefix: county/minewatch
                  embedded_host: 0.0.0.0
                  embedded_port: 11883
                storage:
                  dir: ../var/mw
                http:
                  host: 0.0.0.0
                  port: 0
                """);

        assertEquals(List.of(new SiteConfig("pit-1", "North sand pit", "Riverside", 23.5, -120),
                new SiteConfig("flat_2", "flat_2", "", -10, 100.25)), c.sites());
        assertEquals(new CameraConfig("cam-1", "pit-1", "rtsp://10.0.0.5:554/sub", "rtsps://cam.example.org/main",
                2.5, 640, 360, false, false, true), c.cameras().get(0));
        String footage = dir.resolve("footage/pit.mp4").toAbsolutePath().normalize().toString();
        assertEquals(new CameraConfig("cam-2", "flat_2", footage, null, 5, 0, 0, true, true, false),
                c.cameras().get(1));
        assertFalse(c.cameras().get(1).isNetworkSource());
        assertEquals(List.of(new OfficialConfig("off-1", "Ms Chen", "Riverside"), new OfficialConfig("off-2", "off-2", "")),
                c.officials());
        assertEquals(new MqttConfig("tcp://broker.example.org:1883", "server", "hunter2", "mw-1", "county/minewatch",
                "0.0.0.0", 11883), c.mqtt());
        assertFalse(c.mqtt().embedded());
        assertEquals(dir.getParent().resolve("var/mw").toAbsolutePath().normalize(), c.storage().dir());
        assertEquals(new HttpConfig("0.0.0.0", 0), c.http());
        assertEquals("North sand pit", c.site("pit-1").name());
    }

    @Test
    void emptyFileGivesEveryDefault() throws Exception {
        MinewatchConfig c = new ConfigFixture(dir).load("");
        assertTrue(c.sites().isEmpty());
        assertTrue(c.cameras().isEmpty());
        assertTrue(c.officials().isEmpty());
        assertEquals(new MqttConfig(null, null, null, "minewatch-server", "minewatch/v1", "127.0.0.1", 1883), c.mqtt());
        assertTrue(c.mqtt().embedded());
        assertEquals("tcp://127.0.0.1:1883", c.mqtt().effectiveUrl());
        assertEquals(dir.resolve("data").toAbsolutePath().normalize(), c.storage().dir());
        assertEquals(new HttpConfig("127.0.0.1", 8080), c.http());
    }

    @Test
    void emptySectionsAndCommentsOnlyAreDefaults() throws Exception {
        MinewatchConfig c = new ConfigFixture(dir).load("# nothing yet\nsites:\ncameras: []\nmqtt:\nhttp: {}\n");
        assertTrue(c.cameras().isEmpty());
        assertEquals(8080, c.http().port());
        assertEquals("minewatch/v1", c.mqtt().topicPrefix());
    }

    @Test
    void httpBounds() throws Exception {
        MinewatchConfig c = new ConfigFixture(dir).load("http: {header_timeout_s: 3, max_requests_per_client: 20,"
                + " export_queue: 0}\n");
        assertEquals(new HttpConfig("127.0.0.1", 8080, 3, 20, 0), c.http());
        MinewatchConfig d = new ConfigFixture(dir).load("http: {}\n");
        assertEquals(5, d.http().headerTimeoutSeconds());
        assertEquals(8, d.http().maxRequestsPerClient());
        assertEquals(4, d.http().exportQueue());
    }

    @Test
    void disabledCameraMayPointAtAMissingFile() throws Exception {
        MinewatchConfig c = new ConfigFixture(dir).load("""
                sites: [{id: s, lat: 0, lon: 0}]
                cameras: [{id: c, site: s, detect: later.mp4, enabled: false}]
                """);
        assertEquals(dir.resolve("later.mp4").toAbsolutePath().normalize().toString(), c.cameras().get(0).detect());
    }

    @Test
    void parseResolvesAgainstTheGivenFolder() throws Exception {
        Files.writeString(dir.resolve("a.mp4"), "x");
        MinewatchConfig c = ConfigLoader.parse("sites: [{id: s, lat: 1, lon: 2}]\ncameras: [{id: c, site: s, detect: a.mp4}]\n",
                dir, "inline", Map.of());
        assertEquals(dir.resolve("a.mp4").toAbsolutePath().normalize().toString(), c.cameras().get(0).detect());
        assertNull(c.cameras().get(0).record());
    }

    @Test
    void placeholdersAreSubstitutedWithDefaults() throws Exception {
        MinewatchConfig c = new ConfigFixture(dir).load("""
                sites: [{id: s, lat: 1, lon: 2}]
                cameras:
                  - id: c
                    site: s
                    detect: rtsp://${CAM_USER}:${CAM_PASS}@10.0.0.5:554/s
                    fps: ${FPS:-7}
                    enabled: ${CAM_ON:-true}
                mqtt:
                  url: ${BROKER:-tcp://localhost:1883}
                  password: ${MQTT_PASS}
                  topic_prefix: ${PREFIX:-}county/${REGION}
                """, Map.of("CAM_USER", "admin", "CAM_PASS", "s3cret", "MQTT_PASS", "p@ss", "REGION", "north"));
        CameraConfig cam = c.cameras().get(0);
        assertEquals("rtsp://admin:s3cret@10.0.0.5:554/s", cam.detect());
        assertEquals(7.0, cam.fps());
        assertTrue(cam.enabled());
        assertEquals("tcp://localhost:1883", c.mqtt().url());
        assertEquals("p@ss", c.mqtt().password());
        assertEquals("county/north", c.mqtt().topicPrefix());
    }

    @Test
    void placeholderValueWinsOverDefault() throws Exception {
        MinewatchConfig c = new ConfigFixture(dir).load("http:\n  port: ${PORT:-8080}\n  host: ${HOST:-localhost}\n",
                Map.of("PORT", "9090"));
        assertEquals(new HttpConfig("localhost", 9090), c.http());
    }

    @Test
    void loadWithoutEnvUsesTheProcessEnvironment() throws Exception {
        // PATH is set in every test run; an unset name falls back to its default.
        Path file = new ConfigFixture(dir).write("site.yaml", "mqtt:\n  username: ${PATH}\n  client_id: ${MW_UNSET_FOR_TEST:-x}\n");
        MinewatchConfig c = ConfigLoader.load(file);
        assertEquals(System.getenv("PATH"), c.mqtt().username());
        assertEquals("x", c.mqtt().clientId());
    }
}
