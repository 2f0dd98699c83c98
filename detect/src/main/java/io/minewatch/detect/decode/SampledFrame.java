package io.minewatch.detect.decode;

import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoded BGR frame picked for detection. It owns its native pixels: whoever holds it last
 * closes it.
 *
 * @param bgr           8-bit BGR pixels at the camera's detect size
 * @param ptsMicros     time from the start of the stream (its container zero); loops keep counting up
 * @param captureTime   wall-clock capture time (files: when playback started plus the offset)
 * @param sequence      index of the decoded frame in the stream, counting frames not picked too
 */
public record SampledFrame(Mat bgr, long ptsMicros, Instant captureTime, long sequence)
        implements AutoCloseable {

    public double offsetSeconds() {
        return ptsMicros / 1_000_000.0;
    }

    @Override
    public void close() {
        bgr.close();
    }
}
