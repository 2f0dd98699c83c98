package io.minewatch.alerts.cases;

/**
 * Where every step of the case loop is also written: the hash-chained audit log (the server passes the
 * evidence audit log's append). Called after the step's transaction commits.
 */
@FunctionalInterface
public interface CaseAudit {
    /**
     * @param actor  who did it ({@code system} for escalations)
     * @param action case_opened, case_dispatched, case_on_site, case_photo, matter_identified,
     *               whistle_issued, whistle_acknowledged, whistle_reported, whistle_escalated,
     *               case_closed, case_reviewed, case_reopened
     * @param caseId the case
     * @param detail a short description (ids, codes, levels; never a secret)
     */
    void append(String actor, String action, String caseId, String detail);
}
