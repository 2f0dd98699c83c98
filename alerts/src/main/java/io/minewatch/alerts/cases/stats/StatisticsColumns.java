package io.minewatch.alerts.cases.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of the statistics' tables (XLSX sheets, PDF report), each named by its JSON path (e.g.
 * {@code cases_by_source.alert}), in Chinese and English, with its value: an Integer/Long, a Double (rates
 * and percentiles, null when there is none) or a BigDecimal (yuan).
 */
public final class StatisticsColumns {

    /** One column. */
    public record Column<T>(String key, String zh, String en, Function<T, Number> value) {
    }

    private static final String[][] SOURCES = {{"alert", "告警", "alert"}, {"flight", "无人机", "flight"},
        {"hotline", "热线", "hotline"}, {"patrol", "巡查", "patrol"}};
    private static final String[][] LEVELS = {{"quick", "快办", "quick"}, {"tough", "难办", "tough"},
        {"emergency", "急办", "emergency"}};

    /** The columns of {@link Figures}, in report order. */
    public static final List<Column<Figures>> FIGURES = figures();

    /** The columns of {@link DepartmentFigures}, in report order. */
    public static final List<Column<DepartmentFigures>> DEPARTMENTS = departments();

    private StatisticsColumns() {
    }

    private static List<Column<Figures>> figures() {
        List<Column<Figures>> c = new ArrayList<>();
        c.add(new Column<>("cases_opened", "立案数", "cases opened", Figures::casesOpened));
        for (String[] s : SOURCES) {
            c.add(new Column<>("cases_by_source." + s[0], "来源-" + s[1], "source: " + s[2],
                    f -> f.casesBySource().getOrDefault(s[0], 0)));
        }
        c.add(new Column<>("cases_closed", "已结案", "cases closed", Figures::casesClosed));
        c.add(new Column<>("closure_rate", "结案率", "closure rate", Figures::closureRate));
        c.add(new Column<>("dispatches", "派遣次数", "dispatches", Figures::dispatches));
        c.add(new Column<>("on_site_records", "到场记录", "on-site records", Figures::onSiteRecords));
        c.add(new Column<>("late_on_site", "超时到场", "late on site", Figures::lateOnSite));
        c.add(new Column<>("person_times", "出动人次", "person-times", Figures::personTimes));
        c.add(new Column<>("vehicle_times", "出动车次", "vehicle-times", Figures::vehicleTimes));
        c.add(new Column<>("inspections", "检查次数", "inspections", Figures::inspections));
        c.add(new Column<>("joint_actions", "联合执法", "joint actions", Figures::jointActions));
        c.add(new Column<>("whistles", "吹哨数", "whistles", Figures::whistles));
        for (String[] l : LEVELS) {
            c.add(new Column<>("whistles_by_level." + l[0], "吹哨-" + l[1], "whistles: " + l[2],
                    f -> f.whistlesByLevel().getOrDefault(l[0], 0)));
        }
        c.add(new Column<>("whistle_ack_minutes_p50", "响应中位(分钟)", "ack p50 (min)", Figures::whistleAckMinutesP50));
        c.add(new Column<>("whistle_report_hours_p50", "报到中位(小时)", "report p50 (h)",
                Figures::whistleReportHoursP50));
        c.add(new Column<>("whistles_overdue", "超时吹哨", "whistles overdue", Figures::whistlesOverdue));
        c.add(new Column<>("notices", "整改通知", "notices", Figures::notices));
        c.add(new Column<>("penalties", "处罚数", "penalties", Figures::penalties));
        c.add(new Column<>("penalty_yuan", "罚款(元)", "penalty (yuan)", Figures::penaltyYuan));
        c.add(new Column<>("alert_to_on_site_minutes_p50", "告警到场P50(分钟)", "alert→on site p50 (min)",
                Figures::alertToOnSiteMinutesP50));
        c.add(new Column<>("alert_to_on_site_minutes_p90", "告警到场P90(分钟)", "alert→on site p90 (min)",
                Figures::alertToOnSiteMinutesP90));
        c.add(new Column<>("reviews", "评查数", "reviews", Figures::reviews));
        c.add(new Column<>("reviews_passed", "评查通过", "reviews passed", Figures::reviewsPassed));
        c.add(new Column<>("review_pass_rate", "评查通过率", "review pass rate", Figures::reviewPassRate));
        return List.copyOf(c);
    }

    private static List<Column<DepartmentFigures>> departments() {
        List<Column<DepartmentFigures>> c = new ArrayList<>();
        c.add(new Column<>("whistles", "吹哨数", "whistles", DepartmentFigures::whistles));
        for (String[] l : LEVELS) {
            c.add(new Column<>("by_level." + l[0], "吹哨-" + l[1], "whistles: " + l[2],
                    d -> d.byLevel().getOrDefault(l[0], 0)));
        }
        c.add(new Column<>("ack_minutes_p50", "响应中位(分钟)", "ack p50 (min)", DepartmentFigures::ackMinutesP50));
        c.add(new Column<>("report_hours_p50", "报到中位(小时)", "report p50 (h)", DepartmentFigures::reportHoursP50));
        c.add(new Column<>("overdue", "超时", "overdue", DepartmentFigures::overdue));
        c.add(new Column<>("acknowledged", "已响应", "acknowledged", DepartmentFigures::acknowledged));
        c.add(new Column<>("reported", "已报到", "reported", DepartmentFigures::reported));
        return List.copyOf(c);
    }
}
