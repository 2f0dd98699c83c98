package io.minewatch.detect.motion;

/**
 * Thresholds of the motion gate.
 *
 * @param threshold   grey-level difference (1..255) from the background model that counts as change
 * @param minArea     share of the frame a changed contour must cover to count as motion
 * @param width       width of the downscaled grey frame the gate works on (Frigate works at ~100 rows)
 * @param alpha       background learning rate per frame (0..1): higher forgets faster
 * @param wholeShare  share of changed pixels above which the whole view is taken as changed
 *                    (light switched, camera moved) and the background starts again
 */
public record MotionSettings(int threshold, double minArea, int width, double alpha, double wholeShare) {
    /** Defaults: difference 25, contours of at least 0.05 % of the frame, 160 px wide, alpha 0.05. */
    public static final MotionSettings DEFAULT = new MotionSettings(25, 0.0005, 160, 0.05, 0.6);

    public MotionSettings {
        if (threshold < 1 || threshold > 255) {
            throw new IllegalArgumentException("threshold must be 1..255, got " + threshold);
        }
        if (!(minArea > 0 && minArea < 1)) {
            throw new IllegalArgumentException("minArea must be in (0, 1), got " + minArea);
        }
        if (width < 16 || width > 1920) {
            throw new IllegalArgumentException("width must be 16..1920, got " + width);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (!(wholeShare > 0 && wholeShare <= 1)) {
            throw new IllegalArgumentException("wholeShare must be in (0, 1], got " + wholeShare);
        }
    }

    /** These settings with another threshold and minimum area (a camera's config). */
    public MotionSettings with(int newThreshold, double newMinArea) {
        return new MotionSettings(newThreshold, newMinArea, width, alpha, wholeShare);
    }
}
