package io.minewatch.detect.geo;

import io.minewatch.detect.infer.Box;
import java.util.Optional;

/** Places a detection on the ground: a flight's telemetry, or a live drone's OSD position. */
@FunctionalInterface
public interface Geotagger {
    /**
     * @param streamOffsetS seconds from the start of the video to the frame of the box
     * @param box           the box, in detect-frame pixels
     * @param frameWidth    detect-frame width
     * @param frameHeight   detect-frame height
     * @return the position, or empty when nothing is known at that time
     */
    Optional<GeoFix> locate(double streamOffsetS, Box box, int frameWidth, int frameHeight);
}
