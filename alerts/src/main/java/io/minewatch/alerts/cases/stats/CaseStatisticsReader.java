package io.minewatch.alerts.cases.stats;

import io.minewatch.alerts.store.Database;
import io.minewatch.config.CasesConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.TeamConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The case loop's statistics of one {@link Period} (a month or quarter in {@code cases.zone}), read from
 * the V8 tables in one transaction. Each figure counts an event in the period it happened ({@code from}
 * inclusive, {@code to} exclusive), attributed to the case's township, district and team as they are now
 * (a case not yet dispatched has no district or team: it counts in the total and its township only), or,
 * for {@code by_department}, to the whistle's department.
 *
 * <dl>
 * <dt>{@code cases_opened}, {@code cases_by_source}</dt><dd>cases whose {@code opened_at} is in the period,
 *     by source (alert, flight, hotline, patrol; every key present).</dd>
 * <dt>{@code cases_closed}, {@code closure_rate}</dt><dd>of the cases opened in the period, those closed now
 *     (at query time: state {@code closed} or {@code reviewed}; a reopened case is not closed) and
 *     closed ÷ opened; null when none was opened.</dd>
 * <dt>{@code dispatches}</dt><dd>{@code case_dispatched} steps in the period (a case dispatched again after a
 *     reopen counts again).</dd>
 * <dt>{@code on_site_records}, {@code person_times}, {@code vehicle_times}, {@code inspections},
 *     {@code joint_actions}</dt><dd>on-site records whose {@code recorded_at} is in the period: their number,
 *     the sums of {@code staff} and {@code vehicles_sent}, and those with {@code inspection} and with
 *     {@code joint_action}.</dd>
 * <dt>{@code late_on_site}</dt><dd>cases whose first on-site record ({@code on_site_at}) is in the period and
 *     after their {@code on_site_deadline}.</dd>
 * <dt>{@code whistles}, {@code whistles_by_level}</dt><dd>whistles whose {@code issued_at} is in the period,
 *     by level (quick, tough, emergency; every key present).</dd>
 * <dt>{@code whistle_ack_minutes_p50}, {@code whistle_report_hours_p50}</dt><dd>of the whistles issued in the
 *     period and answered (by now), the nearest-rank median of issued → acknowledged in minutes (1 decimal)
 *     and of issued → reported in hours (2 decimals); null when none was answered.</dd>
 * <dt>{@code whistles_overdue}</dt><dd>of the whistles issued in the period, those escalated at least once
 *     ({@code escalations > 0}, reported since or not).</dd>
 * <dt>{@code notices}</dt><dd>matters ({@code case_matter}, whose outcome the close or the department's
 *     report writes) with outcome {@code notice} or {@code penalty} and a notice number, whose
 *     {@code outcome_at} is in the period.</dd>
 * <dt>{@code penalties}, {@code penalty_yuan}</dt><dd>of those matters with outcome {@code penalty}: their
 *     number and the sum of their amounts in yuan (2 decimals). A whistle's own notice and penalty columns
 *     are the same report and are not counted a second time.</dd>
 * <dt>{@code alert_to_on_site_minutes_p50}, {@code _p90}</dt><dd>for cases of source {@code alert} whose first
 *     on-site record ({@code on_site_at}) is in the period, {@code on_site_at − first_alert_at} in minutes,
 *     nearest-rank 50th and 90th percentiles (the value at rank ⌈p × n⌉ of the sorted values); null when
 *     there is none.</dd>
 * <dt>{@code reviews}, {@code reviews_passed}, {@code review_pass_rate}</dt><dd>reviews whose {@code at} is in
 *     the period, those passed, and passed ÷ reviews; null when there was none.</dd>
 * <dt>{@code by_department}</dt><dd>per department, of the whistles issued to it in the period:
 *     {@code whistles}, {@code by_level}, {@code ack_minutes_p50}, {@code report_hours_p50}, {@code overdue},
 *     {@code acknowledged} and {@code reported} (by now), defined as above.</dd>
 * </dl>
 * Rates are fractions 0–1 with 4 decimals. Configured townships (delegated lists, districts), districts,
 * teams and the departments that own catalogue matters are present with zeros when nothing happened there.
 * Call from a worker thread (it is one database transaction).
 */
public final class CaseStatisticsReader {

    private final Database database;
    private final java.util.function.Supplier<CasesConfig> inForce;

    public CaseStatisticsReader(Database database, CasesConfig cases) {
        this(database, constant(Objects.requireNonNull(cases, "cases")));
    }

