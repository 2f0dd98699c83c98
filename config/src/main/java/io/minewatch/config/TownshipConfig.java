package io.minewatch.config;

import java.util.List;

/**
 * A township: its team (officials every alert of its sites also goes to) and its authority.
 *
 * @param id        the township's name as the sites' {@code township} key spells it
 * @param team      ids of the township team's officials
 * @param authority rules the township may handle itself; a rule outside it that a department
 *                  handles is whistled to that department. Empty: every rule is within its authority
 */
public record TownshipConfig(String id, List<String> team, List<String> authority) {

    public TownshipConfig {
        team = List.copyOf(team);
        authority = List.copyOf(authority);
    }

    /** Whether the township may handle matters of this rule itself. */
    public boolean mayHandle(String rule) {
        return authority.isEmpty() || authority.contains(rule);
    }
}
