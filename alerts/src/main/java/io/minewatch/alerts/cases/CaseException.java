package io.minewatch.alerts.cases;

/** A refused step of the case loop; the message names the field or the state that refused it. */
public final class CaseException extends RuntimeException {
    /** NOT_FOUND → 404, INVALID → 400, CONFLICT (wrong state, already done) → 409. */
    public enum Kind { NOT_FOUND, INVALID, CONFLICT }

    private final Kind kind;

    public CaseException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
