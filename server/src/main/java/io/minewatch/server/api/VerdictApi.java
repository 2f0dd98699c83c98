package io.minewatch.server.api;

import io.minewatch.alerts.query.AlertCsv;
import io.minewatch.alerts.query.AlertFilter;
import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.alerts.verdict.DatasetExport;
import io.minewatch.alerts.verdict.LabelsExport;
import io.minewatch.alerts.verdict.Verdict;
import io.minewatch.alerts.verdict.VerdictStore;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analysts' routes of API v1: {@code POST /api/v1/alerts/{id}/verdict}, the CSV of the alert list
 * ({@code GET /api/v1/alerts.csv}, same filters), the verdicts as a labels file ({@code GET
 * /api/v1/labels}) and as a detection dataset ({@code GET /api/v1/labels/dataset.zip}), and precision by
 * verdict per camera and rule ({@code GET /api/v1/precision}). Verdicts and every export are audited.
 */
final class VerdictApi {
    private static final Logger log = LoggerFactory.getLogger(VerdictApi.class);
    static final Access JUDGES = Access.roles(Caller.ADMIN, Caller.ANALYST);
    static final Access READERS = Access.roles(Caller.ADMIN, Caller.ANALYST, Caller.COMMAND);
    private static final Set<String> LABEL_PARAMETERS = Set.of("camera", "since", "until");
    private static final Set<String> PERIOD_PARAMETERS = Set.of("since", "until");

    private final VerdictStore verdicts;
    private final AlertQueries queries;
    private final AuditTrail audit;
    private final Clock clock;
    private final Path exports;

    private VerdictApi(VerdictStore verdicts, AlertQueries queries, AuditTrail audit, Clock clock, Path exports) {
        this.verdicts = verdicts;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
        this.exports = exports;
    }

    /** @param exports the folder the dataset zip is built in (deleted after it is sent) */
    static Router.Builder register(Router.Builder b, VerdictStore verdicts, AlertQueries queries, AuditTrail audit,
                                   Clock clock, Path exports) {
        VerdictApi a = new VerdictApi(verdicts, queries, audit, clock, exports);
        return b.post("/api/v1/alerts/{id}/verdict", JUDGES, a::verdict)
                .get("/api/v1/alerts.csv", Access.WATCHERS, a::csv)
                .get("/api/v1/labels", JUDGES, a::labels)
                .export("/api/v1/labels/dataset.zip", JUDGES, a::dataset)
                .get("/api/v1/precision", READERS, a::precision);
    }

    private void verdict(Call call) {
        Verdict v;
        try {
            v = Verdict.parse(call.body());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        String id = call.param("id");
        String actor = call.caller().id();
        Optional<VerdictStore.Stored> stored = verdicts.record(id, v, actor, clock.millis());
        if (stored.isEmpty()) {
            call.error(HttpResponseStatus.NOT_FOUND, "no such alert");
            return;
        }
        audit.append(actor, "verdict", id, v.verdict() + (v.reason() == null ? "" : " " + v.reason())
                + (v.category() == null ? "" : " category=" + v.category()) + (v.boxNorm() == null ? "" : " box"));
        call.json(HttpResponseStatus.OK, stored.get().json());
    }

    private void csv(Call call) {
        AlertFilter filter;
        try {
            filter = AlertFilter.parse(call.uri().parameters());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        AlertCsv.Result r = AlertCsv.write(queries, filter, AlertApi.scope(call.caller()));
        audit.append(call.caller().id(), "alerts_exported", "", "csv rows=" + r.rows() + " " + query(call));
        call.send(HttpResponseStatus.OK, "text/csv; charset=utf-8", r.csv(),
                "Content-Disposition", "attachment; filename=\"alerts.csv\"",
                "X-Minewatch-Rows", Integer.toString(r.rows()),
                "X-Minewatch-Truncated", Boolean.toString(r.truncated()));
    }

    private void labels(Call call) {
        Period p = period(call, LABEL_PARAMETERS);
        String camera = one(call.uri().parameters(), "camera");
        if (camera == null) {
            throw new BadRequest("camera is required: the labels of one camera's stream");
        }
        if (!camera.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new BadRequest("camera is not an id (letters, digits, _ . -; at most 64)");
        }
        List<VerdictStore.Judged> judged = verdicts.judged(camera, p.since(), p.until(),
                VerdictStore.MAX_LABELLED + 1);
        boolean truncated = judged.size() > VerdictStore.MAX_LABELLED;
        List<VerdictStore.Judged> kept = truncated ? judged.subList(0, VerdictStore.MAX_LABELLED) : judged;
        String text = LabelsExport.write(camera, p.since(), p.until(), kept, truncated);
        audit.append(call.caller().id(), "labels_exported", "", "alerts=" + kept.size() + " " + query(call));
        call.send(HttpResponseStatus.OK, "text/plain; charset=utf-8", text,
                "Content-Disposition", "attachment; filename=\"" + camera + ".labels\"");
    }

    /** Built on the export thread into a file under exports/, sent, then deleted. */
    private void dataset(Call call) {
        Period p = period(call, LABEL_PARAMETERS);
        String camera = one(call.uri().parameters(), "camera");
        if (camera != null && !camera.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new BadRequest("camera is not an id (letters, digits, _ . -; at most 64)");
        }
        List<VerdictStore.Judged> judged = verdicts.judged(camera, p.since(), p.until(), VerdictStore.MAX_LABELLED);
        Path zip = null;
        try {
            Files.createDirectories(exports);
            zip = Files.createTempFile(exports, "dataset-", ".zip");
            DatasetExport.Written w;
            try (OutputStream out = Files.newOutputStream(zip)) {
                w = DatasetExport.write(out, judged, id -> queries.snapshot(id, null));
            }
            audit.append(call.caller().id(), "dataset_exported", "", "images=" + w.images() + " boxes=" + w.boxes()
                    + " " + query(call));
            call.file(zip, "application/zip");
        } catch (IOException e) {
            log.warn("http: dataset export failed: {}", e.toString());
            call.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "export failed");
        } finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException e) {
                    log.warn("http: cannot delete export {}: {}", zip, e.toString());
                }
            }
        }
    }

    private void precision(Call call) {
        Period p = period(call, PERIOD_PARAMETERS);
        call.json(HttpResponseStatus.OK, verdicts.precision(p.since(), p.until()));
    }

    private record Period(java.time.Instant since, java.time.Instant until) {
    }

    /** since/until of the query (only {@code known} parameters allowed), refused naming the parameter. */
    private static Period period(Call call, Set<String> known) {
        Map<String, List<String>> params = call.uri().parameters();
        io.minewatch.server.http.QueryParameters.only(params, known);
        java.time.Instant since = instant(params, "since");
        java.time.Instant until = instant(params, "until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadRequest("since must be before until");
        }
        return new Period(since, until);
    }

    private static java.time.Instant instant(Map<String, List<String>> params, String name) {
        String v = one(params, name);
        if (v == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequest(name + " must be an ISO-8601 UTC time such as 2026-05-01T06:30:00Z");
        }
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    /** The query string for the audit entry, cut to 300 characters. */
    private static String query(Call call) {
        String raw = call.uri().rawQuery();
        String q = raw == null ? "" : raw.replaceAll("\\p{Cntrl}", "?");
        return q.length() > 300 ? q.substring(0, 300) + "…" : q;
    }
}
