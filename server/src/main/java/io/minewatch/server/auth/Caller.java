package io.minewatch.server.auth;

import java.util.Objects;

/**
 * Who is asking: a signed-in user of the console or API (a {@code users[]} entry, or an
 * {@code officials[]} entry signing in with its id and secret).
 *
 * @param id   user or official id
 * @param name display name
 * @param role {@value #ADMIN}, {@value #COMMAND}, {@value #ANALYST} or {@value #OFFICIAL}
 */
public record Caller(String id, String name, String role) {
    public static final String ADMIN = "admin";
    public static final String COMMAND = "command";
    public static final String ANALYST = "analyst";
    public static final String OFFICIAL = "official";

    public Caller {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        name = name == null ? id : name;
    }

    /** True for an official: sees only the alerts routed to them. */
    public boolean official() {
        return OFFICIAL.equals(role);
    }

    /** True for the roles that see every alert and camera (admin, command, analyst). */
    public boolean seesAll() {
        return !official();
    }
}
