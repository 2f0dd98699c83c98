package io.minewatch.server.flights;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The running flight's progress, counted on the pool's worker as each frame is judged and read by the
 * progress tick: frames judged, the offset of the last, and the rate so far for the ETA. Thread-safe.
 */
final class FlightProgress {
    private final double durationS;
    private final double resumedAtS;
    private final long startNanos;
    private final AtomicLong frames;
    private final AtomicLong doneMicros;

    FlightProgress(double durationS, double resumedAtS, long framesBefore, long startNanos) {
        this.durationS = durationS;
        this.resumedAtS = resumedAtS;
        this.startNanos = startNanos;
        this.frames = new AtomicLong(framesBefore);
        this.doneMicros = new AtomicLong(Math.round(resumedAtS * 1e6));
    }

    /** A frame at this offset is judged (frames of one lane are judged in order). */
    void judged(long ptsMicros) {
        frames.incrementAndGet();
        doneMicros.accumulateAndGet(ptsMicros, Math::max);
    }

    long frames() {
        return frames.get();
    }

    /** Video seconds judged: where a restart resumes. */
    double doneS() {
        return doneMicros.get() / 1e6;
    }

    /** Share of the video judged, 0..1. */
    double share() {
        return durationS <= 0 ? 0 : Math.min(1, doneS() / durationS);
    }

    /** Seconds left at the rate so far, or null before there is a rate. */
    Double etaS(long nowNanos) {
        double done = doneS() - resumedAtS;
        double elapsed = (nowNanos - startNanos) / 1e9;
        if (done <= 0 || elapsed <= 0 || durationS <= 0) {
            return null;
        }
        double left = Math.max(0, durationS - doneS());
        return Math.round(left / (done / elapsed) * 10) / 10.0;
    }
}
