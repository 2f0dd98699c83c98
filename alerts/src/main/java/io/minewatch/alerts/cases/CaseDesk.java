package io.minewatch.alerts.cases;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The case loop's one entry point (issue 18). Every method validates its input (a {@link CaseException}
 * naming the bad field, nothing written), writes the step in one transaction (its rows, a
 * {@code case_step} row and its MQTT messages through the outbox) and appends it to the audit log.
 * Thread-safe; blocking (call from a worker thread, never an event loop). Access rules (who may see or
 * do what) are the caller's (the HTTP API's); {@code actor} is who did it.
 */
public interface CaseDesk {

    /** Opens a case (intake). An alert already in a case is refused (CONFLICT, naming that case). */
    CaseView open(Intake intake, String actor);

    /**
     * Dispatches a case (intake or reopened) to a team, with an on-site deadline by the case's level.
     *
     * @param team a team id, or null: the first team of the district the case's position lies in
     *             (INVALID when it lies in none and no team is given)
     */
    CaseView dispatch(String caseId, String team, String actor);

    /**
     * The team's on-site record: the first one moves the case to on_site. Identified matters are added
     * to the case; each outside the township's list is whistled to its department at the given level
     * (or the matter's default).
     */
    CaseView onSite(String caseId, OnSite record, String actor);

    /**
     * Adds a photo to the case: the file (already written and measured by the caller, at most
     * {@code cases.max_photo_bytes}) is moved under {@code storage/cases/<case>/}.
     *
     * @param contentType image/jpeg or image/png (checked against the file's first bytes)
     */
    PhotoView addPhoto(String caseId, Path file, String contentType, String actor);

    /** The file of a photo, for the API to send. */
    Optional<Path> photoFile(String caseId, int n);

    /**
     * Closes a case: every identified matter needs an outcome — the township's from {@code outcomes};
     * a whistled one from its department's report, or {@code referred} given here.
     */
    CaseView close(String caseId, List<Outcome> outcomes, String actor);

    /** The legal office's review of a closed case; a failed review reopens it. */
    CaseView review(String caseId, Review review, String actor);

    /** A department acknowledges a whistle (the caller checked the department). */
    WhistleView acknowledge(String whistleId, String actor);

    /** A department reports the outcome of a whistle (acknowledging it first when it has not). */
    WhistleView report(String whistleId, Outcome outcome, String actor);

    /** The case with all its parts, or empty. */
    Optional<CaseView> find(String caseId);

    /** The whistle, or empty. */
    Optional<WhistleView> whistle(String whistleId);

    /** Cases, newest first, filtered and keyset-paged. */
    List<CaseView> list(CaseFilter filter);

    /** Whistles, newest first, filtered (a department user's answers filter by their department). */
    List<WhistleView> whistles(WhistleFilter filter);

    /** The catalogue in force. */
    CatalogueView catalogue();

    /**
     * Replaces the imported catalogue (matters and delegated lists) with this file's; nothing changes on
     * an error (INVALID naming line and field). Cases keep the matters they have.
     *
     * @param format {@code csv} or {@code yaml}
     */
    CatalogueView importCatalogue(String text, String format, String actor);
}
