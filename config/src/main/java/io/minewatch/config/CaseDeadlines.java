package io.minewatch.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The deadlines of one level (quick, tough, emergency) in the case loop (issue 18).
 *
 * @param onSite          from dispatch to the team's on-site record
 * @param whistleAck      from a whistle to the department's acknowledgement
 * @param whistleReport   from a whistle to the department's report of the outcome
 */
public record CaseDeadlines(Duration onSite, Duration whistleAck, Duration whistleReport) {
    public CaseDeadlines {
        Objects.requireNonNull(onSite, "onSite");
        Objects.requireNonNull(whistleAck, "whistleAck");
        Objects.requireNonNull(whistleReport, "whistleReport");
    }
}
