package io.minewatch.server.auth;

import java.util.Objects;

/**
 * Who is asking: a signed-in user of the console or API (a {@code users[]} entry, or an
 * {@code officials[]} entry signing in with its id and secret).
 *
 * @param id   user or official id
 * @param name display name
 * @param role       {@value #ADMIN}, {@value #COMMAND}, {@value #ANALYST}, {@value #OFFICIAL},
 *                   {@value #DEPARTMENT} or {@value #REVIEWER}
 * @param department the department a {@value #DEPARTMENT} user answers for; null for the other roles
 */
public record Caller(String id, String name, String role, String department) {
    public static final String ADMIN = "admin";
    public static final String COMMAND = "command";
    public static final String ANALYST = "analyst";
    public static final String OFFICIAL = "official";
    /** A city department's user (issue 18): sees only its department's whistles, never alerts or cameras. */
    public static final String DEPARTMENT = "department";
    /** The legal office (issue 18): reviews closed case files; sees every alert and case. */
    public static final String REVIEWER = "reviewer";

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        name = name == null ? id : name;
        if (DEPARTMENT.equals(role) != (department != null)) {
            throw new IllegalArgumentException("a department user names its department, and only it");
        }
    }

    /** A caller of any role but {@value #DEPARTMENT}. */
    public Caller(String id, String name, String role) {
        this(id, name, role, null);
    }

    /** True for an official: sees only the alerts routed to them. */
    public boolean official() {
        return OFFICIAL.equals(role);
    }

    /** True for the roles that see every alert and camera (admin, command, analyst, reviewer). */
    public boolean seesAll() {
        return ADMIN.equals(role) || COMMAND.equals(role) || ANALYST.equals(role) || REVIEWER.equals(role);
    }

    /** True for a city department's user. */
    public boolean inDepartment() {
        return DEPARTMENT.equals(role);
    }
}
