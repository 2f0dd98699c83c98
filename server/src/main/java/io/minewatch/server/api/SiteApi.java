package io.minewatch.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.config.HttpConfig;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * API v1 for the console's map: {@code GET /api/v1/sites} (coordinates and open alerts) and
 * {@code GET /api/v1/ui} (the configured map tiles, or none: the county's network may have no internet).
 */
final class SiteApi {
    private final AlertQueries queries;
    private final ObjectNode ui;

    private SiteApi(AlertQueries queries, HttpConfig http) {
        this.queries = queries;
        this.ui = JsonNodeFactory.instance.objectNode();
        ui.put("map_tiles", http.mapTiles());
        ui.put("map_attribution", http.mapAttribution());
    }

    static Router.Builder register(Router.Builder b, AlertQueries queries, HttpConfig http) {
        SiteApi s = new SiteApi(queries, http);
        return b.get("/api/v1/sites", Access.WATCHERS, s::sites)
                .get("/api/v1/ui", Access.SESSION, s::ui);
    }

    private void sites(Call call) {
        call.json(HttpResponseStatus.OK, queries.sites(AlertApi.scope(call.caller())));
    }

    private void ui(Call call) {
        call.json(HttpResponseStatus.OK, ui);
    }
}
