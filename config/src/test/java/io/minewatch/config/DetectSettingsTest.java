package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.DetectSettings.RuleConfig;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cameras[].detection and sites[].timezone: every key read, defaults, and one-line errors. */
class DetectSettingsTest {
    private static final String HEAD = """
            sites:
              - id: pit
                lat: 1
                lon: 2
                timezone: Asia/Shanghai
            cameras:
              - id: c
                site: pit
                detect: rtsp://10.0.0.1/x
            """;

    @TempDir
    Path dir;
    private ConfigFixture f;

    @BeforeEach
    void setUp() {
        f = new ConfigFixture(dir);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        MinewatchConfig c = f.load(HEAD + """
                    detection:
                      model: site-machinery
                      full_frame_every_s: 5
                      decode_threads: 2
                      motion:
                        threshold: 30
                        min_area: 0.002
                      zones:
                        - name: east-pit
                          kind: pit
                          points: [[0.1, 0.5], [0.6, 0.5], [0.6, 1.0], [0.1, 1.0]]
                        - name: trees
                          kind: mask
                          points: [[0, 0], [0.2, 0], [0.2, 0.3]]
                      schedules:
                        night: ["20:00-06:00", "12:00-13:30"]
                      rules:
                        - type: heavy_vehicle_in_zone
                          zones: [east-pit]
                          schedule: night
                        - type: dwell
                          minutes: 10
                        - type: haul_trips
                          count: 4
                          minutes: 20
                      tamper: false
                """);
        assertEquals(ZoneId.of("Asia/Shanghai"), c.sites().get(0).timezone());
        DetectSettings d = c.cameras().get(0).detection();
        assertEquals("site-machinery", d.model());
        assertEquals(5, d.fullFrameEveryS());
        assertEquals(new DetectSettings.MotionConfig(30, 0.002), d.motion());
        assertEquals("east-pit", d.zones().get(0).name());
        assertEquals("mask", d.zones().get(1).kind());
        assertArrayEquals(new double[] {0.6, 0.5}, d.zones().get(0).points().get(1));
        assertEquals(List.of(new DetectSettings.TimeWindow(1200, 360), new DetectSettings.TimeWindow(720, 810)),
                d.schedules().get("night"));
        assertTrue(d.schedules().get("night").get(0).contains(23 * 60));
        assertTrue(!d.schedules().get("night").get(0).contains(12 * 60));
        assertEquals(new RuleConfig("heavy_vehicle_in_zone", List.of("east-pit"), "night", 30, 3), d.rules().get(0));
        assertEquals(new RuleConfig("dwell", List.of(), null, 10, 3), d.rules().get(1));
        assertEquals(new RuleConfig("haul_trips", List.of(), null, 20, 4), d.rules().get(2));
        assertEquals(false, d.tamper());
        assertEquals(2, d.decodeThreads());
    }

    @Test
    void defaults() throws Exception {
        MinewatchConfig c = f.load(HEAD.replace("    timezone: Asia/Shanghai\n", ""));
        assertEquals(ZoneOffset.UTC, c.sites().get(0).timezone());
        DetectSettings d = c.cameras().get(0).detection();
        assertEquals(DetectSettings.DEFAULT, d);
        assertNull(d.model());
    }

    @Test
    void overlayKeys() throws Exception {
        DetectSettings d = f.load(HEAD + """
                    detection:
                      overlay:
                        enabled: false
                        drop_coverage: 0.8
                        warmup_s: 4
                        refresh_s: 5
                """).cameras().get(0).detection();
        assertEquals(new DetectSettings.OverlayConfig(false, 0.8, 4, 5), d.overlay());
        DetectSettings partial = f.load(HEAD + "    detection:\n      overlay:\n        drop_coverage: 1\n")
                .cameras().get(0).detection();
        assertEquals(new DetectSettings.OverlayConfig(true, 1, 16, 30), partial.overlay());
        assertEquals(DetectSettings.OverlayConfig.DEFAULT, f.load(HEAD).cameras().get(0).detection().overlay());
        assertTrue(DetectSettings.OverlayConfig.DEFAULT.enabled(), "on unless switched off");
    }

    @Test
    void overlayErrorsNameTheKey() throws Exception {
        String o = HEAD + "    detection:\n      overlay:\n        ";
        overlayError(o + "drop_coverage: 0\n",
                "cameras[0].detection.overlay.drop_coverage: must be a share of a detection's box in (0, 1]");
        overlayError(o + "drop_coverage: 1.5\n", "cameras[0].detection.overlay.drop_coverage: must be a share");
        overlayError(o + "enabled: maybe\n", "cameras[0].detection.overlay.enabled: expected true or false");
        overlayError(o + "warmup_s: 1\n", "cameras[0].detection.overlay.warmup_s: must be 2..3600");
        overlayError(o + "refresh_s: 0\n", "cameras[0].detection.overlay.refresh_s: must be 1..3600");
        overlayError(o + "drop_coverge: 0.5\n", "cameras[0].detection.overlay.drop_coverge: unknown key");
        overlayError(HEAD + "    detection:\n      overlay: false\n", "cameras[0].detection.overlay");
    }

    private void overlayError(String yaml, String expected) throws Exception {
        String message = f.error(yaml);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void errorsNameTheKey() throws Exception {
        assertTrue(f.error(HEAD + "    detection:\n      zones:\n        - name: z\n          kind: quarry\n"
                + "          points: [[0,0],[1,0],[1,1]]\n").contains("cameras[0].detection.zones[0].kind: unknown zone kind"));
        assertTrue(f.error(HEAD + "    detection:\n      zones:\n        - name: z\n          kind: pit\n"
                + "          points: [[0,0],[1.5,0],[1,1]]\n").contains("coordinates are shares"));
        assertTrue(f.error(HEAD + "    detection:\n      rules:\n        - type: dwell\n          zones: [nope]\n")
                .contains("unknown zone"));
        assertTrue(f.error(HEAD + "    detection:\n      schedules:\n        night: [\"25:00-06:00\"]\n")
                .contains("detection.schedules.night[0]"));
        assertTrue(f.error(HEAD + "    detection:\n      rules:\n        - type: heavy_vehicle_in_zone\n"
                + "          schedule: night\n").contains("unknown schedule"));
        assertTrue(f.error(HEAD + "    detection:\n      rules:\n        - type: speeding\n").contains("unknown rule"));
        assertTrue(f.error(HEAD + "    detection:\n      motoin: {}\n").contains("detection.motoin: unknown key"));
        assertTrue(f.error(HEAD + "    detection:\n      decode_threads: 0\n").contains("decode_threads: must be 1..16"));
        assertTrue(f.error(HEAD.replace("Asia/Shanghai", "Mars/Olympus")).contains("sites[0].timezone: unknown time zone"));
    }
}
