package io.minewatch.server.api;

import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.server.cameras.CameraBoard;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.overlay.OverlayLearner;
import io.minewatch.detect.overlay.OverlayMask;

/**
 * API v1 cameras: {@code GET /api/v1/cameras} (status, transport, last frame, detect fps, drops, codec)
 * and {@code GET /api/v1/cameras/{id}/snapshot} (the latest decoded frame as JPEG, encoded on request).
 * An official sees the cameras of the sites whose alerts may reach them.
 */
final class CameraApi {
    private final CameraBoard board;
    private final AlertQueries queries;
    private final Function<String, Optional<OverlayLearner>> overlays;

    private CameraApi(CameraBoard board, AlertQueries queries, Function<String, Optional<OverlayLearner>> overlays) {
        this.board = board;
        this.queries = queries;
        this.overlays = overlays;
    }

    static Router.Builder register(Router.Builder b, CameraBoard board, AlertQueries queries,
                                   Function<String, Optional<OverlayLearner>> overlays) {
        CameraApi c = new CameraApi(board, queries, overlays);
        return b.get("/api/v1/cameras", Access.WATCHERS, c::cameras)
                .get("/api/v1/cameras/{id}/snapshot", Access.WATCHERS, c::snapshot)
                .get("/api/v1/cameras/{id}/overlay", Access.WATCHERS, c::overlay)
                .get("/api/v1/cameras/{id}/overlay.jpg", Access.WATCHERS, c::overlayImage);
    }

    /**
     * The camera's learnt overlay (its burned-in text): {@code {"camera","share","frame":[w,h],
     * "boxes_norm":[[x1,y1,x2,y2]...],"image": link | null}}; empty boxes before the first rebuild.
     */
    private void overlay(Call call) {
        String id = call.param("id");
        Optional<OverlayLearner> learner = board.visible(id, sites(call)) ? overlays.apply(id) : Optional.empty();
        if (learner.isEmpty()) {
            call.error(HttpResponseStatus.NOT_FOUND, "no such camera");
            return;
        }
        OverlayMask m = learner.get().mask();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("camera", id);
        o.put("share", Math.round(m.frameShare() * 10000) / 10000.0);
        o.putArray("frame").add(m.width()).add(m.height());
        ArrayNode boxes = o.putArray("boxes_norm");
        for (Box b : m.boxes()) {
            boxes.addArray().add(norm(b.x1(), m.width())).add(norm(b.y1(), m.height()))
                    .add(norm(b.x2(), m.width())).add(norm(b.y2(), m.height()));
        }
        if (learner.get().image() == null) {
            o.putNull("image");
        } else {
            o.put("image", "/api/v1/cameras/" + id + "/overlay.jpg");
        }
        call.json(HttpResponseStatus.OK, o);
    }

    private static double norm(float v, int size) {
        return size <= 0 ? 0 : Math.round(v / size * 10000) / 10000.0;
    }

    /** The frame of the overlay's last rebuild with its boxes drawn; 404 before the first rebuild. */
    private void overlayImage(Call call) {
        String id = call.param("id");
        Optional<OverlayLearner> learner = board.visible(id, sites(call)) ? overlays.apply(id) : Optional.empty();
        byte[] jpeg = learner.map(OverlayLearner::image).orElse(null);
        if (jpeg == null) {
            call.error(HttpResponseStatus.NOT_FOUND, "no overlay learnt for that camera yet");
            return;
        }
        call.bytes(HttpResponseStatus.OK, "image/jpeg", jpeg, "Cache-Control", "no-store");
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
