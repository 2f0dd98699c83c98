package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.DetectSettings.GroundConfig;
import io.minewatch.config.DetectSettings.RuleConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground_change rule's keys under a camera's rules: read, defaulted, bounded, and refused elsewhere. */
class GroundChangeConfigTest {
    private static final String HEAD = """
            sites:
              - id: pit
                lat: 1
                lon: 2
            cameras:
              - id: c
                site: pit
                detect: rtsp://10.0.0.1/x
                detection:
                  zones:
                    - name: east-pit
                      kind: pit
                      points: [[0.1, 0.5], [0.6, 0.5], [0.6, 1.0]]
                    - name: haul-road
                      kind: road
                      points: [[0, 0], [0.2, 0], [0.2, 0.3]]
                  rules:
            """;

    @TempDir
    Path dir;
    private ConfigFixture f;

    @BeforeEach
    void setUp() {
        f = new ConfigFixture(dir);
    }

    @Test
    void keysAreReadAndTheRestDefaults() throws Exception {
        MinewatchConfig c = f.load(HEAD + """
                        - type: ground_change
                          zones: [east-pit]
                          share: 0.2
                          observations: 8
                          hours: 24
                          sample_minutes: 10
                        - type: ground_change
                """);
        List<RuleConfig> rules = c.cameras().get(0).detection().rules();
        assertEquals(new GroundConfig(0.2, 8, 24, 10, 3, 6, 72, 30), rules.get(0).ground());
        assertEquals(List.of("east-pit"), rules.get(0).zones());
        assertEquals(GroundConfig.DEFAULT, rules.get(1).ground());
        assertEquals(new GroundConfig(0.10, 6, 12, 5, 3, 6, 72, 30), GroundConfig.DEFAULT);
    }

    @Test
    void badValuesAndMisplacedKeysAreNamed() throws Exception {
        String band = f.error(HEAD + "            - type: ground_change\n              band_hours: 5\n");
        assertTrue(band.contains("band_hours") && band.contains("divide the day"), band);
        String share = f.error(HEAD + "            - type: ground_change\n              share: 0.001\n");
        assertTrue(share.contains("share") && share.contains("0.02..1"), share);
        String road = f.error(HEAD + "            - type: ground_change\n              zones: [haul-road]\n");
        assertTrue(road.contains("haul-road is a road zone"), road);
        String elsewhere = f.error(HEAD + "            - type: dwell\n              observations: 3\n");
        assertTrue(elsewhere.contains("only a ground_change rule takes observations"), elsewhere);
    }

    @Test
    void aCameraWithoutGroundZonesIsTold() throws Exception {
        String yaml = HEAD.replace("kind: pit", "kind: road").replace("name: east-pit", "name: lane")
                + "            - type: ground_change\n";
        String none = f.error(yaml);
        assertTrue(none.contains("needs a pit, stockpile or riverbank zone"), none);
    }
}
