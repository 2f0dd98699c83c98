package io.minewatch.alerts.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filters and page of {@code GET /api/v1/alerts}, validated: every rejection is an
 * {@link IllegalArgumentException} whose message names the parameter.
 *
 * @param state  open | acknowledged | closed, or null for any
 * @param site   site id, or null
 * @param camera camera id, or null
 * @param rule   rule name, or null
 * @param level  quick | tough | emergency, or null
 * @param since  created at or after (inclusive), or null
 * @param until  created before (exclusive), or null
 * @param limit  page size, 1..{@value #MAX_LIMIT}
 * @param cursor the position after which the page starts, or null for the newest
 * @param verdict the latest analyst verdict: confirmed | false_alarm | none (not judged yet), or null for any
 */
public record AlertFilter(String state, String site, String camera, String rule, String level, Instant since,
        Instant until, int limit, PageCursor cursor, String verdict) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    public static final Set<String> STATES = Set.of("open", "acknowledged", "closed");
    public static final Set<String> LEVELS = Set.of("quick", "tough", "emergency");
    public static final Set<String> VERDICTS = Set.of("confirmed", "false_alarm", "none");
    public static final Set<String> PARAMETERS = Set.of("state", "site", "camera", "rule", "level", "since", "until",
            "limit", "cursor", "verdict");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** No filter, the default page size. */
    public static final AlertFilter ALL = new AlertFilter(null, null, null, null, null, null, null, DEFAULT_LIMIT,
            null, null);

    /** A filter without a verdict condition (the shape before verdicts existed). */
    public AlertFilter(String state, String site, String camera, String rule, String level, Instant since,
            Instant until, int limit, PageCursor cursor) {
        this(state, site, camera, rule, level, since, until, limit, cursor, null);
    }

    public AlertFilter {
        oneOf("state", state, STATES);
        oneOf("verdict", verdict, VERDICTS);
        oneOf("level", level, LEVELS);
        id("site", site);
        id("camera", camera);
        id("rule", rule);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until");
        }
    }

    /**
     * The filter of a query string as Netty's {@code QueryStringDecoder.parameters()} gives it: unknown
     * parameters, repeated ones, and bad values are refused with the parameter's name.
     */
    public static AlertFilter parse(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            if (!PARAMETERS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown parameter " + printable(e.getKey()) + "; known: "
                        + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            if (e.getValue().size() > 1) {
                throw new IllegalArgumentException(e.getKey() + " given more than once");
            }
        }
        String limit = value(parameters, "limit");
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit must be a whole number between 1 and " + MAX_LIMIT);
            }
        }
        String cursor = value(parameters, "cursor");
        return new AlertFilter(value(parameters, "state"), value(parameters, "site"), value(parameters, "camera"),
                value(parameters, "rule"), value(parameters, "level"), instant(parameters, "since"),
                instant(parameters, "until"), n, cursor == null ? null : PageCursor.decode(cursor),
                value(parameters, "verdict"));
    }

    /** The same filter, starting after {@code next}. */
    public AlertFilter after(PageCursor next) {
        return new AlertFilter(state, site, camera, rule, level, since, until, limit, next, verdict);
    }

    /** The same filter with another page size (the CSV export reads in the largest pages). */
    public AlertFilter withLimit(int pageSize) {
        return new AlertFilter(state, site, camera, rule, level, since, until, pageSize, cursor, verdict);
    }

    private static String value(Map<String, List<String>> parameters, String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    private static Instant instant(Map<String, List<String>> parameters, String name) {
        String v = value(parameters, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 UTC time such as 2026-05-01T06:30:00Z");
        }
    }

    private static void oneOf(String name, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(name + " must be one of " + String.join(", ",
                    allowed.stream().sorted().toList()));
        }
    }

    private static void id(String name, String value) {
        if (value != null && !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not an id (letters, digits, _ . -; at most 64)");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return "\"" + cut.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
