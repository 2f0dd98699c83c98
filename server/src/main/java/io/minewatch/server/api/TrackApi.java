package io.minewatch.server.api;

import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.alerts.track.AlertTracks;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /api/v1/alerts/{id}/track}: what the detector saw of an alert, with each point's time in
 * the alert's clip ({@link AlertTracks}). The alert's visibility rules apply: an official reads only
 * the alerts routed to them, any other alert is 404, as the alert itself is.
 */
final class TrackApi {
    private final AlertQueries queries;
    private final AlertTracks tracks;

    private TrackApi(AlertQueries queries, AlertTracks tracks) {
        this.queries = queries;
        this.tracks = tracks;
    }

    static Router.Builder register(Router.Builder b, AlertQueries queries, AlertTracks tracks) {
        TrackApi a = new TrackApi(queries, tracks);
        return b.get("/api/v1/alerts/{id}/track", Access.WATCHERS, a::track);
    }

    private void track(Call call) {
        String id = call.param("id");
        if (!queries.visible(id, AlertApi.scope(call.caller()))) {
            call.error(HttpResponseStatus.NOT_FOUND, "no such alert");
            return;
        }
        call.json(HttpResponseStatus.OK, tracks.track(id, null));
    }
}
