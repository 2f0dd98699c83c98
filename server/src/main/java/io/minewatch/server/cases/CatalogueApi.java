package io.minewatch.server.cases;

import io.minewatch.alerts.cases.CaseDesk;
import io.minewatch.alerts.cases.CatalogueView;
import io.minewatch.server.api.AuditTrail;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The authority catalogue: {@code GET /api/v1/catalogue} (every role: matters, delegated lists,
 * districts and teams, checklist, departments) and {@code POST /api/v1/admin/catalogue} (admin: a CSV
 * or YAML file, at most the server's 64 KiB body bound, replaces the imported catalogue; the desk checks
 * it whole and changes nothing on an error, which names the line and field; an import is audited).
 */
final class CatalogueApi {
    private final CaseDesk desk;
    private final AuditTrail audit;

    private CatalogueApi(CaseDesk desk, AuditTrail audit) {
        this.desk = desk;
        this.audit = audit;
    }

    /** @param audit where an import is recorded ({@code catalogue_imported}: format, matters, townships) */
    static Router.Builder register(Router.Builder b, CaseDesk desk, AuditTrail audit) {
        CatalogueApi a = new CatalogueApi(desk, audit);
        return b.get("/api/v1/catalogue", CaseScope.CATALOGUE, CaseErrors.guarded(a::read))
                .post("/api/v1/admin/catalogue", CaseScope.CATALOGUE_ADMIN, CaseErrors.guarded(a::replace));
    }

    private void read(Call call) {
        call.json(HttpResponseStatus.OK, CaseJson.catalogue(desk.catalogue()));
    }

    private void replace(Call call) {
        String format = format(call.request().headers().get(HttpHeaderNames.CONTENT_TYPE));
        String text = call.request().content().toString(StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new BadRequest("the catalogue file is empty");
        }
        CatalogueView now = desk.importCatalogue(text, format, call.caller().id());
        audit.append(call.caller().id(), "catalogue_imported", "", format + ", " + now.matters().size() + " matter(s), "
                + now.delegated().size() + " township list(s)");
        call.json(HttpResponseStatus.OK, CaseJson.catalogue(now));
    }

    /** {@code csv} for text/csv, {@code yaml} for application/yaml (or x-yaml, text/yaml); else 400. */
    static String format(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv" -> "csv";
            case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" -> "yaml";
            default -> throw new BadRequest("Content-Type must be text/csv or application/yaml (the catalogue's format)");
        };
    }
}
