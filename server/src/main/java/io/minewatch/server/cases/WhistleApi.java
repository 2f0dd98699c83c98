package io.minewatch.server.cases;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.cases.CaseDesk;
import io.minewatch.alerts.cases.WhistleFilter;
import io.minewatch.alerts.cases.WhistleView;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;

/**
 * The departments' side of API v1: {@code GET /api/v1/whistles} (a department user: its own only,
 * whatever it asks), {@code POST /api/v1/whistles/{id}/ack} and {@code POST /api/v1/whistles/{id}/report}
 * (the department the whistle went to; another department's whistle is 404, as an unknown one).
 */
final class WhistleApi {
    private static final Set<String> REPORT = Set.of("kind", "notice_no", "penalty_yuan", "note");

    private final CaseDesk desk;
    private final CaseScope scope;

    private WhistleApi(CaseDesk desk, CaseScope scope) {
        this.desk = desk;
        this.scope = scope;
    }

    static Router.Builder register(Router.Builder b, CaseDesk desk, CaseScope scope) {
        WhistleApi a = new WhistleApi(desk, scope);
        return b.get("/api/v1/whistles", CaseScope.WHISTLES, CaseErrors.guarded(a::list))
                .post("/api/v1/whistles/{id}/ack", CaseScope.ANSWER, CaseErrors.guarded(a::ack))
                .post("/api/v1/whistles/{id}/report", CaseScope.ANSWER, CaseErrors.guarded(a::report));
    }

    private void list(Call call) {
        Caller caller = call.caller();
        WhistleFilter f = CaseQuery.whistles(call.uri().parameters(), caller.inDepartment() ? caller.department() : null);
        // The desk filters by department; kept to it here too, so that no other department's whistle leaks.
        call.json(HttpResponseStatus.OK, CaseJson.list("whistles", desk.whistles(f).stream()
                .filter(w -> f.department() == null || f.department().equals(w.department()))
                .map(CaseJson::whistle).toList()));
    }

    private void ack(Call call) {
        WhistleView w = scope.ownWhistle(call.caller(), call.param("id"));
        call.json(HttpResponseStatus.OK, CaseJson.whistle(desk.acknowledge(w.id(), call.caller().id())));
    }

    private void report(Call call) {
        WhistleView w = scope.ownWhistle(call.caller(), call.param("id"));
        JsonNode b = CaseRequests.body(call, REPORT);
        call.json(HttpResponseStatus.OK, CaseJson.whistle(desk.report(w.id(), CaseRequests.report(b, w.code()),
                call.caller().id())));
    }
}
