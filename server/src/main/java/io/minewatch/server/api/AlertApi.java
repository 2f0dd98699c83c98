package io.minewatch.server.api;

import io.minewatch.alerts.dispatch.AckOutcome;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.dispatch.CallerAck;
import io.minewatch.alerts.query.AlertFilter;
import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * API v1 alerts: {@code GET /api/v1/alerts} (filters, keyset pages), {@code GET /api/v1/alerts/{id}},
 * {@code POST /api/v1/alerts/{id}/ack} and {@code GET /api/v1/alerts/{id}/snapshot}. An official sees
 * only the alerts routed to them; any other answers 404, as an unknown alert does.
 */
final class AlertApi {
    /** How long an HTTP ack waits for the alerts desk's thread before answering 503. */
    private static final long ACK_WAIT_S = 10;
    private static final Access ACKERS = Access.roles(Caller.ADMIN, Caller.COMMAND, Caller.OFFICIAL);

    private final AlertQueries queries;
    private final AlertDispatcher desk;

    private AlertApi(AlertQueries queries, AlertDispatcher desk) {
        this.queries = queries;
        this.desk = desk;
    }

    static Router.Builder register(Router.Builder b, AlertQueries queries, AlertDispatcher desk) {
        AlertApi a = new AlertApi(queries, desk);
        return b.get("/api/v1/alerts", Access.WATCHERS, a::list)
                .get("/api/v1/alerts/{id}", Access.WATCHERS, a::detail)
                .post("/api/v1/alerts/{id}/ack", ACKERS, a::ack)
                .get("/api/v1/alerts/{id}/snapshot", Access.WATCHERS, a::snapshot);
    }

    /** The official whose alerts the caller may see, or null for the roles that see every alert. */
    static String scope(Caller caller) {
        return caller.official() ? caller.id() : null;
    }

    private void list(Call call) {
        AlertFilter filter;
        try {
            filter = AlertFilter.parse(call.uri().parameters());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        call.json(HttpResponseStatus.OK, queries.list(filter, scope(call.caller())));
    }

    private void detail(Call call) {
        queries.detail(call.param("id"), scope(call.caller())).ifPresentOrElse(
                d -> call.json(HttpResponseStatus.OK, d),
                () -> call.error(HttpResponseStatus.NOT_FOUND, "no such alert"));
    }

    private void snapshot(Call call) throws java.io.IOException {
        Optional<Path> file = queries.snapshot(call.param("id"), scope(call.caller()));
        if (file.isEmpty() || !java.nio.file.Files.isRegularFile(file.get())) {
            call.error(HttpResponseStatus.NOT_FOUND, "no snapshot for that alert");
            return;
        }
        call.file(file.get(), "image/jpeg");
    }

    /** Applied on the desk's thread, as an MQTT ack is; the request thread waits for its outcome. */
    private void ack(Call call) throws InterruptedException {
        Caller caller = call.caller();
        String id = call.param("id");
        if (caller.official() && !queries.visible(id, caller.id())) {
            call.error(HttpResponseStatus.NOT_FOUND, "no such alert");
            return;
        }
        CallerAck ack;
        try {
            ack = CallerAck.parse(id, caller.id(), !caller.official(),
                    ByteBufUtil.getBytes(call.request().content()));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        AckOutcome outcome;
        try {
            outcome = desk.ack(ack).get(ACK_WAIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            call.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "the alerts desk is not answering; try again",
                    "Retry-After", "1");
            return;
        }
        call.json(HttpResponseStatus.valueOf(outcome.httpStatus()), outcome.body());
    }
}
