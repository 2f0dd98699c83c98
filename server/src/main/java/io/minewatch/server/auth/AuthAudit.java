package io.minewatch.server.auth;

/**
 * Where sign-ins, failures, throttling and sign-outs are recorded: the evidence side's audit log in the
 * server. Never given a password, secret or session token.
 */
@FunctionalInterface
public interface AuthAudit {
    /**
     * @param actor   the user id (or {@code unknown} for a name that is no account)
     * @param action  {@code login}, {@code login_failed}, {@code login_throttled}, {@code logout},
     *                {@code sessions_ended} (a registry official removed or its secret or role changed)
     * @param subject the client's address (for {@code sessions_ended}: {@code by <admin> (<count>)})
     */
    void record(String actor, String action, String subject);
}
