package io.minewatch.server.api;

/** The evidence audit log, as the API's routes write to it (verdicts, exports); never given a secret. */
@FunctionalInterface
public interface AuditTrail {
    /**
     * @param actor   the caller's id
     * @param action  e.g. {@code verdict}, {@code alerts_exported}
     * @param alert   the alert id, or "" for none
     * @param subject what was done or asked (a verdict, a filter)
     */
    void append(String actor, String action, String alert, String subject);
}
