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
 * @param sourcePtsMicros the access unit's own presentation time ({@code AccessUnit.ptsMicros}, RTP time from
 *                      the first access unit of its connection), or -1 for sources without one (files)
 * @param epoch         the access unit's connection ({@code AccessUnit.epoch}), or -1
 */
public record SampledFrame(Mat bgr, long ptsMicros, Instant captureTime, long sequence, long sourcePtsMicros,
                           int epoch) implements AutoCloseable {

    /** A frame without an access unit behind it (files, tests). */
    public SampledFrame(Mat bgr, long ptsMicros, Instant captureTime, long sequence) {
        this(bgr, ptsMicros, captureTime, sequence, -1, -1);
    }

    public double offsetSeconds() {
        return ptsMicros / 1_000_000.0;
    }

    @Override
    public void close() {
        bgr.close();
    }
}
