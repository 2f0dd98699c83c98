package io.minewatch.server.cases;

import io.minewatch.alerts.cases.CaseDesk;
import io.minewatch.server.api.AuditTrail;
import io.minewatch.server.http.Router;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The case loop's routes of API v1, in one place for the composition root: the catalogue
 * ({@link CatalogueApi}), cases ({@link CaseApi}), photos ({@link PhotoApi}) and whistles
 * ({@link WhistleApi}), with the role rules of {@link CaseScope}. The statistics routes are not here.
 */
public final class CaseRoutes {
    private CaseRoutes() {
    }

    /**
     * @param desk     the case desk
     * @param teamsOf  an official's id to the ids of their teams ({@code config.cases().teamsOf})
     * @param incoming where photo bodies are written while they arrive
     * @param maxPhotoBytes one photo at most ({@code cases.max_photo_mb})
     * @param audit    the audit log (catalogue imports; the desk audits the case steps itself)
     */
    public static Router.Builder register(Router.Builder b, CaseDesk desk, Function<String, List<String>> teamsOf,
                                          Path incoming, long maxPhotoBytes, AuditTrail audit) {
        CaseScope scope = new CaseScope(desk, teamsOf);
        CatalogueApi.register(b, desk, audit);
        CaseApi.register(b, desk, scope);
        PhotoApi.register(b, desk, scope, incoming, maxPhotoBytes);
        return WhistleApi.register(b, desk, scope);
    }
}
