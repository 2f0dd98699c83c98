package io.minewatch.server.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.cases.CaseDesk;
import io.minewatch.alerts.cases.CaseFilter;
import io.minewatch.alerts.cases.CaseView;
import io.minewatch.alerts.cases.Intake;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.Call;
import io.minewatch.server.http.Refused;
import io.minewatch.server.http.Router;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cases of API v1: {@code GET|POST /api/v1/cases}, {@code GET /api/v1/cases/{id}} and the steps
 * {@code POST /api/v1/cases/{id}/dispatch|on-site|close|review}. Every answer is the whole case
 * ({@link CaseJson}). An official opens cases by hand only (hotline, patrol), lists and reads only their
 * teams' cases and records on site or closes only those; anything else is 404 to them.
 */
final class CaseApi {
    /** The sources an official may open a case from (hand intake). */
    static final Set<String> BY_HAND = Set.of("hotline", "patrol");
    private final CaseDesk desk;
    private final CaseScope scope;

    private CaseApi(CaseDesk desk, CaseScope scope) {
        this.desk = desk;
        this.scope = scope;
    }

    static Router.Builder register(Router.Builder b, CaseDesk desk, CaseScope scope) {
        CaseApi a = new CaseApi(desk, scope);
        return b.get("/api/v1/cases", CaseScope.READ, CaseErrors.guarded(a::list))
                .post("/api/v1/cases", CaseScope.OPEN, CaseErrors.guarded(a::open))
                .get("/api/v1/cases/{id}", CaseScope.READ, CaseErrors.guarded(a::detail))
                .post("/api/v1/cases/{id}/dispatch", CaseScope.DISPATCH, CaseErrors.guarded(a::dispatch))
                .post("/api/v1/cases/{id}/on-site", CaseScope.TEAM, CaseErrors.guarded(a::onSite))
                .post("/api/v1/cases/{id}/close", CaseScope.TEAM, CaseErrors.guarded(a::close))
                .post("/api/v1/cases/{id}/review", CaseScope.REVIEW, CaseErrors.guarded(a::review));
    }

    private void list(Call call) {
        CaseFilter f = CaseQuery.cases(call.uri().parameters());
        List<String> teams = scope.teams(call.caller());
        List<CaseView> found;
        if (teams == null) {
            found = desk.list(f);
        } else if (f.team() != null) {
            found = teams.contains(f.team()) ? desk.list(f) : List.of();
        } else {
            found = ofTeams(f, teams);
        }
        ObjectNode page = CaseJson.object();
        ArrayNode cases = page.putArray("cases");
        found.forEach(c -> cases.add(CaseJson.caseView(c)));
        page.put("next", found.size() == f.limit() ? found.get(found.size() - 1).id() : null);
        call.json(HttpResponseStatus.OK, page);
    }

    /** An official's list: each of their teams' pages merged, newest first, cut to the limit. */
    private List<CaseView> ofTeams(CaseFilter f, List<String> teams) {
        Map<String, CaseView> merged = new LinkedHashMap<>();
        for (String team : teams) {
            for (CaseView c : desk.list(new CaseFilter(f.state(), f.township(), f.district(), team, f.source(),
                    f.since(), f.until(), f.before(), f.limit()))) {
                merged.putIfAbsent(c.id(), c);
            }
        }
        List<CaseView> all = new ArrayList<>(merged.values());
        all.sort(Comparator.comparingLong(CaseView::openedAt).thenComparing(CaseView::id).reversed());
        return all.size() > f.limit() ? all.subList(0, f.limit()) : all;
    }

    private void open(Call call) {
        JsonNode b = CaseRequests.body(call, CaseRequests.INTAKE);
        Intake intake = CaseRequests.intake(b);
        if (call.caller().official() && !BY_HAND.contains(intake.source())) {
            // An official may not see every alert or flight: opening a case from one would tell them of it.
            throw new Refused(HttpResponseStatus.FORBIDDEN, "an official opens cases by hand only (source hotline or "
                    + "patrol); the command centre opens them from alerts and flights");
        }
        CaseView c = desk.open(intake, call.caller().id());
        call.json(HttpResponseStatus.CREATED, CaseJson.caseView(c), "Location", "/api/v1/cases/" + c.id());
    }

    private void detail(Call call) {
        call.json(HttpResponseStatus.OK, CaseJson.caseView(scope.visibleCase(call.caller(), call.param("id"))));
    }

    private void dispatch(Call call) {
        JsonNode b = CaseRequests.optionalBody(call, Set.of("team"));
        String id = call.param("id");
        CaseView c = desk.dispatch(id, CaseRequests.text(b, "team", CaseRequests.MAX_ID), call.caller().id());
        call.json(HttpResponseStatus.OK, CaseJson.caseView(c));
    }

    private void onSite(Call call) {
        String id = teamCase(call.caller(), call.param("id"));
        JsonNode b = CaseRequests.body(call, CaseRequests.ON_SITE);
        call.json(HttpResponseStatus.OK, CaseJson.caseView(desk.onSite(id, CaseRequests.onSite(b),
                call.caller().id())));
    }

    private void close(Call call) {
        String id = teamCase(call.caller(), call.param("id"));
        JsonNode b = CaseRequests.body(call, Set.of("outcomes"));
        call.json(HttpResponseStatus.OK, CaseJson.caseView(desk.close(id, CaseRequests.outcomes(b),
                call.caller().id())));
    }

    private void review(Call call) {
        JsonNode b = CaseRequests.body(call, CaseRequests.REVIEW);
        call.json(HttpResponseStatus.OK, CaseJson.caseView(desk.review(call.param("id"), CaseRequests.review(b),
                call.caller().id())));
    }

    /** The case id, when the caller may act for its team (an official: a member of it); else 404. */
    private String teamCase(Caller caller, String id) {
        return scope.visibleCase(caller, id).id();
    }
}
