package io.minewatch.alerts.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code case_whistle} table; every method joins the caller's transaction. */
final class WhistleRows {
    private static final String COLUMNS = "w.id, w.case_id, w.code, w.department, w.level, w.state, w.issued_at,"
            + " w.ack_deadline, w.report_deadline, w.due_at, w.escalations, w.acknowledged_at, w.acknowledged_by,"
            + " w.reported_at, w.reported_by, w.outcome, w.notice_no, w.penalty_fen, w.report_note";

    void insert(Connection c, WhistleRow w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_whistle (id, case_id, code, department,"
                + " level, state, issued_at, ack_deadline, report_deadline, due_at, escalations)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bind(ps, w.id(), w.caseId(), w.code(), w.department(), w.level(), w.state(), w.issuedAt(),
                    w.ackDeadline(), w.reportDeadline(), w.dueAt(), w.escalations()).executeUpdate();
        }
    }

    WhistleRow find(Connection c, String id) throws SQLException {
        List<WhistleRow> rows = select(c, "w.id = ?", List.of(id), 1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    WhistleRow require(Connection c, String id) throws SQLException {
        WhistleRow w = id == null ? null : find(c, id);
        if (w == null) {
            throw new CaseException(CaseException.Kind.NOT_FOUND, "no whistle " + id);
        }
        return w;
    }

    List<WhistleRow> ofCase(Connection c, String caseId) throws SQLException {
        return select(c, "w.case_id = ?", List.of(caseId), 10_000);
    }

    /** Whistles whose deadline has passed, oldest deadline first. */
    List<WhistleRow> due(Connection c, long now, int limit) throws SQLException {
        List<WhistleRow> rows = select(c, "w.due_at IS NOT NULL AND w.due_at <= ?", List.of(now), limit);
        rows.sort(java.util.Comparator.comparingLong(WhistleRow::dueAt));
        return rows;
    }

    /** Whistles escalated at least once and not yet reported. */
    long overdue(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM case_whistle"
                + " WHERE escalations > 0 AND state <> ?")) {
            ps.setString(1, WhistleRow.REPORTED);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Newest first, filtered. */
    List<WhistleRow> list(Connection c, WhistleFilter f) throws SQLException {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.department() != null) {
            where.append(" AND w.department = ?");
            args.add(f.department());
        }
        if (f.state() != null) {
            where.append(" AND w.state = ?");
            args.add(f.state());
        }
        if (f.caseId() != null) {
            where.append(" AND w.case_id = ?");
            args.add(f.caseId());
        }
        if (f.overdue() != null) {
            where.append(f.overdue() ? " AND w.escalations > 0 AND w.state <> 'reported'"
                    : " AND (w.escalations = 0 OR w.state = 'reported')");
        }
        List<WhistleRow> rows = select(c, where.toString(), args, f.limit());
        return rows;
    }

    void update(Connection c, String id, String assignments, Object... values) throws SQLException {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = id;
        try (PreparedStatement ps = c.prepareStatement("UPDATE case_whistle SET " + assignments + " WHERE id = ?")) {
            Sql.bind(ps, all).executeUpdate();
        }
    }

    private List<WhistleRow> select(Connection c, String where, List<?> args, int limit) throws SQLException {
        List<WhistleRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM case_whistle w WHERE " + where
                + " ORDER BY w.issued_at DESC, w.id DESC LIMIT " + Math.max(1, limit))) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString("outcome");
                    Outcome o = kind == null ? null : new Outcome(rs.getString("code"), kind, rs.getString("notice_no"),
                            Sql.yuan(Sql.getLong(rs, "penalty_fen")), rs.getString("report_note"));
                    out.add(new WhistleRow(rs.getString("id"), rs.getString("case_id"), rs.getString("code"),
                            rs.getString("department"), rs.getString("level"), rs.getString("state"),
                            rs.getLong("issued_at"), rs.getLong("ack_deadline"), rs.getLong("report_deadline"),
                            Sql.getLong(rs, "due_at"), rs.getInt("escalations"), Sql.getLong(rs, "acknowledged_at"),
                            rs.getString("acknowledged_by"), Sql.getLong(rs, "reported_at"),
                            rs.getString("reported_by"), o));
                }
            }
        }
        return out;
    }
}
