package io.minewatch.server.api;

import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.server.cameras.CameraBoard;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Predicate;

/**
 * API v1 cameras: {@code GET /api/v1/cameras} (status, transport, last frame, detect fps, drops, codec)
 * and {@code GET /api/v1/cameras/{id}/snapshot} (the latest decoded frame as JPEG, encoded on request).
 * An official sees the cameras of the sites whose alerts may reach them.
 */
final class CameraApi {
    private final CameraBoard board;
    private final AlertQueries queries;

    private CameraApi(CameraBoard board, AlertQueries queries) {
        this.board = board;
        this.queries = queries;
    }

    static Router.Builder register(Router.Builder b, CameraBoard board, AlertQueries queries) {
        CameraApi c = new CameraApi(board, queries);
        return b.get("/api/v1/cameras", Access.SESSION, c::cameras)
                .get("/api/v1/cameras/{id}/snapshot", Access.SESSION, c::snapshot);
    }

    private Predicate<String> sites(Call call) {
        String official = AlertApi.scope(call.caller());
        return site -> queries.siteVisible(site, official);
    }

    private void cameras(Call call) {
        call.json(HttpResponseStatus.OK, board.cameras(sites(call)));
    }

    private void snapshot(Call call) {
        CameraBoard.Snapshot s = board.snapshot(call.param("id"), sites(call));
        switch (s.found()) {
            case JPEG -> call.bytes(HttpResponseStatus.OK, "image/jpeg", s.jpeg().bytes(), "Cache-Control", "no-store");
            case NO_FRAME -> call.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "no frame yet", "Retry-After", "1");
            default -> call.error(HttpResponseStatus.NOT_FOUND, "no such camera");
        }
    }
}
