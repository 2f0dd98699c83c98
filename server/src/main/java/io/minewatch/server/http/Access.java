package io.minewatch.server.http;

import java.util.Set;

/**
 * Who may call a route: anyone ({@link #PUBLIC}), anyone signed in ({@link #SESSION}), or signed-in
 * callers with one of some roles ({@link #roles}). Without a session the answer is 401, with the wrong
 * role 403.
 *
 * @param open  no session needed
 * @param roles the roles allowed; empty: every signed-in role
 */
public record Access(boolean open, Set<String> roles) {
    public static final Access PUBLIC = new Access(true, Set.of());
    public static final Access SESSION = new Access(false, Set.of());
    /**
     * The roles that watch alerts and cameras (admin, command, analyst, reviewer, official): every alert,
     * camera, clip, site, flight and metrics route. A department user (issue 18) is refused them.
     */
    public static final Access WATCHERS = new Access(false,
            Set.of("admin", "command", "analyst", "reviewer", "official"));

    public Access {
        roles = Set.copyOf(roles);
    }

    /** Signed-in callers with one of these roles. */
    public static Access roles(String... allowed) {
        return new Access(false, Set.of(allowed));
    }

    /** Whether a signed-in caller with this role may call the route. */
    public boolean allows(String role) {
        return roles.isEmpty() || roles.contains(role);
    }
}
