package io.minewatch.detect.ground;

import io.minewatch.config.DetectSettings.GroundConfig;

/**
 * A {@code ground_change} rule's parameters in the units the rule counts in (config:
 * {@link GroundConfig}; bounds are checked there).
 *
 * @param share           least share of the zone's watchable cells that must stay changed
 * @param observations    least observations the change must persist through
 * @param spanMillis      least capture time between the first and last of them
 * @param sampleMillis    capture time between two observations
 * @param bandHours       hours of the day each reference covers
 * @param referenceFrames observations averaged into a band's reference
 * @param cooldownMillis  after an alert, time before the zone may alert again
 * @param referenceMaxAgeMillis age after which a band's reference is rebuilt while no change builds up
 */
public record GroundSettings(double share, int observations, long spanMillis, long sampleMillis, int bandHours,
                             int referenceFrames, long cooldownMillis, long referenceMaxAgeMillis) {
    private static final long HOUR = 3_600_000L;

    /** The documented defaults. */
    public static final GroundSettings DEFAULT = of(GroundConfig.DEFAULT);

    public GroundSettings {
        if (bandHours < 1 || 24 % bandHours != 0) {
            throw new IllegalArgumentException("band_hours must divide 24, got " + bandHours);
        }
        if (referenceFrames < 2 || observations < 1 || sampleMillis < 1) {
            throw new IllegalArgumentException("reference_frames >= 2, observations >= 1, sample > 0");
        }
    }

    /** From a rule's config. */
    public static GroundSettings of(GroundConfig c) {
        return new GroundSettings(c.share(), c.observations(), Math.round(c.hours() * HOUR),
                Math.round(c.sampleMinutes() * 60_000), c.bandHours(), c.referenceFrames(),
                Math.round(c.cooldownHours() * HOUR), Math.round(c.referenceDays() * 24 * HOUR));
    }

    /** Bands in a day. */
    int bands() {
        return 24 / bandHours;
    }
}