    /**
     * @param inForce the case settings in force, read at each request: districts registered while the
     *                server runs (and an imported catalogue) get their rows at once
     */
    public CaseStatisticsReader(Database database, java.util.function.Supplier<CasesConfig> inForce) {
        this.database = Objects.requireNonNull(database, "database");
        this.inForce = Objects.requireNonNull(inForce, "inForce");
    }

    private static java.util.function.Supplier<CasesConfig> constant(CasesConfig cases) {
        return () -> cases;
    }

    /** The configuration the reader groups by now (its zone reads periods). */
    public CasesConfig cases() {
        return inForce.get();
    }

    /** Parses a period in {@code cases.zone}; {@link IllegalArgumentException} naming {@code period}. */
    public Period period(String text) {
        return Period.parse(text, cases().zone());
    }

    /** Every figure of the period. */
    public CaseStatistics read(Period period) {
        CasesConfig cases = inForce.get();
        Groups g = new Groups();
        cases.delegated().keySet().forEach(t -> g.townships.put(t, new Tally()));
        for (DistrictConfig d : cases.districts()) {
            if (d.township() != null) {
                g.townships.computeIfAbsent(d.township(), k -> new Tally());
            }
            g.districts.put(d.id(), new Tally());
            for (TeamConfig t : d.teams()) {
                g.teams.put(t.id(), new Tally());
            }
        }
        for (MatterConfig m : cases.matters()) {
            if (!m.townships()) {
                g.departments.computeIfAbsent(m.owner(), k -> new Tally());
            }
        }
        long from = period.from().toEpochMilli();
        long to = period.to().toEpochMilli();
        database.tx(c -> {
            opened(c, g, from, to);
            dispatches(c, g, from, to);
            onSite(c, g, from, to);
            firstOnSite(c, g, from, to);
            whistles(c, g, from, to);
            outcomes(c, g, from, to);
            reviews(c, g, from, to);
            return null;
        });
        return new CaseStatistics(period, g.total.figures(), freeze(g.townships), freeze(g.districts),
                freeze(g.teams), freezeDepartments(g.departments));
    }

    private static final String CASE = "f.township, f.district, f.team";

    private static void opened(Connection c, Groups g, long from, long to) throws SQLException {
        each(c, "SELECT " + CASE + ", f.source, f.state FROM case_file f WHERE f.opened_at >= ? AND f.opened_at < ?",
                from, to, rs -> {
                    String source = rs.getString(4);
                    boolean closed = "closed".equals(rs.getString(5)) || "reviewed".equals(rs.getString(5));
                    g.of(rs).forEach(t -> {
                        t.opened++;
                        t.bySource.merge(source, 1, Integer::sum);
                        if (closed) {
                            t.closed++;
                        }
                    });
                });
    }

    private static void dispatches(Connection c, Groups g, long from, long to) throws SQLException {
        each(c, "SELECT " + CASE + " FROM case_step s JOIN case_file f ON f.id = s.case_id"
                + " WHERE s.step = 'case_dispatched' AND s.at >= ? AND s.at < ?", from, to,
                rs -> g.of(rs).forEach(t -> t.dispatches++));
    }

    private static void onSite(Connection c, Groups g, long from, long to) throws SQLException {
        each(c, "SELECT " + CASE + ", o.staff, o.vehicles_sent, o.inspection, o.joint_action FROM case_on_site o"
                + " JOIN case_file f ON f.id = o.case_id WHERE o.recorded_at >= ? AND o.recorded_at < ?", from, to,
                rs -> {
                    int staff = rs.getInt(4);
                    int vehicles = rs.getInt(5);
                    boolean inspection = rs.getInt(6) != 0;
                    boolean joint = rs.getInt(7) != 0;
                    g.of(rs).forEach(t -> {
                        t.onSite++;
                        t.persons += staff;
                        t.vehicles += vehicles;
                        t.inspections += inspection ? 1 : 0;
                        t.jointActions += joint ? 1 : 0;
                    });
                });
    }

    private static void firstOnSite(Connection c, Groups g, long from, long to) throws SQLException {
        each(c, "SELECT " + CASE + ", f.source, f.first_alert_at, f.on_site_at, f.on_site_deadline FROM case_file f"
                + " WHERE f.on_site_at >= ? AND f.on_site_at < ?", from, to, rs -> {
                    String source = rs.getString(4);
                    long firstAlert = rs.getLong(5);
                    boolean hasAlert = !rs.wasNull();
                    long onSiteAt = rs.getLong(6);
                    long deadline = rs.getLong(7);
                    boolean late = !rs.wasNull() && onSiteAt > deadline;
                    boolean timed = "alert".equals(source) && hasAlert;
                    g.of(rs).forEach(t -> {
                        t.lateOnSite += late ? 1 : 0;
                        if (timed) {
                            t.alertToOnSiteMs.add(Math.max(0, onSiteAt - firstAlert));
                        }
                    });
                });
    }

