package io.minewatch.server.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.alerts.cases.Intake;
import io.minewatch.alerts.cases.OnSite;
import io.minewatch.alerts.cases.Outcome;
import io.minewatch.alerts.cases.Review;
import io.minewatch.server.http.BadRequest;
import io.minewatch.server.http.Call;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON bodies of the case routes, read into the desk's records: the shape and types are checked
 * here (unknown field, wrong type, too long: 400 naming the field); what the values mean (a known
 * matter, a team, a state) is the desk's to check. Limits: text fields 4,000 characters, ids and codes
 * 64, lists 50 items.
 */
final class CaseRequests {
    static final int MAX_TEXT = 4000;
    static final int MAX_ID = 64;
    static final int MAX_ITEMS = 50;
    /** Decimals read exactly: a penalty of 0.10 yuan is not 0.1000000000000000055. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private CaseRequests() {
    }

    /** The body as a JSON object with only the known fields. */
    static JsonNode body(Call call, Set<String> known) {
        String text = call.request().content().toString(StandardCharsets.UTF_8);
        JsonNode node;
        if (text.isBlank()) {
            throw new BadRequest("a JSON object body is required");
        }
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequest("body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("body must be a JSON object");
        }
        known(node, known, "");
        return node;
    }

    /** A body that may be empty ({@code dispatch}: {@code {team?}}). */
    static JsonNode optionalBody(Call call, Set<String> known) {
        return call.request().content().isReadable() && !call.request().content().toString(StandardCharsets.UTF_8)
                .isBlank() ? body(call, known) : JSON.createObjectNode();
    }

    static Intake intake(JsonNode b) {
        return new Intake(text(b, "source", MAX_ID), strings(b, "alerts", MAX_ID), text(b, "flight", MAX_ID),
                text(b, "finding", MAX_ID), text(b, "title", 200), text(b, "note", MAX_TEXT), number(b, "lat"),
                number(b, "lon"), text(b, "township", MAX_ID), text(b, "level", MAX_ID));
    }

    static final Set<String> INTAKE = Set.of("source", "alerts", "flight", "finding", "title", "note", "lat", "lon",
            "township", "level");
    static final Set<String> ON_SITE = Set.of("notes", "staff", "vehicles_sent", "inspection", "joint_action",
            "plates", "persons", "matters");
    static final Set<String> OUTCOME = Set.of("code", "kind", "notice_no", "penalty_yuan", "note");
    static final Set<String> REVIEW = Set.of("checklist", "note");

    static OnSite onSite(JsonNode b) {
        List<OnSite.MatterPick> picks = new ArrayList<>();
        JsonNode matters = array(b, "matters");
        for (int i = 0; i < matters.size(); i++) {
            JsonNode m = matters.get(i);
            String at = "matters[" + i + "]";
            if (!m.isObject()) {
                throw new BadRequest(at + " must be an object {code, level?}");
            }
            known(m, Set.of("code", "level"), at + ".");
            String code = text(m, "code", MAX_ID);
            if (code == null) {
                throw new BadRequest(at + ".code is required");
            }
            picks.add(new OnSite.MatterPick(code, text(m, "level", MAX_ID)));
        }
        return new OnSite(text(b, "notes", MAX_TEXT), count(b, "staff"), count(b, "vehicles_sent"),
                flag(b, "inspection"), flag(b, "joint_action"), strings(b, "plates", MAX_ID),
                strings(b, "persons", 200), picks);
    }

    /** {@code outcomes} of a close: a list of outcome objects. */
    static List<Outcome> outcomes(JsonNode b) {
        JsonNode list = array(b, "outcomes");
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "outcomes[" + i + "]";
            if (!o.isObject()) {
                throw new BadRequest(at + " must be an object {code, kind, notice_no, penalty_yuan, note}");
            }
            known(o, OUTCOME, at + ".");
            out.add(outcome(o, at + ".", text(o, "code", MAX_ID)));
        }
        return out;
    }

    /** A department's report: the whistle's matter is the code. */
    static Outcome report(JsonNode b, String code) {
        return outcome(b, "", code);
    }

    private static Outcome outcome(JsonNode o, String at, String code) {
        JsonNode p = o.get("penalty_yuan");
        BigDecimal penalty = null;
        if (p != null && !p.isNull()) {
            if (!p.isNumber()) {
                throw new BadRequest(at + "penalty_yuan must be a number (yuan, two decimals at most)");
            }
            penalty = p.decimalValue();
        }
        return new Outcome(code, named(o, "kind", at), named(o, "notice_no", at), penalty, named(o, "note", at));
    }

    private static String named(JsonNode o, String field, String at) {
        try {
            return text(o, field, field.equals("note") ? MAX_TEXT : 200);
        } catch (BadRequest e) {
            throw new BadRequest(at + e.getMessage());
        }
    }

    static Review review(JsonNode b) {
        JsonNode c = b.get("checklist");
        if (c == null || !c.isObject()) {
            throw new BadRequest("checklist must be an object {point: true|false}");
        }
        Map<String, Boolean> points = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isBoolean()) {
                throw new BadRequest("checklist." + clean(e.getKey()) + " must be true or false");
            }
            points.put(e.getKey(), e.getValue().booleanValue());
        }
        return new Review(points, text(b, "note", MAX_TEXT));
    }

    /** A string field, null when absent or null; 400 when not a string or longer than {@code max}. */
    static String text(JsonNode b, String field, int max) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequest(field + " must be a string");
        }
        if (v.asText().length() > max) {
            throw new BadRequest(field + " is longer than " + max + " characters");
        }
        return v.asText();
    }

    private static Double number(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new BadRequest(field + " must be a number (degrees)");
        }
        return v.doubleValue();
    }

    private static int count(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > 10_000) {
            throw new BadRequest(field + " must be a whole number from 0 to 10000");
        }
        return v.intValue();
    }

    private static boolean flag(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new BadRequest(field + " must be true or false");
        }
        return v.booleanValue();
    }

    private static JsonNode array(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return JSON.createArrayNode();
        }
        if (!v.isArray()) {
            throw new BadRequest(field + " must be a list");
        }
        if (v.size() > MAX_ITEMS) {
            throw new BadRequest(field + " has more than " + MAX_ITEMS + " items");
        }
        return v;
    }

    private static List<String> strings(JsonNode b, String field, int max) {
        JsonNode v = array(b, field);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isTextual() || s.asText().isBlank()) {
                throw new BadRequest(field + "[" + i + "] must be a non-empty string");
            }
            if (s.asText().length() > max) {
                throw new BadRequest(field + "[" + i + "] is longer than " + max + " characters");
            }
            out.add(s.asText());
        }
        return out;
    }

    private static void known(JsonNode node, Set<String> known, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new BadRequest("unknown field \"" + at + clean(f) + "\"; known: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** A name from the client, cut to 40 characters, control characters replaced. */
    static String clean(String s) {
        String k = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return k.replaceAll("\\p{Cntrl}", "?");
    }
}
