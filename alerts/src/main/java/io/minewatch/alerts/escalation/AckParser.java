package io.minewatch.alerts.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.schema.Payloads;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/** Reads and validates an inbound acknowledgement ({@code minewatch.ack/1}); every rejection says why. */
public final class AckParser {

    /** Largest ack payload accepted. */
    public static final int MAX_BYTES = 4096;
    /** Largest note accepted, characters. */
    public static final int MAX_NOTE = 1000;
    /** The actions an official may send. */
    public static final Set<String> ACTIONS = Set.of("ack", "on_my_way", "false_alarm", "resolved");
    private static final Set<String> FIELDS = Set.of("schema", "official", "action", "note", "alert", "time",
            "msg_id");

    private AckParser() {
    }

    /** A malformed ack; the message is the logged reason. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The ack for {@code alertId} (from the topic), or why it is rejected. */
    public static Payloads.Ack parse(String alertId, byte[] payload) throws Rejected {
        if (payload.length > MAX_BYTES) {
            throw new Rejected("payload of " + payload.length + " bytes exceeds " + MAX_BYTES);
        }
        JsonNode n;
        try {
            n = AlertJson.mapper().readTree(payload);
        } catch (IOException e) {
            throw new Rejected("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Rejected("not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new Rejected("unknown field \"" + f + "\"");
            }
        }
        if (!Payloads.ACK.equals(text(n, "schema"))) {
            throw new Rejected("schema must be \"" + Payloads.ACK + "\"");
        }
        String official = text(n, "official");
        if (official == null || !official.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}")) {
            throw new Rejected("official missing or not an official id");
        }
        String action = text(n, "action");
        if (action == null || !ACTIONS.contains(action)) {
            throw new Rejected("action must be one of ack, on_my_way, false_alarm, resolved");
        }
        String note = n.has("note") && !n.get("note").isNull() ? text(n, "note") : null;
        if (n.has("note") && !n.get("note").isNull() && note == null) {
            throw new Rejected("note must be a string");
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw new Rejected("note longer than " + MAX_NOTE + " characters");
        }
        String alert = text(n, "alert");
        if (alert != null && !alert.equals(alertId)) {
            throw new Rejected("alert in the payload differs from the topic's");
        }
        return new Payloads.Ack(Payloads.ACK, official, action, note, alertId);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
