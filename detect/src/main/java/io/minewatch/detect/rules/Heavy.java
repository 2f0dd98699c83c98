package io.minewatch.detect.rules;

import io.minewatch.detect.infer.Category;
import java.util.Set;

/** The categories that count as heavy machinery, whatever the model card calls them. */
public final class Heavy {
    /** heavy_vehicle, excavator, loader, dump_truck ({@link Category#heavy()}). */
    public static final Set<Category> CATEGORIES = Category.heavyCategories();

    private Heavy() {
    }

    /** Whether the category is heavy machinery; false for null. */
    public static boolean is(Category category) {
        return category != null && category.heavy();
    }

    /** Whether a category's wire name (as an event carries it) is heavy machinery. */
    public static boolean is(String category) {
        for (Category c : CATEGORIES) {
            if (c.wire().equals(category)) {
                return true;
            }
        }
        return false;
    }
}
