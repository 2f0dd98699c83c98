package io.minewatch.alerts.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.testing.Databases;
import io.minewatch.config.MatterConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run-time import of the catalogue on SQLite and PostgreSQL: it replaces the configuration's catalogue
 * (and survives a restart), a bad file changes nothing and names line and field, cases keep their matters,
 * and handlers follow the catalogue in force.
 */
class CatalogueImportTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void anImportReplacesTheCatalogueInForce(String kind) throws Exception {
        try (CaseRig rig = new CaseRig(kind, dir)) {
            assertEquals(List.of("SAND-FARM", "OVERLOAD", "ALTERED-BODY", "RIVER-SAND"), codes(rig.desk.catalogue()));
            String before = rig.desk.open(new Intake("hotline", List.of(), null, null, "举报", "夜间砂车", null, null,
                    "Xinhe", "quick"), "cc").id();
            rig.desk.dispatch(before, "north-1", "cc");
            rig.desk.onSite(before, new OnSite(null, 1, 1, false, false, List.of(), List.of(),
                    List.of(new OnSite.MatterPick("RIVER-SAND", null))), "li-wei");

            CaseException bad = assertThrows(CaseException.class, () -> rig.desk.importCatalogue(
                    "code,name,owner,level,rules\nOVERLOAD,超载,township,quick,\nX,x,police,quick,\n", "csv", "admin"));
            assertEquals(CaseException.Kind.INVALID, bad.kind());
            assertTrue(bad.getMessage().contains("line 3: owner: unknown owner \"police\""), bad.getMessage());
            assertEquals(4, rig.desk.catalogue().matters().size(), "nothing changed");

            CatalogueView v = rig.desk.importCatalogue("""
                    matters:
                      - {code: OVERLOAD, name: 货车超限超载, owner: transport, level: tough, rules: [heavy_vehicle]}
                      - {code: DUMPING, name: 乱倒砂石, owner: township}
                    townships:
                      Xinhe: [OVERLOAD]
                    """, "yaml", "admin");
            assertEquals(List.of("OVERLOAD", "DUMPING"), codes(v));
            assertEquals(List.of("OVERLOAD"), v.delegated().get("Xinhe"));
            assertEquals(2, v.districts().size(), "districts, checklist and departments stay the configuration's");
            assertEquals(3, v.departments().size());

            String after = rig.desk.open(new Intake("patrol", List.of(), null, null, null, null, CaseRig.NORTH_LAT,
                    CaseRig.NORTH_LON, null, null), "cc").id();
            rig.desk.dispatch(after, null, "cc");
            CaseView k = rig.desk.onSite(after, new OnSite(null, 1, 1, false, false, List.of(), List.of(),
                    List.of(new OnSite.MatterPick("OVERLOAD", null))), "li-wei");
            assertEquals("township", k.matters().get(0).handler(), "delegated to Xinhe by the import");
            assertTrue(k.whistles().isEmpty());
            CaseException gone = assertThrows(CaseException.class, () -> rig.desk.onSite(after, new OnSite(null, 1, 1,
                    false, false, List.of(), List.of(), List.of(new OnSite.MatterPick("SAND-FARM", null))), "li-wei"));
            assertTrue(gone.getMessage().contains("matters: unknown matter SAND-FARM"), gone.getMessage());
            assertEquals("RIVER-SAND", rig.desk.find(before).orElseThrow().matters().get(0).code(),
                    "cases keep the matters they have");

            rig.stop();
            rig.start();
            assertEquals(List.of("OVERLOAD", "DUMPING"), codes(rig.desk.catalogue()), "the import survives a restart");

            rig.desk.importCatalogue("code,name,owner,level,rules\nSAND-FARM,非法采砂,township,tough,heavy_vehicle\n",
                    "csv", "admin");
            assertEquals(List.of("SAND-FARM"), codes(rig.desk.catalogue()));
            assertTrue(rig.desk.catalogue().delegated().getOrDefault("Xinhe", List.of()).isEmpty(),
                    "a CSV has no delegated lists; the configuration's name no matter of it");
        }
    }

    private static List<String> codes(CatalogueView v) {
        return v.matters().stream().map(MatterConfig::code).toList();
    }
}
