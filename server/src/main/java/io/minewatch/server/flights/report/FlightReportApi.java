package io.minewatch.server.flights.report;

import io.minewatch.server.api.AuditTrail;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.flights.FlightReports;
import io.minewatch.server.flights.FlightView;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API v1 flight report: {@code GET /api/v1/flights/{id}/report.geojson}, {@code /report.kml},
 * {@code /evidence.zip} (built on the export thread into {@code exports/}, sent, deleted; audited as
 * {@code flight_exported}) and {@code /findings/{alert}/snapshot} (a finding's picture, for the console's report).
 * Roles analyst, command and admin; an unknown flight or finding is 404, and so is an id that could not be one.
 */
public final class FlightReportApi {
    private static final Logger log = LoggerFactory.getLogger(FlightReportApi.class);
    public static final Access READERS = Access.roles(Caller.ADMIN, Caller.COMMAND, Caller.ANALYST);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private final FlightReports flights;
    private final SnapshotFiles snapshots;
    private final Path exports;
    private final AuditTrail audit;

    private FlightReportApi(FlightReports flights, SnapshotFiles snapshots, Path exports, AuditTrail audit) {
        this.flights = flights;
        this.snapshots = snapshots;
        this.exports = exports;
        this.audit = audit;
    }

    /**
     * @param storage the storage folder: snapshots are read below it, exports built in its {@code exports/}
     * @param audit   where evidence exports are recorded
     */
    public static Router.Builder register(Router.Builder b, FlightReports flights, Path storage, AuditTrail audit) {
        Path root = storage.toAbsolutePath().normalize();
        FlightReportApi a = new FlightReportApi(flights, new SnapshotFiles(root), root.resolve("exports"), audit);
        return b.get("/api/v1/flights/{id}/report.geojson", READERS, a::geojson)
                .get("/api/v1/flights/{id}/report.kml", READERS, a::kml)
                .export("/api/v1/flights/{id}/evidence.zip", READERS, a::evidence)
                .get("/api/v1/flights/{id}/findings/{alert}/snapshot", READERS, a::snapshot);
    }

    private Optional<FlightView> flight(Call call) {
        String id = call.param("id");
        Optional<FlightView> v = ID.matcher(id).matches() ? flights.view(id) : Optional.empty();
        if (v.isEmpty()) {
            call.error(HttpResponseStatus.NOT_FOUND, "no such flight");
        }
        return v;
    }

    private void geojson(Call call) {
        flight(call).ifPresent(v -> call.send(HttpResponseStatus.OK, FlightGeoJson.MEDIA_TYPE,
                FlightGeoJson.of(v, snapshots), "Content-Disposition", attachment(v, "geojson")));
    }

    private void kml(Call call) {
        flight(call).ifPresent(v -> call.send(HttpResponseStatus.OK, FlightKml.MEDIA_TYPE + "; charset=utf-8",
                FlightKml.of(v, snapshots), "Content-Disposition", attachment(v, "kml")));
    }

    private void snapshot(Call call) throws IOException {
        Optional<FlightView> v = flight(call);
        if (v.isEmpty()) {
            return;
        }
        String alert = call.param("alert");
        Optional<Path> file = v.get().findings().stream().filter(f -> f.alertId().equals(alert)).findFirst()
                .flatMap(snapshots::file);
        if (file.isEmpty()) {
            call.error(HttpResponseStatus.NOT_FOUND, "no snapshot for that finding");
            return;
        }
        call.file(file.get(), "image/jpeg");
    }

    private void evidence(Call call) {
        Optional<FlightView> v = flight(call);
        if (v.isEmpty()) {
            return;
        }
        Path zip = null;
        try {
            Files.createDirectories(exports);
            zip = Files.createTempFile(exports, "flight-" + SnapshotFiles.safe(v.get().id()) + "-", ".zip");
            try (OutputStream out = Files.newOutputStream(zip)) {
                FlightEvidence.write(out, v.get(), snapshots);
            }
            audit.append(call.caller().id(), "flight_exported", "", "flight=" + v.get().id() + " evidence.zip findings="
                    + v.get().findings().size());
            call.file(zip, "application/zip");
        } catch (IOException e) {
            log.warn("http: evidence export of flight {} failed: {}", v.get().id(), e.toString());
            call.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "export failed");
        } finally {
            if (zip != null) {
                try {
                    // The channel has the file open for sending; on Linux the data stays until it is done.
                    Files.deleteIfExists(zip);
                } catch (IOException e) {
                    log.warn("http: cannot delete export {}: {}", zip, e.toString());
                }
            }
        }
    }

    /** {@code attachment; filename="flight-<id>.<ext>"}. */
    private static String attachment(FlightView v, String ext) {
        return "attachment; filename=\"flight-" + SnapshotFiles.safe(v.id()) + "." + ext + "\"";
    }
}
