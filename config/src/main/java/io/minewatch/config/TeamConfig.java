package io.minewatch.config;

import java.util.List;
import java.util.Objects;

/**
 * A patrol team of a district (issue 18).
 *
 * @param id      team id, unique over all districts
 * @param name    display name (e.g. {@code 北片一队})
 * @param members ids of the officials in it: they sign in on the phone page and record the on-site step
 */
public record TeamConfig(String id, String name, List<String> members) {
    public TeamConfig {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        members = members == null ? List.of() : List.copyOf(members);
    }
}
