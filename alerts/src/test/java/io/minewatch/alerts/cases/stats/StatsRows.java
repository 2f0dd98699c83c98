package io.minewatch.alerts.cases.stats;

import io.minewatch.alerts.store.Database;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Writes rows straight into the V8 case tables (the shapes CaseService writes), for the statistics tests.
 * Times are given as local date-times of the county ({@code 2026-11-02T10:00}) and stored as epoch ms.
 */
final class StatsRows {
    private final Database db;
    private final ZoneId zone;
    private long ids;

    StatsRows(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    /** Epoch ms of a local time of the county ({@code 2026-11-30T23:59:59.999}); null stays null. */
    Long at(String local) {
        return local == null ? null : LocalDateTime.parse(local).atZone(zone).toInstant().toEpochMilli();
    }

    /** A case; dispatched is also written as a case_dispatched step. */
    void caseFile(String id, String source, String township, String district, String team, String state,
                  String firstAlert, String opened, String onSiteDeadline, String onSiteAt) {
        sql("INSERT INTO case_file (id, source, title, township, district, team, level, state, first_alert_at,"
                + " opened_by, opened_at, on_site_deadline, on_site_at, reopened, updated_at)"
                + " VALUES (?, ?, 'a case', ?, ?, ?, 'quick', ?, ?, 'li-wei', ?, ?, ?, 0, ?)",
                id, source, township, district, team, state, at(firstAlert), at(opened), at(onSiteDeadline),
                at(onSiteAt), at(opened));
    }

    void step(String caseId, String step, String when) {
        sql("INSERT INTO case_step (id, case_id, step, actor, at, detail) VALUES (?, ?, ?, 'boss', ?, NULL)",
                ++ids, caseId, step, at(when));
    }

    void onSite(String caseId, String when, int staff, int vehicles, boolean inspection, boolean joint) {
        sql("INSERT INTO case_on_site (id, case_id, recorded_by, recorded_at, notes, staff, vehicles_sent,"
                + " inspection, joint_action, plates, persons) VALUES (?, ?, 'li-wei', ?, 'n', ?, ?, ?, ?, '[]', '[]')",
                ++ids, caseId, at(when), staff, vehicles, inspection ? 1 : 0, joint ? 1 : 0);
    }

    void matter(String caseId, String code, String handler, String outcome, String notice, Long fen, String when) {
        sql("INSERT INTO case_matter (case_id, code, handler, level, identified_at, identified_by, outcome,"
                + " notice_no, penalty_fen, outcome_by, outcome_at) VALUES (?, ?, ?, 'quick', 0, 'li-wei', ?, ?, ?,"
                + " 'li-wei', ?)", caseId, code, handler, outcome, notice, fen, at(when));
    }

    void whistle(String id, String caseId, String department, String level, String issued, String acked,
                 String reported, int escalations) {
        String state = reported != null ? "reported" : acked != null ? "acknowledged" : "issued";
        sql("INSERT INTO case_whistle (id, case_id, code, department, level, state, issued_at, ack_deadline,"
                + " report_deadline, due_at, escalations, acknowledged_at, reported_at)"
                + " VALUES (?, ?, 'M', ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                id, caseId, department, level, state, at(issued), at(issued), at(issued), escalations, at(acked),
                at(reported));
    }

    void review(String caseId, String when, boolean passed) {
        sql("INSERT INTO case_review (id, case_id, reviewer, at, score, passed, checklist, note)"
                + " VALUES (?, ?, 'legal', ?, ?, ?, '{}', NULL)", ++ids, caseId, at(when), passed ? 100 : 40,
                passed ? 1 : 0);
    }

    private void sql(String sql, Object... args) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    Object a = args[i];
                    if (a == null) {
                        ps.setNull(i + 1, java.sql.Types.NULL);
                    } else if (a instanceof Long l) {
                        ps.setLong(i + 1, l);
                    } else if (a instanceof Integer n) {
                        ps.setInt(i + 1, n);
                    } else {
                        ps.setString(i + 1, a.toString());
                    }
                }
                ps.executeUpdate();
            }
            return null;
        });
    }
}
