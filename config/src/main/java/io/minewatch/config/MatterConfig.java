package io.minewatch.config;

import java.util.List;
import java.util.Objects;

/**
 * One matter of the authority catalogue (issue 18): something a case can be about, and who handles it.
 *
 * @param code  the catalogue's code (unique; letters, digits, {@code -_.})
 * @param name  the matter's name, Chinese first (e.g. {@code 非法占用农用地采砂})
 * @param owner {@value #TOWNSHIP} when townships handle it, else the id of the city department that owns
 *              it; a township handles a department's matter only when its delegated list names it
 * @param level default whistle level: quick, tough or emergency
 * @param rules detection rules whose alerts suggest this matter (e.g. {@code heavy_vehicle})
 */
public record MatterConfig(String code, String name, String owner, String level, List<String> rules) {
    public static final String TOWNSHIP = "township";

    public MatterConfig {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(owner, "owner");
        name = name == null ? code : name;
        level = level == null ? "quick" : level;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Whether townships own this matter (else a department does). */
    public boolean townships() {
        return TOWNSHIP.equals(owner);
    }
}
