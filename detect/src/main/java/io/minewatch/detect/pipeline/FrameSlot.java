package io.minewatch.detect.pipeline;

import io.minewatch.detect.decode.SampledFrame;

/**
 * The hand-off between a camera's decode thread and its detect thread: one frame deep.
 *
 * <p>Live sources use {@link #offerLatest}: a newer frame replaces one the detector has not taken,
 * and the replaced frame is returned to be closed and counted. Files played as fast as possible
 * use {@link #put}, which waits, so not a frame is lost.
 */
final class FrameSlot {
    private SampledFrame frame;
    private boolean finished;

    /** Puts a frame in; returns the frame it replaced, or null. */
    synchronized SampledFrame offerLatest(SampledFrame next) {
        if (finished) {
            next.close();
            return null;
        }
        SampledFrame replaced = frame;
        frame = next;
        notifyAll();
        return replaced;
    }

    /** Waits for the slot to be empty, then puts a frame in. */
    synchronized void put(SampledFrame next) throws InterruptedException {
        while (frame != null && !finished) {
            wait();
        }
        if (finished) {
            next.close();
            return;
        }
        frame = next;
        notifyAll();
    }

    /** Waits for a frame; returns null once finished and empty. */
    synchronized SampledFrame take() throws InterruptedException {
        while (frame == null && !finished) {
            wait();
        }
        SampledFrame taken = frame;
        frame = null;
        notifyAll();
        return taken;
    }

    /** No more frames will come; a frame still waiting is delivered first. */
    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** Drops a waiting frame (on shutdown) and finishes. */
    synchronized void clear() {
        if (frame != null) {
            frame.close();
            frame = null;
        }
        finish();
    }
}
