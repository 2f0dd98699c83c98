package io.minewatch.config;

import java.util.List;

/**
 * A city department that takes matters outside a township's authority ("whistles").
 *
 * @param id    department id, used in the topic {@code whistles/<department>}
 * @param name  display name
 * @param rules the rules (matters) it handles
 */
public record DepartmentConfig(String id, String name, List<String> rules) {

    public DepartmentConfig {
        rules = List.copyOf(rules);
    }
}
