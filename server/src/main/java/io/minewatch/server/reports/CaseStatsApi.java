package io.minewatch.server.reports;

import io.minewatch.alerts.cases.stats.CaseStatistics;
import io.minewatch.alerts.cases.stats.CaseStatisticsReader;
import io.minewatch.alerts.cases.stats.Period;
import io.minewatch.alerts.cases.stats.StatisticsJson;
import io.minewatch.server.api.AuditTrail;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/stats/cases?period=2026-11|2026-Q4} (JSON), {@code /api/v1/stats/cases.xlsx} and
 * {@code /api/v1/stats/cases.pdf} (same parameter; built on the export thread; each export audited as
 * {@code case_stats_exported}). Roles admin, command, analyst, reviewer. {@code period} is required and
 * the only parameter; a bad one is a 400 naming it.
 */
public final class CaseStatsApi {
    private static final Logger log = LoggerFactory.getLogger(CaseStatsApi.class);
    /** Who reads the figures. */
    public static final Access READERS = Access.roles(Caller.ADMIN, Caller.COMMAND, Caller.ANALYST, Caller.REVIEWER);

    private final CaseStatisticsReader reader;
    private final java.util.function.Supplier<ReportNames> names;
    private final CjkFont font;
    private final AuditTrail audit;

    private CaseStatsApi(CaseStatisticsReader reader, java.util.function.Supplier<ReportNames> names, CjkFont font,
                         AuditTrail audit) {
        this.reader = reader;
        this.names = names;
        this.font = font;
        this.audit = audit;
    }

    /** @param names the groups' display names now (districts registered while the server runs included) */
    public static Router.Builder register(Router.Builder b, CaseStatisticsReader reader,
                                          java.util.function.Supplier<ReportNames> names, CjkFont font,
                                          AuditTrail audit) {
        if (!font.available()) {
            try {
                font.path();
            } catch (IllegalStateException e) {
                log.warn("reports: {}; /api/v1/stats/cases.pdf answers 500 until one is there", e.getMessage());
            }
        }
        CaseStatsApi a = new CaseStatsApi(reader, names, font, audit);
        return b.get("/api/v1/stats/cases", READERS, a::json)
                .export("/api/v1/stats/cases.xlsx", READERS, a::xlsx)
                .export("/api/v1/stats/cases.pdf", READERS, a::pdf);
    }

    private void json(Call call) {
        call.json(HttpResponseStatus.OK, StatisticsJson.of(reader.read(period(call))));
    }

    private void xlsx(Call call) {
        CaseStatistics s = reader.read(period(call));
        byte[] body = StatsWorkbook.write(s, names.get());
        audit.append(call.caller().id(), "case_stats_exported", "", "xlsx period=" + s.period().label());
        call.bytes(HttpResponseStatus.OK, StatsWorkbook.CONTENT_TYPE, body,
                "Content-Disposition", "attachment; filename=\"cases-" + s.period().label() + ".xlsx\"");
    }

    private void pdf(Call call) {
        CaseStatistics s = reader.read(period(call));
        Path file;
        try {
            file = font.path();
        } catch (IllegalStateException e) {
            log.warn("reports: {}", e.getMessage());
            call.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getMessage());
            return;
        }
        byte[] body;
        try {
            body = MonthlyReport.write(s, names.get(), file);
        } catch (UncheckedIOException e) {
            log.warn("reports: PDF report failed: {}", e.toString());
            call.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the PDF report failed: " + e.getMessage());
            return;
        }
        audit.append(call.caller().id(), "case_stats_exported", "", "pdf period=" + s.period().label());
        call.bytes(HttpResponseStatus.OK, MonthlyReport.CONTENT_TYPE, body,
                "Content-Disposition", "attachment; filename=\"cases-" + s.period().label() + ".pdf\"");
    }

    private Period period(Call call) {
        Map<String, List<String>> params = call.uri().parameters();
        io.minewatch.server.http.QueryParameters.only(params, java.util.Set.of("period"));
        List<String> v = params.get("period");
        try {
            return reader.period(v == null || v.isEmpty() ? null : v.get(0));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }
}
