package io.minewatch.alerts.cases;

import io.minewatch.config.CaseDeadlines;
import io.minewatch.config.MatterConfig;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Whistles: a matter outside the township's list goes to its department with deadlines by level; the
 * department acknowledges, then reports; past a deadline it escalates (again each deadline-length later, at
 * most {@code alerts.max_escalations} times).
 */
final class Whistles {
    private final CaseContext ctx;

    Whistles(CaseContext ctx) {
        this.ctx = ctx;
    }

    private int maxEscalations() {
        return ctx.config().alerts().maxEscalations();
    }

    void issue(CaseTx tx, String caseId, MatterConfig m, String department, String level, String actor)
            throws SQLException {
        CaseDeadlines d = ctx.catalogue().cases().deadlines(level);
        long ack = tx.now + d.whistleAck().toMillis();
        long report = tx.now + d.whistleReport().toMillis();
        WhistleRow w = new WhistleRow(ctx.ids().nextWhistle(tx.c, tx.now), caseId, m.code(), department, level,
                WhistleRow.ISSUED, tx.now, ack, report, maxEscalations() > 0 ? ack : null, 0, null, null, null, null,
                null);
        ctx.whistles().insert(tx.c, w);
        tx.step(caseId, "whistle_issued", actor, w.id(), m.code(), w.id() + ": " + m.code() + " to " + department
                + " at " + level + ", acknowledge by " + Instant.ofEpochMilli(ack) + ", report by "
                + Instant.ofEpochMilli(report));
        tx.whistle(w, WhistleRow.ISSUED, m.name(), ctx.cases().require(tx.c, caseId));
        ctx.metrics().whistled(department, level);
    }

    String acknowledge(CaseTx tx, String whistleId, String actor) throws SQLException {
        WhistleRow w = ctx.whistles().require(tx.c, whistleId);
        if (!WhistleRow.ISSUED.equals(w.state())) {
            throw Checks.conflict("whistle " + whistleId + " is already " + w.state());
        }
        ack(tx, w, actor);
        return whistleId;
    }

    private WhistleRow ack(CaseTx tx, WhistleRow w, String actor) throws SQLException {
        Long due = w.escalations() < maxEscalations() ? w.reportDeadline() : null;
        ctx.whistles().update(tx.c, w.id(), "state = ?, acknowledged_at = ?, acknowledged_by = ?, due_at = ?",
                WhistleRow.ACKNOWLEDGED, tx.now, actor, due);
        WhistleRow now = ctx.whistles().require(tx.c, w.id());
        tx.step(w.caseId(), "whistle_acknowledged", actor, w.id(), w.code(), w.id() + " acknowledged by "
                + w.department());
        tx.whistle(now, WhistleRow.ACKNOWLEDGED, name(w.code()), ctx.cases().require(tx.c, w.caseId()));
        return now;
    }

    String report(CaseTx tx, String whistleId, Outcome outcome, String actor) throws SQLException {
        WhistleRow w = ctx.whistles().require(tx.c, whistleId);
        if (WhistleRow.REPORTED.equals(w.state())) {
            throw Checks.conflict("whistle " + whistleId + " is already reported");
        }
        if (outcome == null) {
            throw Checks.invalid("kind: the report needs an outcome");
        }
        if (outcome.code() != null && !outcome.code().equals(w.code())) {
            throw Checks.invalid("code: whistle " + whistleId + " is about matter " + w.code());
        }
        Outcome o = Checks.outcome("report", new Outcome(w.code(), outcome.kind(), blank(outcome.noticeNo()),
                outcome.penaltyYuan(), outcome.note()));
        if (WhistleRow.ISSUED.equals(w.state())) {
            w = ack(tx, w, actor);
        }
        ctx.whistles().update(tx.c, w.id(), "state = ?, reported_at = ?, reported_by = ?, due_at = ?, outcome = ?,"
                + " notice_no = ?, penalty_fen = ?, report_note = ?", WhistleRow.REPORTED, tx.now, actor, null,
                o.kind(), o.noticeNo(), Sql.fen(o.penaltyYuan()), o.note());
        ctx.parts().setOutcome(tx.c, w.caseId(), o, actor, tx.now);
        WhistleRow now = ctx.whistles().require(tx.c, w.id());
        tx.step(w.caseId(), "whistle_reported", actor, w.id(), w.code(), w.id() + " reported by " + w.department()
                + ": " + o.kind() + (o.noticeNo() == null ? "" : " " + o.noticeNo()));
        tx.whistle(now, WhistleRow.REPORTED, name(w.code()), ctx.cases().require(tx.c, w.caseId()));
        return whistleId;
    }

    /** One escalation step of a whistle past its deadline (re-read: it may have been answered meanwhile). */
    boolean escalate(CaseTx tx, String whistleId) throws SQLException {
        WhistleRow w = ctx.whistles().find(tx.c, whistleId);
        if (w == null || w.dueAt() == null || w.dueAt() > tx.now || WhistleRow.REPORTED.equals(w.state())) {
            return false;
        }
        int step = w.escalations() + 1;
        CaseDeadlines d = ctx.catalogue().cases().deadlines(w.level());
        long length = (WhistleRow.ISSUED.equals(w.state()) ? d.whistleAck() : d.whistleReport()).toMillis();
        Long due = step < maxEscalations() ? w.dueAt() + length : null;
        ctx.whistles().update(tx.c, w.id(), "escalations = ?, due_at = ?", step, due);
        WhistleRow now = ctx.whistles().require(tx.c, w.id());
        String missed = WhistleRow.ISSUED.equals(w.state()) ? "acknowledgement" : "report";
        tx.step(w.caseId(), "whistle_escalated", "system", w.id(), w.code(), w.id() + ": no " + missed + " from "
                + w.department() + " by " + Instant.ofEpochMilli(w.dueAt()) + ", escalation " + step);
        tx.whistle(now, "escalated", name(w.code()), ctx.cases().require(tx.c, w.caseId()));
        ctx.metrics().escalated();
        return true;
    }

    private String name(String code) {
        return ctx.catalogue().names().getOrDefault(code, code);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
