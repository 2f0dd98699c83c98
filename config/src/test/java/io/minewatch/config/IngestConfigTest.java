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

/** {@code cameras[].ingest}, {@code detect: push} and the {@code rtsp_server} section. */
class IngestConfigTest {
    private static final String SITE = "sites:\n  - id: s\n    lat: 1\n    lon: 2\n";
    @TempDir
    java.nio.file.Path dir;
    private ConfigFixture f;

    @BeforeEach
    void setUp() {
        f = new ConfigFixture(dir);
    }

    @Test
    void defaultsAndOverrides() throws Exception {
        MinewatchConfig c = f.load(SITE + """
                cameras:
                  - id: a
                    site: s
                    detect: rtsp://10.0.0.1/live
                  - id: b
                    site: s
                    detect: rtsp://10.0.0.2/live
                    ingest:
                      transport: udp
                      timeout_s: 3
                      no_data_timeout_s: 4.5
                      offline_debounce_s: 45
                      ring_seconds: 10
                      ring_mb: 8
                """);
        assertEquals(IngestSettings.DEFAULTS, c.cameras().get(0).ingest());
        assertEquals(IngestSettings.Transport.AUTO, c.cameras().get(0).ingest().transport(), "auto is the default");
        IngestSettings b = c.cameras().get(1).ingest();
        assertEquals(IngestSettings.Transport.UDP, b.transport());
        assertEquals(Duration.ofSeconds(3), b.timeout());
        assertEquals(Duration.ofMillis(4500), b.noDataTimeout());
        assertEquals(Duration.ofSeconds(45), b.offlineDebounce());
        assertEquals(10, b.ringSeconds());
        assertEquals(8L << 20, b.ringBytes());
        assertNull(c.rtspServer());
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        String cam = SITE + "cameras:\n  - id: a\n    site: s\n    detect: rtsp://h/x\n    ingest:\n";
        assertEquals(f.prefix() + "line 10: cameras[0].ingest.transport: expected auto, tcp or udp, got \"quic\"",
                f.error(cam + "      transport: quic\n"));
        assertTrue(f.error(cam + "      ring_mb: 0\n").contains("cameras[0].ingest.ring_mb: must be between 1 and 4096"));
        assertTrue(f.error(cam + "      bogus: 1\n").contains("cameras[0].ingest.bogus: unknown key"));
    }

    @Test
    void pushCamerasNeedTheServerSectionAndThePasswordIsNeverShown() throws Exception {
        String push = SITE + "cameras:\n  - id: gw\n    site: s\n    detect: push\n";
        assertTrue(f.error(push).contains("cameras[0].detect: detect: push needs the rtsp_server section"));
        MinewatchConfig c = f.load(push + "rtsp_server:\n  port: 0\n  username: gw\n  password: ${PW}\n",
                Map.of("PW", "hunter2-secret"));
        assertTrue(c.cameras().get(0).isPushed());
        assertEquals(new RtspServerConfig("0.0.0.0", 0, "gw", "hunter2-secret"), c.rtspServer());
        assertFalse(c.rtspServer().toString().contains("hunter2"));
        assertTrue(f.error(push + "rtsp_server:\n  username: gw\n").contains("rtsp_server.password: give both"));
    }
}
