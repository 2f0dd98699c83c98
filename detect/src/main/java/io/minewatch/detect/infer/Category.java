package io.minewatch.detect.infer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an object is, as the rules understand it: the categories a model card maps its classes to, and
 * {@link #CAMERA} for events about the camera itself (tamper) and {@link #GROUND} for ground changes. The wire form — model cards, detection
 * events, alert payloads, label files — is the lower-case name ({@code heavy_vehicle}).
 */
public enum Category {
    /** Lorries, tankers, buses, construction machinery: what enforcement calls a heavy vehicle. */
    HEAVY_VEHICLE,
    EXCAVATOR,
    LOADER,
    DUMP_TRUCK,
    /** Light vehicles: cars, vans, pickups. */
    VEHICLE,
    PERSON,
    /** The camera's own view (blocked, blurred, moved); never a model card category. */
    CAMERA,
    /** The ground of a zone (ground_change: a new pit, a stockpile, a cut bank); never a model card category. */
    GROUND;

    private static final Set<Category> HEAVY = EnumSet.of(HEAVY_VEHICLE, EXCAVATOR, LOADER, DUMP_TRUCK);
    private static final Set<Category> CARD = EnumSet.complementOf(EnumSet.of(CAMERA, GROUND));

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The lower-case wire name, e.g. {@code heavy_vehicle}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether it counts as heavy machinery (heavy_vehicle, excavator, loader, dump_truck). */
    public boolean heavy() {
        return HEAVY.contains(this);
    }

    /** The categories a model card may map classes to (all but {@link #CAMERA} and {@link #GROUND}). */
    public static Set<Category> cardCategories() {
        return EnumSet.copyOf(CARD);
    }

    /** The heavy machinery categories. */
    public static Set<Category> heavyCategories() {
        return EnumSet.copyOf(HEAVY);
    }

    /**
     * The category of a wire name.
     *
     * @throws IllegalArgumentException if it names none, listing the names there are
     */
    @JsonCreator
    public static Category of(String wire) {
        for (Category c : values()) {
            if (c.wire.equals(wire)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + wire + "' is not a category, one of "
                + Arrays.stream(values()).map(Category::wire).collect(Collectors.joining(", ")));
    }

    /** The wire name, so that string building and logs read as before. */
    @Override
    public String toString() {
        return wire;
    }
}
