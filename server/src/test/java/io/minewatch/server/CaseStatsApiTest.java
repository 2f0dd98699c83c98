package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.cases.stats.StatisticsColumns;
import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.CasesConfig;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.TeamConfig;
import io.minewatch.testkit.FreePorts;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case statistics on the running server (issue 18): rows in the V8 tables (November and December in
 * Asia/Shanghai, one case at November's last millisecond), then {@code GET /api/v1/stats/cases} as JSON
 * (schema of the OpenAPI document), the XLSX read back with Apache POI and the PDF read back with PDFBox
 * holding the same numbers as the JSON; who may read them (admin, command, analyst, reviewer; not an
 * official, a department user or nobody); bad periods are 400s naming the parameter; exports audited.
 */
@Timeout(240)
class CaseStatsApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Map<String, String> ENV = Map.of("ANA_PW", "ana-Pw-1001", "CMD_PW", "cmd-Pw-1002",
            "REV_PW", "rev-Pw-1003", "TR_PW", "tr-Pw-1004", "ADM_PW", "adm-Pw-1005");

    @TempDir
    Path dir;

    @Test
    void jsonXlsxAndPdfHoldTheSameFigures() throws Exception {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - {id: pit, lat: 30.60, lon: 114.34, officials: [li]}
                officials:
                  - {id: li, name: Li, secret: "li-Secret-77"}
                departments:
                  - {id: transport, name: 交通运输局}
                  - {id: traffic-police, name: 交警大队}
                users:
                  - {id: admin, role: admin, password: "${ADM_PW}"}
                  - {id: ana, role: analyst, password: "${ANA_PW}"}
                  - {id: cmd, role: command, password: "${CMD_PW}"}
                  - {id: rev, role: reviewer, password: "${REV_PW}"}
                  - {id: tr, role: department, department: transport, password: "${TR_PW}"}
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(FreePorts.freePort(), FreePorts.topicPrefix()));
        MinewatchConfig cfg = ConfigLoader.load(config, ENV).withCases(new CasesConfig(ZONE,
                List.of(new MatterConfig("M1", "非法采砂", MatterConfig.TOWNSHIP, "quick", List.of()),
                        new MatterConfig("M2", "超限运输", "transport", "tough", List.of()),
                        new MatterConfig("M3", "非法改装", "traffic-police", "tough", List.of())),
                Map.of("t1", List.of("M1")),
                List.of(new DistrictConfig("north", "北片区", "t1", List.of(), List.of(
                                new TeamConfig("n1", "北片一队", List.of("li")), new TeamConfig("n2", "北片二队", null))),
                        new DistrictConfig("south", "南片区", "t2", List.of(), List.of(new TeamConfig("s1", "南片一队", null))),
                        new DistrictConfig("east", "东片区", "t1", List.of(), List.of(new TeamConfig("e1", "东片一队", null))),
                        new DistrictConfig("west", "西片区", "t2", List.of(), List.of(new TeamConfig("w1", "西片一队", null))),
                        new DistrictConfig("centre", "中心片区", "t1", List.of(), List.of())),
                null, null, 80, 0));
        try (Database db = Database.open(cfg.database())) {
            rows(db);
        }
        try (Application app = Application.create(cfg, MODEL)) {
            String base = "http://127.0.0.1:" + app.httpPort();
            ApiClient ana = ApiClient.signIn(HTTP, base, "ana", ENV.get("ANA_PW"));
            ApiClient rev = ApiClient.signIn(HTTP, base, "rev", ENV.get("REV_PW"));
            ApiClient cmd = ApiClient.signIn(HTTP, base, "cmd", ENV.get("CMD_PW"));
            ApiClient admin = ApiClient.signIn(HTTP, base, "admin", ENV.get("ADM_PW"));
            ApiClient tr = ApiClient.signIn(HTTP, base, "tr", ENV.get("TR_PW"));
            ApiClient li = ApiClient.signIn(HTTP, base, "li", "li-Secret-77");

            HttpResponse<String> r = get(ana, "/api/v1/stats/cases?period=2026-11");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode nov = TestSite.JSON.readTree(r.body());
            ApiSchemas.check("CaseStats", nov);
            assertEquals("2026-11-01T00:00:00+08:00", nov.get("from").asText());
            assertEquals(2, nov.at("/total/cases_opened").asInt(), "C1, and C2 at November's last ms");
            assertEquals(2, nov.at("/total/cases_by_source/alert").asInt());
            assertEquals(6, nov.at("/total/person_times").asInt());
            assertTrue(r.body().contains("\"penalty_yuan\":1500.00"), "yuan with 2 decimals: " + r.body());
            assertEquals(0.5, nov.at("/total/closure_rate").asDouble());
            assertEquals(40.0, nov.at("/total/alert_to_on_site_minutes_p50").asDouble());
            assertTrue(nov.at("/by_district/east/closure_rate").isNull());
            assertEquals(1, nov.at("/by_department/traffic-police/overdue").asInt());
            JsonNode dec = TestSite.JSON.readTree(get(ana, "/api/v1/stats/cases?period=2026-12").body());
            assertEquals(0, dec.at("/total/cases_opened").asInt(), "a second month is unaffected");
            assertEquals(1, dec.at("/total/on_site_records").asInt());
            assertEquals(2, TestSite.JSON.readTree(get(ana, "/api/v1/stats/cases?period=2026-Q4").body())
                    .at("/total/cases_opened").asInt());

            // Who may read, and bad periods.
            for (ApiClient ok : List.of(rev, cmd, admin)) {
                assertEquals(nov, TestSite.JSON.readTree(get(ok, "/api/v1/stats/cases?period=2026-11").body()));
            }
            for (String path : List.of("/api/v1/stats/cases", "/api/v1/stats/cases.xlsx", "/api/v1/stats/cases.pdf")) {
                String q = path + "?period=2026-11";
                assertEquals(403, get(tr, q).statusCode(), "a department user: " + path);
                assertEquals(403, get(li, q).statusCode(), "an official: " + path);
                assertEquals(401, HTTP.send(HttpRequest.newBuilder(java.net.URI.create(base + q)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), "no session: " + path);
                for (String bad : List.of("", "?period=2026-13", "?period=2026-Q5", "?period=11-2026",
                        "?period=2026-11&period=2026-12", "?period=2026-11&team=n1")) {
                    HttpResponse<String> b = get(ana, path + bad);
                    assertEquals(400, b.statusCode(), path + bad);
                    String error = TestSite.JSON.readTree(b.body()).get("error").asText();
                    assertTrue(error.contains("period") || error.contains("team"), error);
                }
            }

            // XLSX: every sheet, every group, every figure equals the JSON's.
            HttpResponse<byte[]> x = bytes(rev, "/api/v1/stats/cases.xlsx?period=2026-11");
            assertEquals(200, x.statusCode());
            assertTrue(x.headers().firstValue("content-type").orElse("").startsWith("application/vnd.openxml"));
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(x.body()))) {
                assertEquals(List.of("总计 Total", "乡镇 Townships", "片区 Districts", "队伍 Teams", "部门 Departments",
                        "说明 About"), sheetNames(wb));
                int cells = 0;
                cells += sheet(wb.getSheet("总计 Total"), nov, "total", StatisticsColumns.FIGURES);
                cells += sheet(wb.getSheet("乡镇 Townships"), nov, "by_township", StatisticsColumns.FIGURES);
                cells += sheet(wb.getSheet("片区 Districts"), nov, "by_district", StatisticsColumns.FIGURES);
                cells += sheet(wb.getSheet("队伍 Teams"), nov, "by_team", StatisticsColumns.FIGURES);
                cells += sheet(wb.getSheet("部门 Departments"), nov, "by_department", StatisticsColumns.DEPARTMENTS);
                assertTrue(cells > 300, "cells compared: " + cells);
                assertEquals("北片区", wb.getSheet("片区 Districts").getRow(4).getCell(1).getStringCellValue());
            }

            // PDF: the Chinese title, an embedded font, and every figure of every table as the JSON says.
            HttpResponse<byte[]> p = bytes(ana, "/api/v1/stats/cases.pdf?period=2026-11");
            assertEquals(200, p.statusCode());
            assertEquals("application/pdf", p.headers().firstValue("content-type").orElse(""));
            try (PDDocument pdf = Loader.loadPDF(p.body())) {
                assertEquals(595, Math.round(pdf.getPage(0).getMediaBox().getWidth()), "A4");
                assertEquals(842, Math.round(pdf.getPage(0).getMediaBox().getHeight()));
                for (PDPage page : pdf.getPages()) {
                    for (org.apache.pdfbox.cos.COSName n : page.getResources().getFontNames()) {
                        PDFont f = page.getResources().getFont(n);
                        assertTrue(f.isEmbedded(), f.getName() + " embedded");
                    }
                }
                PDFTextStripper strip = new PDFTextStripper();
                strip.setSortByPosition(true);
                String text = strip.getText(pdf);
                assertTrue(text.contains("本县 执法月报 2026年11月"), text.substring(0, Math.min(200, text.length())));
                List<String> lines = text.lines().map(String::strip).toList();
                int compared = 0;
                compared += pdfTable(lines, "一、总计", nov, "total", List.of("total"));
                compared += pdfTable(lines, "二、乡镇", nov, "by_township", ids(nov.get("by_township")));
                compared += pdfTable(lines, "三、片区", nov, "by_district", ids(nov.get("by_district")));
                compared += pdfTable(lines, "四、队伍", nov, "by_team", ids(nov.get("by_team")));
                compared += pdfTable(lines, "五、部门", nov, "by_department", ids(nov.get("by_department")));
                assertTrue(compared > 300, "figures compared: " + compared);
            }
            HttpResponse<byte[]> q4 = bytes(cmd, "/api/v1/stats/cases.pdf?period=2026-Q4");
            try (PDDocument pdf = Loader.loadPDF(q4.body())) {
                assertTrue(new PDFTextStripper().getText(pdf).contains("本县 执法季报 2026年第4季度"));
            }
        }
        List<AuditEntry> audit = AuditLog.read(cfg.storage().dir().resolve("evidence/audit.jsonl"));
        List<String> exports = audit.stream().filter(e -> e.action().equals("case_stats_exported"))
                .map(e -> e.actor() + " " + e.subject()).toList();
        assertEquals(List.of("rev xlsx period=2026-11", "ana pdf period=2026-11", "cmd pdf period=2026-Q4"), exports);
    }

    /** The rows: C1 (November, the night lorries), C2 (November's last ms, on site in December). */
    private static void rows(Database db) {
        sql(db, "INSERT INTO case_file (id, source, title, township, district, team, level, state, first_alert_at,"
                + " opened_by, opened_at, on_site_deadline, on_site_at, reopened, updated_at) VALUES"
                + " ('C1', 'alert', 'lorries', 't1', 'north', 'n1', 'tough', 'reviewed', ?, 'cc', ?, ?, ?, 0, 0),"
                + " ('C2', 'alert', 'pit', 't2', 'south', 's1', 'quick', 'on_site', ?, 'cc', ?, ?, ?, 0, 0)",
                at("2026-11-02T09:50"), at("2026-11-02T10:00"), at("2026-11-02T11:00"), at("2026-11-02T10:30"),
                at("2026-11-30T23:50"), at("2026-11-30T23:59:59.999"), at("2026-12-01T00:00"), at("2026-12-01T00:20"));
        sql(db, "INSERT INTO case_step (id, case_id, step, actor, at) VALUES (1, 'C1', 'case_dispatched', 'cc', ?),"
                + " (2, 'C2', 'case_dispatched', 'cc', ?)", at("2026-11-02T10:05"), at("2026-11-30T23:59:59.999"));
        sql(db, "INSERT INTO case_on_site (id, case_id, recorded_by, recorded_at, staff, vehicles_sent, inspection,"
                + " joint_action, plates, persons) VALUES (1, 'C1', 'li', ?, 6, 3, 1, 1, '[]', '[]'),"
                + " (2, 'C2', 'li', ?, 2, 1, 1, 0, '[]', '[]')", at("2026-11-02T10:30"), at("2026-12-01T00:20"));
        sql(db, "INSERT INTO case_matter (case_id, code, handler, level, identified_at, identified_by, outcome,"
                + " notice_no, penalty_fen, outcome_at) VALUES ('C1', 'M1', 'township', 'quick', 0, 'li', 'penalty',"
                + " 'N-1', 150000, ?), ('C1', 'M2', 'transport', 'tough', 0, 'li', 'notice', 'N-2', NULL, ?)",
                at("2026-11-03T10:00"), at("2026-11-04T10:00"));
        sql(db, "INSERT INTO case_whistle (id, case_id, code, department, level, state, issued_at, ack_deadline,"
                + " report_deadline, escalations, acknowledged_at, reported_at) VALUES"
                + " ('W1', 'C1', 'M2', 'transport', 'tough', 'reported', ?, 0, 0, 0, ?, ?),"
                + " ('W2', 'C1', 'M3', 'traffic-police', 'tough', 'issued', ?, 0, 0, 1, NULL, NULL)",
                at("2026-11-02T10:40"), at("2026-11-02T11:05"), at("2026-11-03T16:40"), at("2026-11-02T10:40"));
        sql(db, "INSERT INTO case_review (id, case_id, reviewer, at, score, passed, checklist) VALUES"
                + " (1, 'C1', 'rev', ?, 100, 1, '{}')", at("2026-11-06T09:00"));
    }

    private static long at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant().toEpochMilli();
    }

    private static void sql(Database db, String sql, long... args) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setLong(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static HttpResponse<String> get(ApiClient as, String path) throws Exception {
        return HTTP.send(as.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> bytes(ApiClient as, String path) throws Exception {
        return HTTP.send(as.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> sheetNames(XSSFWorkbook wb) {
        List<String> out = new ArrayList<>();
        wb.forEach(s -> out.add(s.getSheetName()));
        return out;
    }

    private static List<String> ids(JsonNode groups) {
        List<String> out = new ArrayList<>();
        groups.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The JSON value of a column of a group: {@code total} or {@code by_x/<id>}, key a.b nested. */
    private static JsonNode value(JsonNode stats, String grouping, String id, String key) {
        JsonNode g = grouping.equals("total") ? stats.get("total") : stats.get(grouping).get(id);
        assertNotNull(g, grouping + " " + id);
        return g.at("/" + key.replace('.', '/'));
    }

    /** Compares a sheet with the JSON: headers, one row per group in the JSON's order, every cell. */
    private static <T> int sheet(Sheet sheet, JsonNode stats, String grouping,
                                 List<StatisticsColumns.Column<T>> columns) {
        Row zh = sheet.getRow(0);
        Row en = sheet.getRow(1);
        assertEquals("编号", zh.getCell(0).getStringCellValue());
        assertEquals("id", en.getCell(0).getStringCellValue());
        for (int i = 0; i < columns.size(); i++) {
            assertEquals(columns.get(i).zh(), zh.getCell(i + 2).getStringCellValue());
            assertEquals(columns.get(i).en(), en.getCell(i + 2).getStringCellValue());
        }
        List<String> ids = grouping.equals("total") ? List.of("total") : ids(stats.get(grouping));
        assertEquals(ids.size() + 2, sheet.getPhysicalNumberOfRows(), sheet.getSheetName());
        int compared = 0;
        for (int r = 0; r < ids.size(); r++) {
            Row row = sheet.getRow(r + 2);
            assertEquals(ids.get(r), row.getCell(0).getStringCellValue());
            for (int i = 0; i < columns.size(); i++) {
                JsonNode want = value(stats, grouping, ids.get(r), columns.get(i).key());
                Cell cell = row.getCell(i + 2);
                String what = sheet.getSheetName() + " " + ids.get(r) + " " + columns.get(i).key();
                if (want.isNull()) {
                    assertTrue(cell == null || cell.getCellType() == CellType.BLANK, what + " blank");
                } else {
                    assertEquals(CellType.NUMERIC, cell.getCellType(), what);
                    assertEquals(want.asDouble(), cell.getNumericCellValue(), 1e-9, what);
                }
                compared++;
            }
        }
        return compared;
    }

    /**
     * Compares one PDF table with the JSON: after the heading, each block of up to 5 groups; a figure's
     * line is its Chinese label then one value per group (a rate in percent, none as -).
     */
    private static int pdfTable(List<String> lines, String heading, JsonNode stats, String grouping,
                                List<String> ids) {
        List<StatisticsColumns.Column<?>> columns = new ArrayList<>(grouping.equals("by_department")
                ? StatisticsColumns.DEPARTMENTS : StatisticsColumns.FIGURES);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "heading " + heading + " in " + lines);
        Iterator<String> it = lines.subList(at + 1, lines.size()).iterator();
        int compared = 0;
        for (int from = 0; from < ids.size(); from += 5) {
            List<String> block = ids.subList(from, Math.min(ids.size(), from + 5));
            for (StatisticsColumns.Column<?> c : columns) {
                String line = next(it, c.zh() + " ");
                String[] cells = line.substring(c.zh().length()).strip().split("\\s+");
                assertEquals(block.size(), cells.length, heading + " " + line);
                for (int g = 0; g < block.size(); g++) {
                    JsonNode want = value(stats, grouping, block.get(g), c.key());
                    String what = heading + " " + block.get(g) + " " + c.key() + ": " + line;
                    if (want.isNull()) {
                        assertEquals("-", cells[g], what);
                    } else if (c.key().endsWith("_rate")) {
                        assertTrue(cells[g].endsWith("%"), what);
                        assertEquals(want.asDouble() * 100, Double.parseDouble(cells[g].replace("%", "")), 0.05, what);
                    } else {
                        assertEquals(want.asDouble(), Double.parseDouble(cells[g]), 1e-9, what);
                        if (c.key().endsWith("_yuan")) {
                            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", want.asDouble()), cells[g], what);
                        }
                    }
                    compared++;
                }
            }
        }
        return compared;
    }

    private static String next(Iterator<String> it, String prefix) {
        while (it.hasNext()) {
            String l = it.next();
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        assertFalse(true, "no line starting with " + prefix);
        return null;
    }
}
