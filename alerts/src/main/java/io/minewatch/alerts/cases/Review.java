package io.minewatch.alerts.cases;

import java.util.Map;

/**
 * The legal office's review: each checklist point met or not. The score is the share of points met
 * (0–100, rounded); it passes at {@code cases.review.pass_score} with every required point met.
 *
 * @param checklist point id to met; every point of the configured checklist must be answered
 * @param note      the reviewer's words (required when it fails)
 */
public record Review(Map<String, Boolean> checklist, String note) {
    public Review {
        checklist = checklist == null ? Map.of() : Map.copyOf(checklist);
    }
}
