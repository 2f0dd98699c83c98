package io.minewatch.server.cases;

import io.minewatch.alerts.cases.CaseFilter;
import io.minewatch.alerts.cases.CaseView;
import io.minewatch.alerts.cases.Intake;
import io.minewatch.alerts.cases.WhistleFilter;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.QueryParameters;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query strings of the case and whistle lists, read into the desk's filters: unknown or repeated
 * parameters, unknown states or sources, bad times and limits are 400 naming the parameter.
 */
final class CaseQuery {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Set<String> CASE_PARAMETERS = Set.of("state", "township", "district", "team", "source",
            "since", "until", "before", "limit");
    private static final Set<String> WHISTLE_PARAMETERS = Set.of("state", "overdue", "case", "limit");
    static final List<String> WHISTLE_STATES = List.of("issued", "acknowledged", "reported");
    private static final String ID = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private CaseQuery() {
    }

    static CaseFilter cases(Map<String, List<String>> params) {
        QueryParameters.only(params, CASE_PARAMETERS);
        Long since = time(params, "since");
        Long until = time(params, "until");
        if (since != null && until != null && since >= until) {
            throw new BadRequest("since must be before until");
        }
        return new CaseFilter(oneOf(params, "state", CaseView.STATES), id(params, "township"), id(params, "district"),
                id(params, "team"), oneOf(params, "source", Intake.SOURCES), since, until, id(params, "before"),
                limit(params));
    }

    /** @param department the caller's department (a department user), or null */
    static WhistleFilter whistles(Map<String, List<String>> params, String department) {
        QueryParameters.only(params, WHISTLE_PARAMETERS);
        String overdue = oneOf(params, "overdue", List.of("true", "false"));
        return new WhistleFilter(department, oneOf(params, "state", WHISTLE_STATES), id(params, "case"),
                overdue == null ? null : Boolean.valueOf(overdue), limit(params));
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    private static String id(Map<String, List<String>> params, String name) {
        String v = one(params, name);
        if (v != null && !v.matches(ID)) {
            throw new BadRequest(name + " is not an id (letters, digits, _ . -; at most 64)");
        }
        return v;
    }

    private static String oneOf(Map<String, List<String>> params, String name, List<String> allowed) {
        String v = one(params, name);
        if (v != null && !allowed.contains(v)) {
            throw new BadRequest(name + " must be one of " + String.join(", ", allowed));
        }
        return v;
    }

    private static Long time(Map<String, List<String>> params, String name) {
        String v = one(params, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be an ISO-8601 UTC time such as 2026-11-01T00:00:00Z");
        }
    }

    private static int limit(Map<String, List<String>> params) {
        String v = one(params, "limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > MAX_LIMIT) {
            throw new BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(v);
    }
}
