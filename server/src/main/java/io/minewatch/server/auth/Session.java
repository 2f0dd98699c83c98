package io.minewatch.server.auth;

/**
 * A signed-in session: who, the CSRF token its state-changing requests must carry, and when it was
 * made and last used (clock millis). The session token itself is not kept here (the store keys
 * sessions by its SHA-256), so nothing that prints a session can leak it.
 */
public final class Session {
    private final String key;
    private final Caller caller;
    private final String csrf;
    private final long created;
    private volatile long lastUsed;

    Session(String key, Caller caller, String csrf, long created) {
        this.key = key;
        this.caller = caller;
        this.csrf = csrf;
        this.created = created;
        this.lastUsed = created;
    }

    String key() {
        return key;
    }

    public Caller caller() {
        return caller;
    }

    /** The CSRF token (header {@code X-CSRF-Token}); not a secret from its own user, who is given it. */
    public String csrf() {
        return csrf;
    }

    long created() {
        return created;
    }

    long lastUsed() {
        return lastUsed;
    }

    void touch(long now) {
        lastUsed = now;
    }

    @Override
    public String toString() {
        return "Session[" + caller.id() + "]";
    }
}
