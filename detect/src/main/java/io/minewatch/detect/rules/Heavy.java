package io.minewatch.detect.rules;

import java.util.Set;

/** The categories that count as heavy machinery, whatever the model card calls them. */
public final class Heavy {
    /** heavy_vehicle, excavator, loader, dump_truck. */
    public static final Set<String> CATEGORIES = Set.of("heavy_vehicle", "excavator", "loader", "dump_truck");

    private Heavy() {
    }

    public static boolean is(String category) {
        return CATEGORIES.contains(category);
    }
}
