package io.minewatch.alerts.cases;

import java.util.List;

/**
 * A case with every part, as the API answers it. Times epoch ms (null when not yet).
 *
 * @param state intake, dispatched, on_site, closed, reviewed, reopened
 */
public record CaseView(String id, String source, String title, String note, String township, String district,
                       String team, Double lat, Double lon, String level, String state, List<String> alerts,
                       String flight, String finding, Long firstAlertAt, String openedBy, long openedAt,
                       Long dispatchedAt, Long onSiteDeadline, Long onSiteAt, Long closedAt, Long reviewedAt,
                       Boolean reviewPassed, int reopened, List<Matter> matters, List<WhistleView> whistles,
                       List<OnSiteRecord> onSite, List<PhotoView> photos, List<ReviewRecord> reviews,
                       List<Step> steps) {
    public static final List<String> STATES = List.of("intake", "dispatched", "on_site", "closed", "reviewed",
            "reopened");

    /** An identified matter: handler {@code township} or a department id, and its outcome when known. */
    public record Matter(String code, String name, String handler, String level, long identifiedAt,
                         String identifiedBy, Outcome outcome, String outcomeBy, Long outcomeAt) {
    }

    /** One on-site record. */
    public record OnSiteRecord(long id, String recordedBy, long recordedAt, OnSite record) {
    }

    /** One review. */
    public record ReviewRecord(long id, String reviewer, long at, int score, boolean passed, Review review) {
    }

    /** One step of the case's history (opened, dispatched, on_site, matter, whistled, ...). */
    public record Step(long id, String step, String actor, long at, String detail) {
    }
}
