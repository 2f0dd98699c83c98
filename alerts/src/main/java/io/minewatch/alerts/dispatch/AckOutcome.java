package io.minewatch.alerts.dispatch;

/**
 * What became of a {@link CallerAck}. A route answers 200 {@code {"result":"accepted","state":...}} for
 * {@link Result#ACCEPTED}, 400 with {@link #error()} for {@link Result#BAD_INPUT}, 404 for
 * {@link Result#UNKNOWN_ALERT} and, for an official, {@link Result#NOT_ROUTED} (not revealing the alert).
 *
 * @param state the alert's new state when accepted (acknowledged | closed), else null
 * @param error why the input was refused (BAD_INPUT), else null
 */
public record AckOutcome(Result result, String state, String error) {

    public enum Result { ACCEPTED, NOT_ROUTED, UNKNOWN_ALERT, BAD_INPUT }

    /** The HTTP status of the answer: 200, 400, or 404 (unknown, or not routed to the official). */
    public int httpStatus() {
        return switch (result) {
            case ACCEPTED -> 200;
            case BAD_INPUT -> 400;
            case NOT_ROUTED, UNKNOWN_ALERT -> 404;
        };
    }

    /** The answer's body: {@code {"result":"accepted","state":...}} or {@code {"error":...}}. */
    public com.fasterxml.jackson.databind.node.ObjectNode body() {
        var o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        return switch (result) {
            case ACCEPTED -> o.put("result", "accepted").put("state", state);
            case BAD_INPUT -> o.put("error", error);
            case NOT_ROUTED, UNKNOWN_ALERT -> o.put("error", "no such alert");
        };
    }

    static AckOutcome accepted(String state) {
        return new AckOutcome(Result.ACCEPTED, state, null);
    }

    static AckOutcome of(Result result) {
        return new AckOutcome(result, null, null);
    }

    static AckOutcome bad(String error) {
        return new AckOutcome(Result.BAD_INPUT, null, error);
    }
}
