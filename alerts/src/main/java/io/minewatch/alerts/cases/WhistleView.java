package io.minewatch.alerts.cases;

/**
 * One whistle as the API and the department see it. Times epoch ms (null when not yet).
 *
 * @param overdue past its acknowledgement or report deadline (escalated at least once when true)
 */
public record WhistleView(String id, String caseId, String caseTitle, String township, String code,
                          String matterName, String department, String level, String state, long issuedAt,
                          long ackDeadline, long reportDeadline, int escalations, boolean overdue,
                          Long acknowledgedAt, String acknowledgedBy, Long reportedAt, String reportedBy,
                          Outcome outcome) {
}
