package io.minewatch.alerts.cases;

/**
 * Which whistles to list; null fields do not filter.
 *
 * @param department department id (a department user: always theirs)
 * @param state      issued, acknowledged, reported
 * @param caseId     the case
 * @param overdue    true: only those past a deadline
 * @param limit      1..200
 */
public record WhistleFilter(String department, String state, String caseId, Boolean overdue, int limit) {
}