    private static void whistles(Connection c, Groups g, long from, long to) throws SQLException {
        each(c, "SELECT " + CASE + ", w.department, w.level, w.issued_at, w.acknowledged_at, w.reported_at,"
                + " w.escalations FROM case_whistle w JOIN case_file f ON f.id = w.case_id"
                + " WHERE w.issued_at >= ? AND w.issued_at < ?", from, to, rs -> {
                    String department = rs.getString(4);
                    String level = rs.getString(5);
                    long issued = rs.getLong(6);
                    long acked = rs.getLong(7);
                    boolean isAcked = !rs.wasNull();
                    long reported = rs.getLong(8);
                    boolean isReported = !rs.wasNull();
                    boolean overdue = rs.getInt(9) > 0;
                    List<Tally> targets = new ArrayList<>(g.of(rs));
                    targets.add(g.departments.computeIfAbsent(department, k -> new Tally()));
                    targets.forEach(t -> {
                        t.whistles++;
                        t.byLevel.merge(level, 1, Integer::sum);
                        if (isAcked) {
                            t.acknowledged++;
                            t.ackMs.add(Math.max(0, acked - issued));
                        }
                        if (isReported) {
                            t.reported++;
                            t.reportMs.add(Math.max(0, reported - issued));
                        }
                        t.overdue += overdue ? 1 : 0;
                    });
                });
    }

    private static void outcomes(Connection c, Groups g, long from, long to) throws SQLException {
        each(c, "SELECT " + CASE + ", m.outcome, m.notice_no, m.penalty_fen FROM case_matter m"
                + " JOIN case_file f ON f.id = m.case_id WHERE m.outcome_at >= ? AND m.outcome_at < ?", from, to,
                rs -> {
                    String outcome = rs.getString(4);
                    String notice = rs.getString(5);
                    long fen = rs.getLong(6);
                    boolean penalty = "penalty".equals(outcome);
                    boolean noticed = (penalty || "notice".equals(outcome)) && notice != null && !notice.isBlank();
                    g.of(rs).forEach(t -> {
                        t.notices += noticed ? 1 : 0;
                        if (penalty) {
                            t.penalties++;
                            t.penaltyFen += fen;
                        }
                    });
                });
    }

    private static void reviews(Connection c, Groups g, long from, long to) throws SQLException {
        each(c, "SELECT " + CASE + ", r.passed FROM case_review r JOIN case_file f ON f.id = r.case_id"
                + " WHERE r.at >= ? AND r.at < ?", from, to, rs -> {
                    boolean passed = rs.getInt(4) != 0;
                    g.of(rs).forEach(t -> {
                        t.reviews++;
                        t.reviewsPassed += passed ? 1 : 0;
                    });
                });
    }

    @FunctionalInterface
    private interface Row {
        void take(ResultSet rs) throws SQLException;
    }

    private static void each(Connection c, String sql, long from, long to, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.take(rs);
                }
            }
        }
    }

    /** The tallies of the total and of every group. */
    private static final class Groups {
        final Tally total = new Tally();
        final Map<String, Tally> townships = new TreeMap<>();
        final Map<String, Tally> districts = new TreeMap<>();
        final Map<String, Tally> teams = new TreeMap<>();
        final Map<String, Tally> departments = new TreeMap<>();

        /** The total, the case's township, and its district and team when it has them (columns 1–3). */
        List<Tally> of(ResultSet rs) throws SQLException {
            List<Tally> out = new ArrayList<>(4);
            out.add(total);
            out.add(townships.computeIfAbsent(rs.getString(1), k -> new Tally()));
            String district = rs.getString(2);
            if (district != null) {
                out.add(districts.computeIfAbsent(district, k -> new Tally()));
            }
            String team = rs.getString(3);
            if (team != null) {
                out.add(teams.computeIfAbsent(team, k -> new Tally()));
            }
            return out;
        }
    }

    private static TreeMap<String, Figures> freeze(Map<String, Tally> m) {
        TreeMap<String, Figures> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.figures()));
        return out;
    }

    private static TreeMap<String, DepartmentFigures> freezeDepartments(Map<String, Tally> m) {
        TreeMap<String, DepartmentFigures> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.department()));
        return out;
    }
}
