package io.minewatch.detect.infer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one model class becomes in a card's {@code categories} map: its category, and the lowest score
 * at which the server takes a detection of it. In YAML either the category alone, which keeps the
 * card's {@code min_score}, or both keys:
 *
 * <pre>
 * truck: heavy_vehicle
 * airplane: {category: heavy_vehicle, min_score: 0.6}
 * </pre>
 *
 * @param category the category the class maps to
 * @param minScore the class's own threshold in [0, 1]; 0 = the card's {@code min_score}. A class
 *                 threshold applies on top of the card's, never below it
 */
public record ClassMapping(@JsonProperty("category") Category category, @JsonProperty("min_score") float minScore) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ClassMapping {
        if (!(minScore >= 0f && minScore <= 1f)) {
            throw new IllegalArgumentException("min_score must be in [0, 1], got " + minScore);
        }
    }

    /** The short form: the category alone, at the card's {@code min_score}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ClassMapping of(String category) {
        return new ClassMapping(Category.of(category), 0f);
    }

    /** A class mapped at the card's {@code min_score}. */
    public static ClassMapping of(Category category) {
        return new ClassMapping(category, 0f);
    }
}
