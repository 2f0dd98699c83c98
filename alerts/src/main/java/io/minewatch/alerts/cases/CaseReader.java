package io.minewatch.alerts.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the views the API answers: a case with all its parts, pages of cases, whistles. */
final class CaseReader {
    static final int MAX_LIMIT = 200;

    private final CaseContext ctx;

    CaseReader(CaseContext ctx) {
        this.ctx = ctx;
    }

    CaseView view(Connection c, String id) throws SQLException {
        CaseRow k = ctx.cases().find(c, id);
        return k == null ? null : view(c, k);
    }

    private CaseView view(Connection c, CaseRow k) throws SQLException {
        Map<String, String> names = ctx.catalogue().names();
        List<WhistleView> whistles = new ArrayList<>();
        for (WhistleRow w : ctx.whistles().ofCase(c, k.id())) {
            whistles.add(0, whistle(w, k, names));
        }
        return new CaseView(k.id(), k.source(), k.title(), k.note(), k.township(), k.district(), k.team(), k.lat(),
                k.lon(), k.level(), k.state(), ctx.cases().alerts(c, k.id()), k.flight(), k.finding(),
                k.firstAlertAt(), k.openedBy(), k.openedAt(), k.dispatchedAt(), k.onSiteDeadline(), k.onSiteAt(),
                k.closedAt(), k.reviewedAt(), k.reviewPassed(), k.reopened(),
                ctx.parts().matters(c, k.id(), names), whistles, ctx.parts().onSite(c, k.id()),
                List.copyOf(ctx.parts().photos(c, k.id(), null).keySet()), ctx.parts().reviews(c, k.id()),
                ctx.cases().steps(c, k.id()));
    }

    WhistleView whistle(Connection c, String id) throws SQLException {
        WhistleRow w = ctx.whistles().find(c, id);
        return w == null ? null : whistle(w, ctx.cases().require(c, w.caseId()), ctx.catalogue().names());
    }

    static WhistleView whistle(WhistleRow w, CaseRow k, Map<String, String> names) {
        boolean overdue = w.escalations() > 0 && !WhistleRow.REPORTED.equals(w.state());
        return new WhistleView(w.id(), w.caseId(), k.title(), k.township(), w.code(),
                names.getOrDefault(w.code(), w.code()), w.department(), w.level(), w.state(), w.issuedAt(),
                w.ackDeadline(), w.reportDeadline(), w.escalations(), overdue, w.acknowledgedAt(),
                w.acknowledgedBy(), w.reportedAt(), w.reportedBy(), w.outcome());
    }

    List<WhistleView> whistles(Connection c, WhistleFilter f) throws SQLException {
        check(f.limit());
        if (f.state() != null && !List.of(WhistleRow.ISSUED, WhistleRow.ACKNOWLEDGED, WhistleRow.REPORTED)
                .contains(f.state())) {
            throw Checks.invalid("state: issued, acknowledged or reported");
        }
        Map<String, String> names = ctx.catalogue().names();
        List<WhistleView> out = new ArrayList<>();
        for (WhistleRow w : ctx.whistles().list(c, f)) {
            out.add(whistle(w, ctx.cases().require(c, w.caseId()), names));
        }
        return out;
    }

    List<CaseView> list(Connection c, CaseFilter f) throws SQLException {
        check(f.limit());
        if (f.state() != null && !CaseView.STATES.contains(f.state())) {
            throw Checks.invalid("state: one of " + String.join(", ", CaseView.STATES));
        }
        if (f.source() != null && !Intake.SOURCES.contains(f.source())) {
            throw Checks.invalid("source: one of " + String.join(", ", Intake.SOURCES));
        }
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        eq(where, args, "state", f.state());
        eq(where, args, "township", f.township());
        eq(where, args, "district", f.district());
        eq(where, args, "team", f.team());
        eq(where, args, "source", f.source());
        if (f.since() != null) {
            where.append(" AND opened_at >= ?");
            args.add(f.since());
        }
        if (f.until() != null) {
            where.append(" AND opened_at < ?");
            args.add(f.until());
        }
        if (f.before() != null) {
            CaseRow b = ctx.cases().find(c, f.before());
            if (b == null) {
                throw Checks.invalid("before: unknown case " + f.before());
            }
            where.append(" AND (opened_at < ? OR (opened_at = ? AND id < ?))");
            args.add(b.openedAt());
            args.add(b.openedAt());
            args.add(b.id());
        }
        List<CaseRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CaseRows.COLUMNS + " FROM case_file WHERE "
                + where + " ORDER BY opened_at DESC, id DESC LIMIT " + f.limit())) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(CaseRows.row(rs));
                }
            }
        }
        List<CaseView> out = new ArrayList<>();
        for (CaseRow k : rows) {
            out.add(view(c, k));
        }
        return out;
    }

    private static void eq(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static void check(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Checks.invalid("limit: 1.." + MAX_LIMIT);
        }
    }
}
