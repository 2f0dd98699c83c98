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
