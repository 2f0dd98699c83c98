package io.minewatch.server.reports;

import io.minewatch.alerts.cases.stats.CaseStatistics;
import io.minewatch.alerts.cases.stats.DepartmentFigures;
import io.minewatch.alerts.cases.stats.Figures;
import io.minewatch.alerts.cases.stats.StatisticsColumns;
import io.minewatch.alerts.cases.stats.StatisticsColumns.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statistics as the exports lay them out: five tables (total, townships, districts, teams,
 * departments), each with its columns (JSON key, Chinese, English) and one row per group.
 */
final class StatsTables {

    /** A column: its JSON key under the group, and its headers. */
    record Col(String key, String zh, String en) {
    }

    /** A row: the group's id (the JSON key), its display name, one value per column (null: none). */
    record Row(String id, String name, List<Number> values) {
    }

    /**
     * One table.
     *
     * @param zh   Chinese title (sheet name's first part)
     * @param en   English title
     * @param json the grouping's key in the JSON answer ({@code total}, {@code by_township}, ...)
     */
    record Table(String zh, String en, String json, List<Col> columns, List<Row> rows) {
        String sheetName() {
            return zh + " " + en;
        }
    }

    private StatsTables() {
    }

    static List<Table> of(CaseStatistics s, ReportNames names) {
        List<Table> out = new ArrayList<>();
        out.add(new Table("总计", "Total", "total", cols(StatisticsColumns.FIGURES),
                List.of(row("total", "全部 / all", s.total(), StatisticsColumns.FIGURES))));
        out.add(figures("乡镇", "Townships", "by_township", "township", s.byTownship(), names));
        out.add(figures("片区", "Districts", "by_district", "district", s.byDistrict(), names));
        out.add(figures("队伍", "Teams", "by_team", "team", s.byTeam(), names));
        List<Row> deps = new ArrayList<>();
        for (Map.Entry<String, DepartmentFigures> e : s.byDepartment().entrySet()) {
            deps.add(row(e.getKey(), names.name("department", e.getKey()), e.getValue(),
                    StatisticsColumns.DEPARTMENTS));
        }
        out.add(new Table("部门", "Departments", "by_department", cols(StatisticsColumns.DEPARTMENTS), deps));
        return out;
    }

    private static Table figures(String zh, String en, String json, String grouping, Map<String, Figures> groups,
                                 ReportNames names) {
        List<Row> rows = new ArrayList<>();
        groups.forEach((id, f) -> rows.add(row(id, names.name(grouping, id), f, StatisticsColumns.FIGURES)));
        return new Table(zh, en, json, cols(StatisticsColumns.FIGURES), rows);
    }

    private static <T> List<Col> cols(List<Column<T>> columns) {
        return columns.stream().map(c -> new Col(c.key(), c.zh(), c.en())).toList();
    }

    private static <T> Row row(String id, String name, T figures, List<Column<T>> columns) {
        List<Number> values = new ArrayList<>(columns.size());
        for (Column<T> c : columns) {
            values.add(c.value().apply(figures));
        }
        return new Row(id, name, java.util.Collections.unmodifiableList(values));
    }
}
