package io.minewatch.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.AlertJson;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.flights.FlightService;
import io.minewatch.server.flights.FlightStatus;
import io.minewatch.server.http.Access;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;

/**
 * Drone flights' processing: {@code GET /api/v1/flights} (newest first), {@code GET /api/v1/flights/{id}}
 * (state, progress, eta_s, frames, findings) and {@code POST /api/v1/flights/{id}/cancel}. Roles analyst,
 * command and admin (officials see the alerts routed to them, not flights); a cancel is audited.
 */
final class FlightApi {
    static final Access FLIGHT_ROLES = Access.roles(Caller.ADMIN, Caller.ANALYST, Caller.COMMAND);

    private final FlightService flights;
    private final AuditTrail audit;

    private FlightApi(FlightService flights, AuditTrail audit) {
        this.flights = flights;
        this.audit = audit;
    }

    static Router.Builder register(Router.Builder b, FlightService flights, AuditTrail audit) {
        FlightApi a = new FlightApi(flights, audit);
        return b.get("/api/v1/flights", FLIGHT_ROLES, a::list)
                .get("/api/v1/flights/{id}", FLIGHT_ROLES, a::one)
                .post("/api/v1/flights/{id}/cancel", FLIGHT_ROLES, a::cancel);
    }

    private void list(Call call) {
        ObjectNode out = AlertJson.mapper().createObjectNode();
        out.set("items", AlertJson.mapper().valueToTree(flights.list()));
        call.json(HttpResponseStatus.OK, out);
    }

    private void one(Call call) {
        Optional<FlightStatus> s = flights.status(call.param("id"));
        if (s.isEmpty()) {
            call.error(HttpResponseStatus.NOT_FOUND, "no such flight");
            return;
        }
        call.json(HttpResponseStatus.OK, AlertJson.mapper().valueToTree(s.get()));
    }

    private void cancel(Call call) {
        String id = call.param("id");
        switch (flights.cancel(id, call.caller().id())) {
            case NOT_FOUND -> call.error(HttpResponseStatus.NOT_FOUND, "no such flight");
            case ALREADY_OVER -> call.error(HttpResponseStatus.CONFLICT, "flight " + id + " is already over");
            case CANCELLED -> {
                audit.append(call.caller().id(), "flight_cancelled", "", "flight " + id);
                ObjectNode out = AlertJson.mapper().createObjectNode();
                out.put("id", id);
                out.put("cancelled", true);
                call.json(HttpResponseStatus.OK, out);
            }
            default -> throw new IllegalStateException();
        }
    }
}
