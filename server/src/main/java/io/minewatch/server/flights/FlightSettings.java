package io.minewatch.server.flights;

import java.nio.file.Path;

/**
 * How flights are processed: from the {@code flights:} section ({@code FlightsConfig}, see
 * {@link FlightWiring#settings}), plus the detect-frame width, which is not configurable.
 *
 * @param dir         where each flight's files are kept ({@code <dir>/<id>/}); default {@code <storage>/flights}
 * @param detectFps   detect frames per second of video (default 5, as cameras)
 * @param detectWidth detect-frame width in pixels, the height following the video's aspect (default 960:
 *                    the detector letterboxes to its own input anyway; this is the snapshots' size)
 */
public record FlightSettings(Path dir, double detectFps, int detectWidth) {
    public static final double DEFAULT_DETECT_FPS = 5;
    public static final int DEFAULT_DETECT_WIDTH = 960;

    public FlightSettings {
        if (!(detectFps > 0 && detectFps <= 30)) {
            throw new IllegalArgumentException("flights: detect_fps must be in (0, 30], got " + detectFps);
        }
        if (detectWidth < 64 || detectWidth > 4096) {
            throw new IllegalArgumentException("flights: detect width must be in [64, 4096], got " + detectWidth);
        }
    }

    /** The defaults, under this storage folder. */
    public static FlightSettings defaults(Path storage) {
        return new FlightSettings(storage.resolve("flights"), DEFAULT_DETECT_FPS, DEFAULT_DETECT_WIDTH);
    }
}
