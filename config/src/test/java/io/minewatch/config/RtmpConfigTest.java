package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rtmp} and {@code drone_osd} sections, {@code detect: rtmp} and cameras' {@code drone_sn}. */
class RtmpConfigTest {
    private static final String SITE = "sites:\n  - id: s\n    lat: 1\n    lon: 2\n";
    private static final String CAM = SITE + "cameras:\n  - id: d1\n    site: s\n    detect: rtmp\n";
    @TempDir
    java.nio.file.Path dir;
    private ConfigFixture f;

    @BeforeEach
    void setUp() {
        f = new ConfigFixture(dir);
    }

    @Test
    void rtmpSectionDefaultsAndSecrets() throws Exception {
        MinewatchConfig none = f.load(SITE);
        assertNull(none.rtmp());
        assertNull(none.droneOsd());
        assertTrue(f.error(CAM).contains("cameras[0].detect: detect: rtmp needs the rtmp section (enabled)"));
        assertTrue(f.error(CAM + "rtmp:\n  enabled: false\n").contains("detect: rtmp needs the rtmp section"));
        MinewatchConfig c = f.load(CAM + "rtmp:\n  port: 0\n  username: drone\n  password: ${PW}\n",
                Map.of("PW", "s3cret-pw"));
        assertTrue(c.cameras().get(0).isRtmp());
        assertTrue(c.cameras().get(0).isNetworkSource());
        assertFalse(c.cameras().get(0).isPushed());
        assertEquals(new RtmpConfig(true, "127.0.0.1", 0, "drone", "s3cret-pw", false, Duration.ofSeconds(10)), c.rtmp());
        assertFalse(c.rtmp().toString().contains("s3cret"));
        assertEquals(1935, f.load(SITE + "rtmp: {}\n").rtmp().port());
        assertTrue(f.error(CAM + "rtmp:\n  username: drone\n").contains("rtmp.password: give both"));
        assertTrue(f.error(CAM + "rtmp:\n  port: 70000\n").contains("rtmp.port: port must be between 0 and 65535"));
        assertTrue(f.error(CAM + "rtmp:\n  idle_timeout_s: 1\n").contains("rtmp.idle_timeout_s: must be between 2"));
        assertTrue(f.error(CAM + "rtmp:\n  app: live\n").contains("rtmp.app"));
        // The password goes into a URL query: characters that need escaping there are refused, unshown.
        String bad = f.error(CAM + "rtmp:\n  username: drone\n  password: ${PW}\n", Map.of("PW", "a&b=c"));
        assertTrue(bad.contains("rtmp.password: use letters, digits"), bad);
        assertFalse(bad.contains("a&b=c"));
    }

    /** Like RTSP push: a network bind needs credentials, or anonymous publishing asked for by name. */
    @Test
    void anonymousPublishingOnTheNetworkIsAConfigError() throws Exception {
        assertEquals(f.prefix() + "line 10: rtmp.host: listening on 0.0.0.0 (not loopback) needs username and "
                + "password, or allow_anonymous: true to accept publishers from anyone who can reach it",
                f.error(CAM + "rtmp:\n  host: 0.0.0.0\n"));
        assertTrue(f.load(CAM + "rtmp:\n  host: 0.0.0.0\n  allow_anonymous: true\n").rtmp().allowAnonymous());
    }

    @Test
    void droneSerialsAndTheOsdBroker() throws Exception {
        String two = SITE + "cameras:\n  - id: d1\n    site: s\n    detect: rtmp\n    drone_sn: 1581F5BKD223900C0002\n"
                + "  - id: d2\n    site: s\n    detect: rtmp\n";
        MinewatchConfig c = f.load(two + "rtmp: {}\ndrone_osd:\n  url: mqtt://10.0.0.5:1883\n  username: osd\n"
                + "  password: ${P}\n  max_age_s: 2\n", Map.of("P", "broker-secret"));
        assertEquals("1581F5BKD223900C0002", c.cameras().get(0).droneSn());
        assertNull(c.cameras().get(1).droneSn());
        assertEquals(new DroneOsdConfig("tcp://10.0.0.5:1883", "osd", "broker-secret", "minewatch-osd",
                Duration.ofSeconds(2)), c.droneOsd());
        assertFalse(c.droneOsd().toString().contains("broker-secret"));
        assertTrue(f.error(two.replace("1581F5BKD223900C0002", "sn/+/#") + "rtmp: {}\n")
                .contains("cameras[0].drone_sn: invalid drone serial number"));
        assertTrue(f.error(two + "    drone_sn: 1581F5BKD223900C0002\nrtmp: {}\n")
                .contains("cameras[1].drone_sn: drone serial 1581F5BKD223900C0002 is already given to another camera"));
        assertTrue(f.error(two + "rtmp: {}\ndrone_osd:\n  url: http://x:1\n").contains("drone_osd.url: expected tcp://"));
        assertTrue(f.error(two + "rtmp: {}\ndrone_osd: {}\n").contains("drone_osd.url"));
        assertTrue(f.error(two + "rtmp: {}\ndrone_osd:\n  url: tcp://x:1\n  max_age_s: 0\n")
                .contains("drone_osd.max_age_s: must be between 0.5 and 60"));
    }
}
