package io.minewatch.alerts.cases;

/** One {@code case_file} row: a case without its parts. Times epoch ms. */
record CaseRow(String id, String source, String title, String note, String township, String district, String team,
               Double lat, Double lon, String level, String state, String flight, String finding, Long firstAlertAt,
               String openedBy, long openedAt, Long dispatchedAt, Long onSiteDeadline, Long onSiteAt, Long closedAt,
               Long reviewedAt, Boolean reviewPassed, int reopened) {
    static final String INTAKE = "intake";
    static final String DISPATCHED = "dispatched";
    static final String ON_SITE = "on_site";
    static final String CLOSED = "closed";
    static final String REVIEWED = "reviewed";
    static final String REOPENED = "reopened";
}
