package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerting sections: alerts, townships, departments, database, site routing, official secrets. */
class AlertsConfigTest {
    private static final String FULL = """
            officials:
              - id: li
                secret: ${LI_SECRET}
              - id: wang
              - id: cc
                role: command
            sites:
              - id: pit
                township: Xinhe
                lat: 1
                lon: 2
                officials: [li]
                escalation: [wang, cc]
            townships:
              - id: Xinhe
                team: [wang]
                authority: [heavy_vehicle]
            departments:
              - id: water
                name: Water Bureau
                rules: [dredging]
            alerts:
              gap_s: 30
              cooldown_s: 5
              levels: {dredging: emergency, heavy_vehicle: tough}
              deadlines_s: {emergency: 0.5}
              suppress:
                - rules: [heavy_vehicle]
                  from: "22:00"
                  to: "6:00"
            database:
              url: jdbc:postgresql://127.0.0.1:5432/test
              schema: mw_x
            """;

    @TempDir
    Path dir;
    private ConfigFixture f;

    @BeforeEach
    void setUp() {
        f = new ConfigFixture(dir);
    }

    @Test
    void fullAlertingConfigLoads() throws Exception {
        MinewatchConfig c = f.load(FULL, Map.of("LI_SECRET", "s3cret"));
        assertEquals("s3cret", c.official("li").secret());
        assertFalse(c.official("li").toString().contains("s3cret"));
        assertTrue(c.official("cc").command());
        assertEquals(new SiteRouting(List.of("li"), List.of("wang", "cc")), c.site("pit").routing());
        AlertsConfig a = c.alerts();
        assertEquals(30, a.gapS());
        assertEquals("tough", a.level("heavy_vehicle"));
        assertEquals("quick", a.level("dwell"));
        assertEquals(0.5, a.deadlineS("emergency"));
        assertEquals(600, a.deadlineS("tough"));
        assertTrue(a.township("Xinhe").mayHandle("heavy_vehicle"));
        assertFalse(a.township("Xinhe").mayHandle("dredging"));
        assertEquals("water", a.departmentFor("dredging").id());
        assertNull(a.departmentFor("heavy_vehicle"));
        SuppressWindow w = a.suppress().get(0);
        assertTrue(w.covers("any", "heavy_vehicle", LocalTime.of(23, 0)));
        assertTrue(w.covers("any", "heavy_vehicle", LocalTime.of(5, 59)));
        assertFalse(w.covers("any", "heavy_vehicle", LocalTime.of(12, 0)));
        assertFalse(w.covers("any", "dwell", LocalTime.of(23, 0)));
        assertTrue(c.database().postgres());
        assertEquals("mw_x", c.database().schema());
    }

    @Test
    void defaultsPutTheDatabaseUnderStorage() throws Exception {
        MinewatchConfig c = f.load("storage:\n  dir: d\n");
        assertEquals("jdbc:sqlite:" + dir.resolve("d").resolve("minewatch.db"), c.database().url());
        assertEquals(60, c.alerts().gapS());
        assertEquals(120, c.alerts().deadlineS("emergency"));
        assertEquals(MqttConfig.ANONYMOUS_OFF, c.mqtt().anonymous());
    }

    @Test
    void badReferencesAndValuesNameTheKey() throws Exception {
        String site = "officials:\n  - id: li\nsites:\n  - id: pit\n    lat: 1\n    lon: 2\n";
        assertEquals(f.prefix() + "line 7: sites[0].escalation: unknown official \"bob\" (defined officials: li)",
                f.error(site + "    escalation: [bob]\n"));
        assertEquals(f.prefix() + "line 3: alerts.levels.heavy_vehicle: unknown level \"urgent\" (expected one of:"
                + " quick, tough, emergency)", f.error("alerts:\n  levels:\n    heavy_vehicle: urgent\n"));
        assertEquals(f.prefix() + "line 3: alerts.deadlines_s.urgent: unknown key (expected one of: quick, tough,"
                + " emergency)", f.error("alerts:\n  deadlines_s:\n    urgent: 5\n"));
        assertTrue(f.error("database:\n  url: mysql://x\n").contains("database.url: expected a jdbc:sqlite:"));
        assertTrue(f.error("officials:\n  - id: a\n    role: boss\n").contains("officials[0].role: unknown role"));
        assertTrue(f.error("mqtt:\n  anonymous: all\n").contains("mqtt.anonymous: expected off or read"));
        assertTrue(f.error("alerts:\n  suppress:\n    - from: 25:00\n      to: 1:00\n")
                .contains("alerts.suppress[0].from: expected a time of day"));
    }
}
