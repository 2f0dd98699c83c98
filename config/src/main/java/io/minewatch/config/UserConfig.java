package io.minewatch.config;

import java.util.Objects;
import java.util.Set;

/**
 * A user of the web console and HTTP API besides the officials ({@code users[]}). Exactly one of
 * {@code password} (plain text, normally {@code ${ENV:-default}}; hashed when the server starts) and
 * {@code passwordHash} (a stored Argon2id PHC string from {@code scripts/hash-password}) is set.
 * Neither is ever shown (see {@link #toString()}).
 *
 * @param role       {@value #ADMIN}, {@value #COMMAND}, {@value #ANALYST}, {@value #DEPARTMENT} (a city
 *                   department's user: sees only its whistles) or {@value #REVIEWER} (the legal office)
 * @param department the department's id, set exactly when the role is {@value #DEPARTMENT}
 */
public record UserConfig(String id, String name, String role, String password, String passwordHash,
                         String department) {
    public static final String ADMIN = "admin";
    public static final String COMMAND = "command";
    public static final String ANALYST = "analyst";
    public static final String DEPARTMENT = "department";
    public static final String REVIEWER = "reviewer";
    /** The roles a {@code users[]} entry may have (officials are {@code officials[]} entries). */
    public static final Set<String> ROLES = Set.of(ADMIN, COMMAND, ANALYST, DEPARTMENT, REVIEWER);

    public UserConfig {
        Objects.requireNonNull(id, "id");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("users: unknown role " + role
                    + " (admin, command, analyst, department or reviewer)");
        }
        if (DEPARTMENT.equals(role) != (department != null)) {
            throw new IllegalArgumentException("users." + id + ": department is required for role department, "
                    + "and only for it");
        }
        if ((password == null) == (passwordHash == null)) {
            throw new IllegalArgumentException("users." + id + ": give exactly one of password and password_hash");
        }
        name = name == null ? id : name;
    }

    /** A user of a role other than {@value #DEPARTMENT}. */
    public UserConfig(String id, String name, String role, String password, String passwordHash) {
        this(id, name, role, password, passwordHash, null);
    }

    @Override
    public String toString() {
        return "UserConfig[id=" + id + ", name=" + name + ", role=" + role
                + (department == null ? "" : ", department=" + department)
                + ", password=" + (password == null ? "null" : Redact.MASK)
                + ", passwordHash=" + (passwordHash == null ? "null" : Redact.MASK) + "]";
    }
}
