package io.minewatch.server.http;

import io.minewatch.server.auth.Caller;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's routes outside API v1: {@code GET /healthz} (public), {@code GET /metrics} (public only
 * with {@code http.metrics_public}), {@code GET /api/clips/{id}} and {@code GET /api/alerts/{id}/evidence.zip}
 * (signed in; an official only for alerts routed to them, else 404 as for an unknown alert).
 */
public final class CoreRoutes {
    private static final Logger log = LoggerFactory.getLogger(CoreRoutes.class);
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpRoutes routes;

    private CoreRoutes(HttpRoutes routes) {
        this.routes = routes;
    }

    /** Adds the routes to the table. */
    public static Router.Builder register(Router.Builder b, HttpRoutes routes, boolean metricsPublic) {
        CoreRoutes c = new CoreRoutes(routes);
        return b.get("/healthz", Access.PUBLIC, c::health)
                .get("/metrics", metricsPublic ? Access.PUBLIC : Access.WATCHERS, c::metrics)
                .get("/api/clips/{id}", Access.WATCHERS, c::clip)
                .export("/api/alerts/{id}/evidence.zip", Access.WATCHERS, c::evidence);
    }

    private void health(Call call) {
        HttpRoutes.Health health = routes.health();
        call.send(health.ok() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, Exchange.JSON,
                health.json());
    }

    private void metrics(Call call) {
        call.send(HttpResponseStatus.OK, PROMETHEUS, routes.metrics());
    }

    /** Whether the caller may see the alert: every role but official; an official when it is routed to them. */
    private boolean mayRead(Caller caller, String alertId) {
        return caller.seesAll() || routes.routed(alertId, caller.id());
    }

    /**
     * {@code GET /api/clips/{id}}: the answer is planned from one parse of the Range header; a GET
     * whose body starts at byte 0, or a client's first read of the clip in a while from any offset
     * ({@link ClipViews}), is audited (the caller's id as actor) before a byte is sent.
     */
    private void clip(Call call) throws IOException {
        String id = call.param("id");
        Optional<Path> file = mayRead(call.caller(), id) ? routes.clip(id) : Optional.empty();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            call.error(HttpResponseStatus.NOT_FOUND, "no clip for that alert");
            return;
        }
        FileResponder.Answer answer;
        try {
            answer = FileResponder.plan(call.request(), file.get(), "video/mp4");
        } catch (IOException e) {
            call.error(HttpResponseStatus.NOT_FOUND, "clip unreadable");
            return;
        }
        if (answer.body() && call.workers.views.audit(call.address(), id, answer.viewFromStart(), System.nanoTime())) {
            routes.clipViewed(id, call.caller().id());
        }
        try {
            call.exchange().send(answer);
        } catch (IOException e) {
            log.debug("http: clip {} could not be sent: {}", id, e.toString());
        }
    }

    /** {@code GET /api/alerts/{id}/evidence.zip}: built on the export thread, audited as an export by the caller. */
    private void evidence(Call call) {
        String id = call.param("id");
        if (!mayRead(call.caller(), id)) {
            call.error(HttpResponseStatus.NOT_FOUND, "no such alert");
            return;
        }
        Path zip = null;
        try {
            Optional<Path> made = routes.evidenceZip(id, call.caller().id());
            if (made.isEmpty()) {
                call.error(HttpResponseStatus.NOT_FOUND, "no such alert");
                return;
            }
            zip = made.get();
            call.file(zip, "application/zip");
        } catch (IOException e) {
            log.warn("http: evidence export of {} failed: {}", id, e.toString());
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
}
