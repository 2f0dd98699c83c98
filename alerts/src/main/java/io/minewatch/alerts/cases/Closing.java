package io.minewatch.alerts.cases;

import io.minewatch.config.CasesConfig;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.ReviewItem;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Closing a case (an outcome per matter) and the legal office's review (pass, or reopen). */
final class Closing {
    private static final Set<String> CLOSABLE = Set.of(CaseRow.DISPATCHED, CaseRow.ON_SITE, CaseRow.REOPENED);

    private final CaseContext ctx;

    Closing(CaseContext ctx) {
        this.ctx = ctx;
    }

    void close(CaseTx tx, String caseId, List<Outcome> outcomes, String actor) throws SQLException {
        CaseRow k = ctx.cases().require(tx.c, caseId);
        if (!CLOSABLE.contains(k.state())) {
            throw Checks.conflict("case " + caseId + " is " + k.state() + "; it cannot be closed now");
        }
        if (ctx.parts().onSite(tx.c, caseId).isEmpty()) {
            throw Checks.conflict("case " + caseId + " has no on-site record yet");
        }
        List<CaseView.Matter> matters = ctx.parts().matters(tx.c, caseId, Map.of());
        if (matters.isEmpty()) {
            throw Checks.conflict("case " + caseId + " has no identified matter yet");
        }
        Map<String, CaseView.Matter> byCode = new LinkedHashMap<>();
        matters.forEach(m -> byCode.put(m.code(), m));
        Map<String, WhistleRow> whistled = new LinkedHashMap<>();
        ctx.whistles().ofCase(tx.c, caseId).forEach(w -> whistled.put(w.code(), w));
        Map<String, Outcome> given = new LinkedHashMap<>();
        for (Outcome o : outcomes == null ? List.<Outcome>of() : outcomes) {
            if (o == null || o.code() == null) {
                throw Checks.invalid("outcomes: an outcome needs the matter's code");
            }
            String field = "outcomes." + o.code();
            if (!byCode.containsKey(o.code())) {
                throw Checks.invalid(field + ": matter " + o.code() + " is not in case " + caseId);
            }
            if (given.put(o.code(), Checks.outcome(field, o)) != null) {
                throw Checks.invalid(field + ": given twice");
            }
            CaseView.Matter m = byCode.get(o.code());
            if (!MatterConfig.TOWNSHIP.equals(m.handler())) {
                WhistleRow w = whistled.get(o.code());
                boolean reported = w != null && WhistleRow.REPORTED.equals(w.state());
                if (reported) {
                    throw Checks.invalid(field + ": " + m.handler() + " has reported this matter already");
                }
                if (!"referred".equals(o.kind())) {
                    throw Checks.invalid(field + ": a whistled matter not yet reported by " + m.handler()
                            + " closes as referred");
                }
            }
        }
        for (CaseView.Matter m : matters) {
            if (!given.containsKey(m.code()) && m.outcome() == null) {
                throw Checks.invalid("outcomes." + m.code() + ": matter " + m.code() + " has no outcome"
                        + (MatterConfig.TOWNSHIP.equals(m.handler()) ? "" : " (not reported by " + m.handler()
                        + "; give referred)"));
            }
        }
        for (Outcome o : given.values()) {
            ctx.parts().setOutcome(tx.c, caseId, o, actor, tx.now);
        }
        ctx.cases().update(tx.c, caseId, tx.now, "state = ?, closed_at = ?", CaseRow.CLOSED, tx.now);
        StringBuilder detail = new StringBuilder();
        for (Outcome o : given.values()) {
            detail.append(detail.length() == 0 ? "" : ", ").append(o.code()).append(' ').append(o.kind());
            if (o.noticeNo() != null) {
                detail.append(' ').append(o.noticeNo());
            }
            if (o.penaltyYuan() != null) {
                detail.append(' ').append(o.penaltyYuan().setScale(2).toPlainString()).append(" yuan");
            }
        }
        tx.step(caseId, "case_closed", actor, null, null, detail.length() == 0 ? "outcomes as reported"
                : detail.toString());
    }

    void review(CaseTx tx, String caseId, Review r, String actor) throws SQLException {
        CaseRow k = ctx.cases().require(tx.c, caseId);
        if (!CaseRow.CLOSED.equals(k.state())) {
            throw Checks.conflict("case " + caseId + " is " + k.state() + "; only a closed case is reviewed");
        }
        if (r == null) {
            throw Checks.invalid("checklist: missing");
        }
        CasesConfig cfg = ctx.catalogue().cases();
        Set<String> points = new java.util.LinkedHashSet<>();
        cfg.checklist().forEach(i -> points.add(i.id()));
        for (String p : r.checklist().keySet()) {
            if (!points.contains(p)) {
                throw Checks.invalid("checklist." + p + ": unknown checklist point");
            }
        }
        int met = 0;
        boolean requiredMet = true;
        for (ReviewItem item : cfg.checklist()) {
            Boolean v = r.checklist().get(item.id());
            if (v == null) {
                throw Checks.invalid("checklist." + item.id() + ": not answered");
            }
            met += v ? 1 : 0;
            requiredMet &= v || !item.required();
        }
        String note = Checks.text("note", r.note(), Checks.MAX_TEXT);
        int score = (int) Math.round(100.0 * met / cfg.checklist().size());
        boolean passed = score >= cfg.passScore() && requiredMet;
        if (!passed && (note == null || note.isBlank())) {
            throw Checks.invalid("note: a failed review needs a note");
        }
        ctx.parts().insertReview(tx.c, caseId, actor, tx.now, score, passed, r);
        if (passed) {
            ctx.cases().update(tx.c, caseId, tx.now, "state = ?, reviewed_at = ?, review_passed = ?",
                    CaseRow.REVIEWED, tx.now, true);
        } else {
            ctx.cases().update(tx.c, caseId, tx.now, "state = ?, reviewed_at = ?, review_passed = ?, reopened = ?",
                    CaseRow.REOPENED, tx.now, false, k.reopened() + 1);
        }
        tx.step(caseId, "case_reviewed", actor, null, null, "score " + score + ", " + (passed ? "passed" : "failed"));
        if (!passed) {
            tx.step(caseId, "case_reopened", actor, null, null, "review failed: " + note.strip());
        }
    }
}
