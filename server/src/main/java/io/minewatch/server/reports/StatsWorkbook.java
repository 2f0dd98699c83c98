package io.minewatch.server.reports;

import io.minewatch.alerts.cases.stats.CaseStatistics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The statistics as an XLSX workbook (Apache POI): one sheet per grouping ({@code 总计 Total},
 * {@code 乡镇 Townships}, {@code 片区 Districts}, {@code 队伍 Teams}, {@code 部门 Departments}), row 1 the
 * Chinese headers, row 2 the English ones, then one row per group: id, name, then every figure as a numeric
 * cell (a rate as its fraction 0–1 shown as a percentage; an empty cell where there is no value). A last
 * sheet {@code 说明 About} holds the period, its bounds and zone.
 */
final class StatsWorkbook {
    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private StatsWorkbook() {
    }

    static byte[] write(CaseStatistics s, ReportNames names) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            for (StatsTables.Table t : StatsTables.of(s, names)) {
                Sheet sheet = wb.createSheet(t.sheetName());
                Row zh = sheet.createRow(0);
                Row en = sheet.createRow(1);
                header(zh, 0, "编号", bold);
                header(en, 0, "id", bold);
                header(zh, 1, "名称", bold);
                header(en, 1, "name", bold);
                List<StatsTables.Col> cols = t.columns();
                for (int i = 0; i < cols.size(); i++) {
                    header(zh, i + 2, cols.get(i).zh(), bold);
                    header(en, i + 2, cols.get(i).en(), bold);
                }
                int r = 2;
                for (StatsTables.Row row : t.rows()) {
                    Row x = sheet.createRow(r++);
                    x.createCell(0).setCellValue(row.id());
                    x.createCell(1).setCellValue(row.name());
                    for (int i = 0; i < cols.size(); i++) {
                        Number n = row.values().get(i);
                        Cell c = x.createCell(i + 2);
                        if (n != null) {
                            c.setCellValue(n.doubleValue());
                            String key = cols.get(i).key();
                            if (key.endsWith("_rate")) {
                                c.setCellStyle(percent);
                            } else if (key.endsWith("_yuan")) {
                                c.setCellStyle(money);
                            }
                        }
                    }
                }
                sheet.createFreezePane(2, 2);
                sheet.setColumnWidth(1, 16 * 256);
            }
            Sheet about = wb.createSheet("说明 About");
            String[][] lines = {{"统计期 period", s.period().label()},
                {"起 from", s.period().fromZoned().toOffsetDateTime().toString()},
                {"止 to (不含 exclusive)", s.period().toZoned().toOffsetDateTime().toString()},
                {"时区 zone", s.period().zone().getId()}};
            for (int i = 0; i < lines.length; i++) {
                Row x = about.createRow(i);
                x.createCell(0).setCellValue(lines[i][0]);
                x.createCell(1).setCellValue(lines[i][1]);
            }
            about.setColumnWidth(0, 24 * 256);
            about.setColumnWidth(1, 30 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the statistics workbook", e);
        }
    }

    private static void header(Row row, int col, String text, CellStyle style) {
        Cell c = row.createCell(col);
        c.setCellValue(text);
        c.setCellStyle(style);
    }
}
