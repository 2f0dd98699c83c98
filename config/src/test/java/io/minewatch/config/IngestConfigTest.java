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
        assertEquals(new RtspServerConfig("127.0.0.1", 0, "gw", "hunter2-secret"), c.rtspServer());
        assertFalse(c.rtspServer().toString().contains("hunter2"));
        assertTrue(f.error(push + "rtsp_server:\n  username: gw\n").contains("rtsp_server.password: give both"));
    }

    /**
     * Issue 10: the push server used to bind 0.0.0.0 with no credentials by default, so anyone on the
     * network could push video as any camera. Now it binds loopback by default, and a network bind
     * without credentials is a start-up error unless anonymous pushing is asked for by name.
     */
    @Test
    void anonymousPushOnTheNetworkIsAConfigError() throws Exception {
        String push = SITE + "cameras:\n  - id: gw\n    site: s\n    detect: push\n";
        RtspServerConfig local = f.load(push + "rtsp_server:\n  port: 0\n").rtspServer();
        assertEquals("127.0.0.1", local.host());
        assertFalse(local.anonymousOnNetwork());
        assertEquals(Duration.ofSeconds(10), local.idleTimeout());
        assertEquals(f.prefix() + "line 10: rtsp_server.host: listening on 0.0.0.0 (not loopback) needs username and "
                + "password, or allow_anonymous: true to accept pushes from anyone who can reach it",
                f.error(push + "rtsp_server:\n  host: 0.0.0.0\n  port: 0\n"));
        assertTrue(f.error(push + "rtsp_server:\n  host: camera-gw.local\n").contains("rtsp_server.host: listening on"));
        assertTrue(f.error(push + "rtsp_server:\n  host: 127.0.0.1.example.com\n").contains("rtsp_server.host"));
        RtspServerConfig open = f.load(push + "rtsp_server:\n  host: 0.0.0.0\n  allow_anonymous: true\n"
                + "  idle_timeout_s: 4.5\n").rtspServer();
        assertTrue(open.allowAnonymous());
        assertEquals(Duration.ofMillis(4500), open.idleTimeout());
        assertFalse(f.load(push + "rtsp_server:\n  host: 0.0.0.0\n  username: u\n  password: p\n").rtspServer()
                .anonymousOnNetwork());
        assertTrue(f.load(push + "rtsp_server:\n  host: ::1\n").rtspServer().host().equals("::1"));
        assertTrue(f.error(push + "rtsp_server:\n  idle_timeout_s: 0.5\n")
                .contains("rtsp_server.idle_timeout_s: must be between 2 and 300 seconds"));
        assertTrue(f.error(push + "rtsp_server:\n  allow_anonymous: yes please\n")
                .contains("rtsp_server.allow_anonymous: expected true or false"));
    }
}
