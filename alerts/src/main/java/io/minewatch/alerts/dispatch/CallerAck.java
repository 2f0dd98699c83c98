package io.minewatch.alerts.dispatch;

import io.minewatch.alerts.escalation.AckParser;

/**
 * An acknowledgement from a signed-in caller ({@code POST /api/v1/alerts/{id}/ack}); the actor comes
 * from the session, never from the request body.
 *
 * @param alertId   the alert (from the path)
 * @param actor     the caller's id, written as the actor of the audit row and the event message
 * @param anyAlert  true for command and admin (may ack any alert); false for an official (only routed ones)
 * @param action    ack | on_my_way | false_alarm | resolved
 * @param note      optional, at most {@value #MAX_NOTE} characters
 */
public record CallerAck(String alertId, String actor, boolean anyAlert, String action, String note) {

    /** Longest note accepted over HTTP, characters. */
    public static final int MAX_NOTE = 500;

    /** Largest request body accepted, bytes. */
    public static final int MAX_BODY = 4096;

    /**
     * The ack in a request body {@code {"action": "...", "note": "..."}}; refuses (naming what is wrong)
     * a body that is too large, not a JSON object, has other fields, or a non-string action or note.
     * Action and note values are checked by {@link AlertDispatcher#ack(CallerAck)} (BAD_INPUT).
     */
    public static CallerAck parse(String alertId, String actor, boolean anyAlert, byte[] body) {
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException("body larger than " + MAX_BODY + " bytes");
        }
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = io.minewatch.alerts.AlertJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object {\"action\": ..., \"note\": ...}");
        }
        for (java.util.Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("action") && !f.equals("note")) {
                throw new IllegalArgumentException("unknown field in body (only action and note)");
            }
        }
        com.fasterxml.jackson.databind.JsonNode action = n.get("action");
        com.fasterxml.jackson.databind.JsonNode note = n.get("note");
        if (action == null || !action.isTextual()) {
            throw new IllegalArgumentException("action must be one of ack, on_my_way, false_alarm, resolved");
        }
        if (note != null && !note.isNull() && !note.isTextual()) {
            throw new IllegalArgumentException("note must be a string");
        }
        String text = note == null || note.isNull() || note.asText().isEmpty() ? null : note.asText();
        return new CallerAck(alertId, actor, anyAlert, action.asText(), text);
    }

    /** Why the ack is malformed, or null when it may be applied. */
    public String problem() {
        if (action == null || !AckParser.ACTIONS.contains(action)) {
            return "action must be one of ack, on_my_way, false_alarm, resolved";
        }
        if (note != null && note.length() > MAX_NOTE) {
            return "note longer than " + MAX_NOTE + " characters";
        }
        if (actor == null || actor.isEmpty() || actor.length() > 64) {
            return "actor missing";
        }
        if (alertId == null || alertId.isEmpty() || alertId.length() > 64) {
            return "alert id missing or too long";
        }
        return null;
    }
}
