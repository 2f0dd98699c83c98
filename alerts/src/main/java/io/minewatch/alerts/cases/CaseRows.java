package io.minewatch.alerts.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code case_file}, {@code case_alert} and {@code case_step} tables; every method joins the caller's transaction. */
final class CaseRows {
    static final String COLUMNS = "id, source, title, note, township, district, team, lat, lon, level, state, flight,"
            + " finding, first_alert_at, opened_by, opened_at, dispatched_at, on_site_deadline, on_site_at, closed_at,"
            + " reviewed_at, review_passed, reopened";

    private final Sequences ids;

    CaseRows(Sequences ids) {
        this.ids = ids;
    }

    void insert(Connection c, CaseRow k, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_file (" + COLUMNS + ", updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bind(ps, k.id(), k.source(), k.title(), k.note(), k.township(), k.district(), k.team(), k.lat(),
                    k.lon(), k.level(), k.state(), k.flight(), k.finding(), k.firstAlertAt(), k.openedBy(),
                    k.openedAt(), k.dispatchedAt(), k.onSiteDeadline(), k.onSiteAt(), k.closedAt(), k.reviewedAt(),
                    k.reviewPassed(), k.reopened(), now).executeUpdate();
        }
    }

    /** The case, or null. */
    CaseRow find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM case_file WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /** The case or NOT_FOUND. */
    CaseRow require(Connection c, String id) throws SQLException {
        CaseRow k = id == null ? null : find(c, id);
        if (k == null) {
            throw new CaseException(CaseException.Kind.NOT_FOUND, "no case " + id);
        }
        return k;
    }

    static CaseRow row(ResultSet rs) throws SQLException {
        return new CaseRow(rs.getString("id"), rs.getString("source"), rs.getString("title"), rs.getString("note"),
                rs.getString("township"), rs.getString("district"), rs.getString("team"), Sql.getDouble(rs, "lat"),
                Sql.getDouble(rs, "lon"), rs.getString("level"), rs.getString("state"), rs.getString("flight"),
                rs.getString("finding"), Sql.getLong(rs, "first_alert_at"), rs.getString("opened_by"),
                rs.getLong("opened_at"), Sql.getLong(rs, "dispatched_at"), Sql.getLong(rs, "on_site_deadline"),
                Sql.getLong(rs, "on_site_at"), Sql.getLong(rs, "closed_at"), Sql.getLong(rs, "reviewed_at"),
                Sql.getBool(rs, "review_passed"), rs.getInt("reopened"));
    }

    /** Sets columns of a case: {@code assignments} like {@code "state = ?, team = ?"} with its values. */
    void update(Connection c, String id, long now, String assignments, Object... values) throws SQLException {
        Object[] all = new Object[values.length + 2];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = now;
        all[values.length + 1] = id;
        try (PreparedStatement ps = c.prepareStatement("UPDATE case_file SET " + assignments + ", updated_at = ?"
                + " WHERE id = ?")) {
            Sql.bind(ps, all).executeUpdate();
        }
    }

    /** The case an alert is in, or null. */
    String caseOfAlert(Connection c, String alertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT case_id FROM case_alert WHERE alert_id = ?")) {
            ps.setString(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    void linkAlert(Connection c, String caseId, String alertId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_alert (case_id, alert_id) VALUES (?, ?)")) {
            Sql.bind(ps, caseId, alertId).executeUpdate();
        }
    }

    List<String> alerts(Connection c, String caseId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT alert_id FROM case_alert WHERE case_id = ?"
                + " ORDER BY alert_id")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    void step(Connection c, String caseId, String step, String actor, long at, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_step (id, case_id, step, actor, at, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            Sql.bind(ps, ids.next(c, "case_step"), caseId, step, actor, at, detail).executeUpdate();
        }
    }

    List<CaseView.Step> steps(Connection c, String caseId) throws SQLException {
        List<CaseView.Step> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, step, actor, at, detail FROM case_step"
                + " WHERE case_id = ? ORDER BY id")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CaseView.Step(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }
}
