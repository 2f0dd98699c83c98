package io.minewatch.detect.overlay;

/**
 * How a camera learns its overlay.
 *
 * @param enabled         whether the camera learns an overlay and drops detections inside it
 * @param sampleMicros    stream time between two looks (1.3 s: not a whole second, so a banner that
 *                        blinks on a whole-second rhythm is not always seen in the same phase)
 * @param refreshMicros   stream time between two rebuilds of the mask from what was seen
 * @param horizonSamples  looks the persistence average spans (its time constant)
 * @param warmupSamples   looks before a first mask is built
 * @param edgeContrast    least grey-level gradient (3x3 morphological) of an overlay stroke's edge
 * @param minPersistence  least share of looks in which a pixel must be a stroke edge
 * @param dropCoverage    least share of a detection's box inside the overlay for it to be dropped
 */
public record OverlaySettings(boolean enabled, long sampleMicros, long refreshMicros, int horizonSamples,
                              int warmupSamples, int edgeContrast, double minPersistence, double dropCoverage) {

    /** On; a look every 1.3 s, a new mask every 30 s, 40 looks' memory (about 50 s), first mask after 12 looks (16 s). */
    public static final OverlaySettings DEFAULT = new OverlaySettings(true, 1_300_000, 30_000_000, 40, 12, 90,
            0.3, 0.6);

    /** Off: no learning, nothing dropped. */
    public static final OverlaySettings OFF = new OverlaySettings(false, 1_300_000, 30_000_000, 40, 12, 90, 0.3, 0.6);

    public OverlaySettings {
        if (sampleMicros <= 0 || refreshMicros <= 0 || horizonSamples < 1 || warmupSamples < 1) {
            throw new IllegalArgumentException("overlay: sample, refresh, horizon and warm-up must be positive");
        }
        if (minPersistence <= 0 || minPersistence >= 1 || dropCoverage <= 0 || dropCoverage > 1) {
            throw new IllegalArgumentException("overlay: min persistence in (0,1), drop coverage in (0,1]");
        }
    }
}
