package io.minewatch.server.api;

import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.alerts.track.AlertTracks;
import io.minewatch.config.HttpConfig;
import io.minewatch.detect.overlay.OverlayLearner;
import java.util.Optional;
import java.util.function.Function;
import io.minewatch.server.cameras.CameraBoard;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.http.CoreRoutes;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.Router;
import io.minewatch.server.web.ConsoleHeaders;
import io.minewatch.server.web.StaticAssets;

/**
 * The server's route table, in one place: health, metrics, clips, evidence, and API v1. The
 * composition root adds its further routes to the builder this returns (alerts, cameras, sites, ui),
 * and each must also be described in the OpenAPI document.
 */
public final class ApiRoutes {
    private ApiRoutes() {
    }

    public static Router.Builder builder(HttpRoutes routes, Authenticator auth, HttpConfig http) {
        Router.Builder b = Router.builder()
                .assets(StaticAssets.fromClasspath(ConsoleHeaders.of(http.mapTiles())));
        CoreRoutes.register(b, routes, http.metricsPublic());
        SessionApi.register(b, auth);
        OpenApi.register(b);
        return b;
    }

    /** Adds the routes of API v1 that read and act on alerts, cameras and sites. */
    public static Router.Builder withData(Router.Builder b, AlertQueries queries, AlertDispatcher desk,
                                          CameraBoard cameras, HttpConfig http,
                                          Function<String, Optional<OverlayLearner>> overlays) {
        AlertApi.register(b, queries, desk);
        CameraApi.register(b, cameras, queries, overlays);
        SiteApi.register(b, queries, http);
        return b;
    }

    /** Adds the admin routes: the run-time registry and the camera probe. */
    public static Router.Builder withAdmin(Router.Builder b, io.minewatch.server.registry.Registry registry,
                                           io.minewatch.server.registry.CameraProbe probe) {
        return AdminApi.register(b, registry, probe);
    }

    /**
     * Adds the analysts' routes: verdicts, the alert list as CSV, the labels and dataset exports and
     * precision by verdict (issue 15).
     *
     * @param exports the folder exports are built in
     */
    public static Router.Builder withVerdicts(Router.Builder b, io.minewatch.alerts.verdict.VerdictStore verdicts,
                                              AlertQueries queries, AuditTrail audit, java.time.Clock clock,
                                              java.nio.file.Path exports) {
        VerdictApi.register(b, verdicts, queries, audit, clock, exports);
        return b;
    }

    /** Adds {@code GET /api/v1/alerts/{id}/track} (what the detector saw, timed against the alert's clip). */
    public static Router.Builder withTracks(Router.Builder b, AlertQueries queries, AlertTracks tracks) {
        return TrackApi.register(b, queries, tracks);
    }

    /**
     * Adds the drone flights' routes: {@code GET /api/v1/flights}, {@code GET /api/v1/flights/{id}},
     * {@code POST /api/v1/flights/{id}/cancel}.
     */
    public static Router.Builder withFlights(Router.Builder b, io.minewatch.server.flights.FlightService flights,
                                             AuditTrail audit) {
        return FlightApi.register(b, flights, audit);
    }

    /**
     * Adds the flight report (issue 16 item 6): {@code GET /api/v1/flights/{id}/report.geojson}, {@code
     * /report.kml}, {@code /evidence.zip} and {@code /findings/{alert}/snapshot}, roles analyst, command, admin.
     *
     * @param storage the storage folder (findings' snapshots are relative to it; exports are built in its
     *                {@code exports/})
     * @param audit   where evidence exports are recorded ({@code flight_exported})
     */
    public static Router.Builder withFlightReports(Router.Builder b, io.minewatch.server.flights.FlightReports flights,
                                                   java.nio.file.Path storage, AuditTrail audit) {
        return io.minewatch.server.flights.report.FlightReportApi.register(b, flights, storage, audit);
    }

    /**
     * Adds the case loop's routes (issue 18): {@code /api/v1/catalogue}, {@code /api/v1/admin/catalogue},
     * {@code /api/v1/cases...} (photos streamed to {@code incoming}, at most {@code maxPhotoBytes} each) and
     * {@code /api/v1/whistles...}; an official's cases are those of {@code teamsOf(official)}; catalogue imports
     * are audited to {@code audit}.
     */
    public static Router.Builder withCases(Router.Builder b, io.minewatch.alerts.cases.CaseDesk desk,
                                           Function<String, java.util.List<String>> teamsOf,
                                           java.nio.file.Path incoming, long maxPhotoBytes, AuditTrail audit) {
        return io.minewatch.server.cases.CaseRoutes.register(b, desk, teamsOf, incoming, maxPhotoBytes, audit);
    }

    /**
     * Adds the case loop's statistics (issue 18): {@code GET /api/v1/stats/cases}, {@code .xlsx} and {@code .pdf}
     * ({@code ?period=2026-11|2026-Q4}), roles admin, command, analyst, reviewer; exports audited.
     * The routes read the case settings in force ({@code inForce}, read at each request: the
     * districts registered while the server runs and an imported catalogue count at once), the county's name
     * from {@code MINEWATCH_REPORT_COUNTY} and the PDF font from {@code MINEWATCH_REPORT_FONT}.
     */
    public static Router.Builder withCaseStats(Router.Builder b, io.minewatch.alerts.store.Database database,
                                               io.minewatch.config.MinewatchConfig config,
                                               java.util.function.Supplier<io.minewatch.config.CasesConfig> inForce,
                                               AuditTrail audit) {
        String county = System.getenv("MINEWATCH_REPORT_COUNTY");
        return io.minewatch.server.reports.CaseStatsApi.register(b,
                new io.minewatch.alerts.cases.stats.CaseStatisticsReader(database, inForce),
                () -> io.minewatch.server.reports.ReportNames.of(inForce.get(), config, county),
                io.minewatch.server.reports.CjkFont.fromEnvironment(), audit);
    }
}
