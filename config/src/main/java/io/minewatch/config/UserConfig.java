package io.minewatch.config;

import java.util.Objects;
import java.util.Set;

/**
 * A user of the web console and HTTP API besides the officials ({@code users[]}). Exactly one of
 * {@code password} (plain text, normally {@code ${ENV:-default}}; hashed when the server starts) and
 * {@code passwordHash} (a stored Argon2id PHC string from {@code scripts/hash-password}) is set.
 * Neither is ever shown (see {@link #toString()}).
 *
 * @param role {@value #ADMIN}, {@value #COMMAND} or {@value #ANALYST}
 */
public record UserConfig(String id, String name, String role, String password, String passwordHash) {
    public static final String ADMIN = "admin";
    public static final String COMMAND = "command";
    public static final String ANALYST = "analyst";
    /** The roles a {@code users[]} entry may have (officials are {@code officials[]} entries). */
    public static final Set<String> ROLES = Set.of(ADMIN, COMMAND, ANALYST);

    public UserConfig {
        Objects.requireNonNull(id, "id");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("users: unknown role " + role + " (admin, command or analyst)");
        }
        if ((password == null) == (passwordHash == null)) {
            throw new IllegalArgumentException("users." + id + ": give exactly one of password and password_hash");
        }
        name = name == null ? id : name;
    }

    @Override
    public String toString() {
        return "UserConfig[id=" + id + ", name=" + name + ", role=" + role
                + ", password=" + (password == null ? "null" : Redact.MASK)
                + ", passwordHash=" + (passwordHash == null ? "null" : Redact.MASK) + "]";
    }
}
