package io.minewatch.alerts.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An analyst's verdict on an alert, validated: every rejection is an {@link IllegalArgumentException}
 * whose message names the field.
 *
 * @param verdict  {@code confirmed} or {@code false_alarm}
 * @param reason   why a false alarm: overlay, shadow, light_vehicle, parked, other; null for confirmed
 * @param category the corrected category (a card category such as {@code excavator}), or null
 * @param boxNorm  the right box [x1,y1,x2,y2] as fractions of the frame, or null
 * @param note     free text, at most {@value #MAX_NOTE} characters, or null
 */
public record Verdict(String verdict, String reason, String category, List<Double> boxNorm, String note) {

    public static final Set<String> VERDICTS = Set.of("confirmed", "false_alarm");
    public static final Set<String> REASONS = Set.of("overlay", "shadow", "light_vehicle", "parked", "other");
    public static final Set<String> FIELDS = Set.of("verdict", "reason", "category", "box_norm", "note");
    public static final int MAX_NOTE = 500;
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public Verdict {
        if (verdict == null) {
            throw new IllegalArgumentException("verdict is required: confirmed or false_alarm");
        }
        if (!VERDICTS.contains(verdict)) {
            throw new IllegalArgumentException("verdict must be confirmed or false_alarm");
        }
        if ("false_alarm".equals(verdict) && reason == null) {
            throw new IllegalArgumentException("reason is required for false_alarm: one of " + sorted(REASONS));
        }
        if ("confirmed".equals(verdict) && reason != null) {
            throw new IllegalArgumentException("reason is only for false_alarm");
        }
        if (reason != null && !REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + sorted(REASONS));
        }
        if (category != null && !CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("category must be a category name (lower-case letters, digits, _;"
                    + " at most 64)");
        }
        if (boxNorm != null) {
            boxNorm = List.copyOf(boxNorm);
            if (boxNorm.size() != 4) {
                throw new IllegalArgumentException("box_norm must be [x1, y1, x2, y2]");
            }
            double x1 = boxNorm.get(0);
            double y1 = boxNorm.get(1);
            double x2 = boxNorm.get(2);
            double y2 = boxNorm.get(3);
            if (!(x1 >= 0 && y1 >= 0 && x2 <= 1 && y2 <= 1 && x1 < x2 && y1 < y2)) {
                throw new IllegalArgumentException("box_norm must be fractions of the frame with 0 <= x1 < x2 <= 1"
                        + " and 0 <= y1 < y2 <= 1");
            }
        }
        if (note != null) {
            if (note.length() > MAX_NOTE) {
                throw new IllegalArgumentException("note is longer than " + MAX_NOTE + " characters");
            }
            if (note.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t')) {
                throw new IllegalArgumentException("note holds control characters");
            }
            note = note.isBlank() ? null : note;
        }
    }

    public boolean falseAlarm() {
        return "false_alarm".equals(verdict);
    }

    /** The verdict of a request body: unknown fields and wrong types are refused naming the field. */
    public static Verdict parse(JsonNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                String shown = f.length() > 40 ? f.substring(0, 40) + "…" : f;
                throw new IllegalArgumentException("unknown field \"" + shown.replaceAll("\\p{Cntrl}", "?")
                        + "\"; known: " + sorted(FIELDS));
            }
        }
        List<Double> box = null;
        JsonNode b = body.get("box_norm");
        if (b != null && !b.isNull()) {
            if (!b.isArray()) {
                throw new IllegalArgumentException("box_norm must be [x1, y1, x2, y2]");
            }
            box = new ArrayList<>();
            for (JsonNode v : b) {
                if (!v.isNumber()) {
                    throw new IllegalArgumentException("box_norm must hold four numbers");
                }
                box.add(v.asDouble());
            }
        }
        return new Verdict(text(body, "verdict"), text(body, "reason"), text(body, "category"), box,
                text(body, "note"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asText().isEmpty() ? null : v.asText();
    }

    private static String sorted(Set<String> s) {
        return String.join(", ", s.stream().sorted().toList());
    }
}
