package io.minewatch.alerts.cases;

/**
 * One {@code case_whistle} row. {@code dueAt}: the deadline the escalation tick watches (acknowledgement,
 * then report), null once reported or out of escalation steps.
 */
record WhistleRow(String id, String caseId, String code, String department, String level, String state,
                  long issuedAt, long ackDeadline, long reportDeadline, Long dueAt, int escalations,
                  Long acknowledgedAt, String acknowledgedBy, Long reportedAt, String reportedBy, Outcome outcome) {
    static final String ISSUED = "issued";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String REPORTED = "reported";
}
