package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue file, CSV and YAML: good files read in order; every bad one names file, line and field. */
class CatalogueFileTest {
    private static final CatalogueFile.Known KNOWN = new CatalogueFile.Known(Set.of("transport", "traffic-police"),
            Set.of("heavy_vehicle", "dredging"), Set.of("Xinhe"));

    @TempDir
    Path dir;

    @Test
    void aCsvWithBomQuotesAndCrlfIsRead() throws Exception {
        Path file = dir.resolve("matters.csv");
        Files.writeString(file, "\uFEFFcode,name,owner,level,rules\r\n"
                + "SAND-FARM,非法占用农用地采砂,township,tough,heavy_vehicle\r\n"
                + "\r\n"
                + "OVERLOAD,\"货车超限超载, 含\"\"百吨王\"\"\",transport,,heavy_vehicle;dredging\r\n"
                + "ALTERED-BODY,擅自改装车辆,traffic-police,emergency,\r\n");
        CatalogueFile.Contents c = CatalogueFile.read(file, KNOWN);
        assertEquals(List.of("SAND-FARM", "OVERLOAD", "ALTERED-BODY"), c.matters().stream().map(MatterConfig::code)
                .toList());
        MatterConfig overload = c.matters().get(1);
        assertEquals("货车超限超载, 含\"百吨王\"", overload.name());
        assertEquals("quick", overload.level(), "level defaults to quick");
        assertEquals(List.of("heavy_vehicle", "dredging"), overload.rules());
        assertEquals("traffic-police", c.matters().get(2).owner());
        assertTrue(c.matters().get(2).rules().isEmpty());
        assertTrue(c.delegated().isEmpty());
    }

    @Test
    void bothYamlShapesAreRead() throws Exception {
        CatalogueFile.Contents list = CatalogueFile.parse("""
                - {code: SAND-FARM, name: 非法采砂, owner: township, level: tough, rules: [heavy_vehicle]}
                - {code: OVERLOAD, owner: transport}
                """, "yaml", "m.yaml", KNOWN);
        assertEquals(2, list.matters().size());
        assertEquals("OVERLOAD", list.matters().get(1).name(), "name defaults to the code");
        CatalogueFile.Contents map = CatalogueFile.parse("""
                matters:
                  - {code: SAND-FARM, owner: township}
                  - {code: OVERLOAD, owner: transport}
                townships:
                  Xinhe: [OVERLOAD]
                """, "yaml", "m.yaml", KNOWN);
        assertEquals(Map.of("Xinhe", List.of("OVERLOAD")), map.delegated());
    }

    @Test
    void everyBadCsvIsNamedByFileLineAndField() throws Exception {
        String head = "code,name,owner,level,rules\n";
        assertError(head + "A,a,township,quick,\nB,b,water,quick,\n", "m.csv: line 3: owner: unknown owner \"water\"");
        assertError(head + "A,a,township,quick,\nA,b,township,quick,\n", "m.csv: line 3: code: duplicate matter code \"A\"");
        assertError(head + "A,a,township,urgent,\n", "m.csv: line 2: level: unknown level \"urgent\"");
        assertError(head + "A,a,township,quick,heavy_vehicle;flying\n", "m.csv: line 2: rules: unknown rule \"flying\"");
        assertError(head + "A,a,township\n", "m.csv: line 2: row: expected 5 fields, found 3");
        assertError("code,name,owner,level,colour\n", "m.csv: line 1: header: unknown column \"colour\"");
        assertError("code,name,owner,level\n", "m.csv: line 1: header: expected the columns");
        assertError(head + "A b,a,township,quick,\n", "m.csv: line 2: code: invalid matter code \"A b\"");
        assertError(head + "A,a,,quick,\n", "m.csv: line 2: owner: owner is required");
        assertError(head + "A,\"open,township,quick,\n", "m.csv: line 2: a quoted field is not closed");
        assertError("", "m.csv: line 1: the catalogue is empty");
        String yaml = assertThrows(ConfigException.class, () -> CatalogueFile.parse(
                "- {code: A, owner: township}\n- {code: B, owner: township, colour: red}\n", "yaml", "m.yaml", KNOWN))
                .getMessage();
        assertTrue(yaml.startsWith("m.yaml: line 2: [1]") || yaml.contains("line 2"), yaml);
        assertTrue(yaml.contains("colour"), yaml);
        String delegated = assertThrows(ConfigException.class, () -> CatalogueFile.parse(
                "matters: [{code: A, owner: township}]\ntownships: {Xinhe: [B]}\n", "yaml", "m.yaml", KNOWN))
                .getMessage();
        assertTrue(delegated.contains("line 2") && delegated.contains("unknown matter \"B\""), delegated);
        String format = assertThrows(ConfigException.class, () -> CatalogueFile.parse("x", "xls", "m", KNOWN))
                .getMessage();
        assertTrue(format.contains("unknown catalogue format \"xls\""), format);
    }

    private static void assertError(String csv, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> CatalogueFile.parse(csv, "csv", "m.csv", KNOWN));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
