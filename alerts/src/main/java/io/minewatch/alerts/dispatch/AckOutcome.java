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
