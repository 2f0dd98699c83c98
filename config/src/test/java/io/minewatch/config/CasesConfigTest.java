package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The case loop's sections: catalogue file + inline matters, delegated lists, districts, cases; named errors. */
class CasesConfigTest {
    private static final String COUNTY = """
            officials: [{id: li-wei}, {id: zhang-min}]
            departments:
              - {id: transport, name: 交通运输局}
              - {id: traffic-police, name: 交警大队}
            townships:
              - {id: Xinhe, matters: [RIVER-SAND]}
            catalogue:
              file: catalogue/matters.csv
              matters:
                - {code: RIVER-SAND, name: 河道非法采砂, owner: transport, level: emergency}
            districts:
              - id: north
                name: 北片区
                township: Xinhe
                boundary: [[30.50, 114.20], [30.50, 114.40], [30.60, 114.40], [30.60, 114.20]]
                teams:
                  - {id: north-1, name: 北片一队, members: [li-wei]}
                  - {id: north-2}
            users:
              - {id: transport, role: department, department: transport, password: demo-transport}
            """;
    private static final String CSV = "code,name,owner,level,rules\nSAND-FARM,非法占用农用地采砂,township,tough,"
            + "heavy_vehicle\nOVERLOAD,货车超限超载,transport,quick,\n";

    @TempDir
    Path dir;

    @Test
    void theCountysCaseLoopIsBound() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        f.write("catalogue/matters.csv", CSV);
        MinewatchConfig c = f.load(COUNTY + """
                cases:
                  zone: Asia/Shanghai
                  deadlines:
                    tough: {on_site_min: 45, whistle_ack_min: 30}
                  review:
                    pass_score: 75
                    checklist:
                      - {id: photos, text: 有照片, required: true}
                      - {id: plates, text: 有车牌}
                  max_photo_mb: 8
                """);
        CasesConfig k = c.cases();
        assertEquals(List.of("SAND-FARM", "OVERLOAD", "RIVER-SAND"), k.matters().stream().map(MatterConfig::code).toList());
        assertEquals(List.of("RIVER-SAND"), k.delegated().get("Xinhe"));
        assertEquals("township", k.handler("Xinhe", "RIVER-SAND"), "delegated");
        assertEquals("transport", k.handler("Xinhe", "OVERLOAD"));
        assertEquals("north", k.districtAt(30.55, 114.30).id());
        assertEquals(List.of("north-1"), k.teamsOf("li-wei").stream().map(TeamConfig::id).toList());
        assertEquals(Duration.ofMinutes(45), k.deadlines("tough").onSite());
        assertEquals(Duration.ofMinutes(30), k.deadlines("tough").whistleAck());
        assertEquals(Duration.ofDays(1), k.deadlines("tough").whistleReport(), "unset keys keep their default");
        assertEquals(75, k.passScore());
        assertEquals(2, k.checklist().size());
        assertTrue(k.checklist().get(0).required());
        assertEquals(8L << 20, k.maxPhotoBytes());
        assertEquals(ZoneId.of("Asia/Shanghai"), k.zone());
        assertEquals("transport", c.users().get(0).department());
    }

    @Test
    void withoutTheSectionsTheDefaultsHold() throws Exception {
        CasesConfig k = new ConfigFixture(dir).load("officials: [{id: li}]\n").cases();
        assertTrue(k.matters().isEmpty());
        assertEquals(CasesConfig.DEFAULT_CHECKLIST, k.checklist());
        assertEquals(80, k.passScore());
    }

    @Test
    void everyBadFieldIsNamed() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        f.write("catalogue/matters.csv", CSV);
        String p = f.prefix();
        has(f.error(COUNTY.replace("department: transport,", "department: water,")),
                p + "line 20: users[0].department: unknown department \"water\"");
        has(f.error(COUNTY.replace("matters: [RIVER-SAND]", "matters: [FISHING]")), "townships[0].matters: unknown matter \"FISHING\"");
        has(f.error(COUNTY.replace("township: Xinhe", "township: Oldtown")), "districts[0].township: unknown township \"Oldtown\"");
        has(f.error(COUNTY.replace("members: [li-wei]", "members: [ghost]")), "districts[0].teams[0].members: unknown official \"ghost\"");
        has(f.error(COUNTY.replace("- {id: north-2}", "- {id: north-1}")), "districts[0].teams[1].id: duplicate team id \"north-1\"");
        has(f.error(COUNTY.replace("boundary: [[30.50, 114.20], [30.50, 114.40], [30.60, 114.40], "
                + "[30.60, 114.20]]", "boundary: [[30.5, 114.2], [30.6, 114.3]]")), "districts[0].boundary: a boundary has 3 to");
        has(f.error(COUNTY.replace("code: RIVER-SAND", "code: OVERLOAD").replace("[RIVER-SAND]", "[]")), "catalogue.matters[0].code: matter OVERLOAD is already in catalogue/matters.csv");
        has(f.error(COUNTY + "cases: {deadlines: {quick: {on_site_min: 0}}}\n"), "cases.deadlines.quick.on_site_min: must be 1..43200 minutes, got \"0\"");
        has(f.error(COUNTY + "cases: {deadlines: {urgent: {on_site_min: 5}}}\n"), "cases.deadlines");
        has(f.error(COUNTY + "cases: {review: {pass_score: 101}}\n"), "cases.review.pass_score: must be 0..100, got \"101\"");
        has(f.error(COUNTY + "cases: {zone: Mars/Base}\n"), "cases.zone: unknown time zone");
        has(f.error(COUNTY + "cases: {max_photo_mb: 500}\n"), "cases.max_photo_mb: must be 1..100");
        f.write("catalogue/matters.csv", CSV + "BAD,x,water,quick,\n");
        String csv = f.error(COUNTY);
        has(csv, "matters.csv: line 4: owner: unknown owner \"water\"");
    }

    private static void has(String message, String expected) {
        assertTrue(message.contains(expected), message + " names " + expected);
    }
}
