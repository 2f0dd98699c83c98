package io.minewatch.detect.zones;

/**
 * A named area of a camera's view.
 *
 * @param name    unique per camera; appears in events
 * @param kind    pit, road, stockpile, riverbank, or mask (motion and objects there are ignored)
 * @param polygon where, in normalised coordinates
 */
public record Zone(String name, String kind, Polygon polygon) {
    /** Kind of a zone whose motion and objects are ignored. */
    public static final String MASK = "mask";

    public boolean isMask() {
        return MASK.equals(kind);
    }
}
