package io.minewatch.detect.decode;

/**
 * Decides which decoded frames go to the detector so that they arrive at a steady rate, whatever
 * the source's frame rate (variable-rate streams included).
 */
final class FrameSampler {
    private final long intervalMicros;
    private long nextDue = Long.MIN_VALUE;

    FrameSampler(double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be > 0: " + fps);
        }
        this.intervalMicros = Math.round(1_000_000.0 / fps);
    }

    /** True when the frame at this timestamp is due; frames are offered in decode order. */
    boolean take(long ptsMicros) {
        if (nextDue == Long.MIN_VALUE || ptsMicros >= nextDue) {
            // Step from the due time, not the frame time, so jitter does not lower the rate;
            // after a gap (or a jump back) restart from this frame.
            boolean inStep = nextDue != Long.MIN_VALUE && ptsMicros - nextDue < intervalMicros;
            nextDue = (inStep ? nextDue : ptsMicros) + intervalMicros;
            return true;
        }
        if (ptsMicros < nextDue - 10 * intervalMicros) {
            nextDue = ptsMicros + intervalMicros;
            return true;
        }
        return false;
    }
}
