package io.minewatch.ingest.clip;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * Gives decode timestamps to packets that carry only presentation times, as RTP delivers them, and
 * makes any camera's timestamps muxable.
 *
 * <p>Without B-frames presentation order is decode order and DTS = PTS. With B-frames the packets'
 * PTS jump back; the i-th DTS is then the i-th smallest PTS, moved back by a fixed delay so that no
 * DTS passes its PTS. The first few packets are held back to see whether the stream reorders before
 * the delay is chosen.
 *
 * <p>Real cameras' clocks step back and jitter (VLC's server steps back about 16,700 ticks now and
 * then). Whatever comes in, what goes out has strictly increasing DTS and PTS ≥ DTS, so the muxer
 * never refuses a packet for its timestamps: a step back that no reordering explains (half a frame or
 * more in a stream without B-frames, or below the last DTS given with them) shifts the timeline so that
 * the stream continues one frame later and keeps its length; a smaller disorder (jitter) moves the
 * packet just after the one before, or moves DTS up by a tick and, if need be, PTS up to its DTS. Each such change is counted ({@link #corrections()}).
 */
public final class DtsRebuilder<P> {
    /** Packets held back: more than any reorder depth H.264/H.265 encoders use in practice. */
    static final int LOOKAHEAD = 4;

    private final ArrayDeque<Pending<P>> pending = new ArrayDeque<>();
    private final PriorityQueue<Long> unassigned = new PriorityQueue<>();
    private final BiConsumer<P, long[]> out;
    private long delay = -1;
    private long lastPts = Long.MIN_VALUE;
    private long maxPts = Long.MIN_VALUE;
    private long lastDts = Long.MIN_VALUE;
    private long lastDuration = 0;
    private long interval = 0;
    private long offset;
    private boolean reordered;
    private long corrections;

    /** @param out receives each packet with {pts, dts, duration}, in decode order */
    public DtsRebuilder(BiConsumer<P, long[]> out) {
        this.out = out;
    }

    /** Adds a packet presented at {@code rawPts}; may emit the oldest held back. */
    public void add(P packet, long rawPts) {
        long pts = rawPts + offset;
        if (lastPts != Long.MIN_VALUE) {
            long back = lastPts - pts;
            // Without B-frames a packet at least half a frame before the one before is a step back of
            // the clock (the next frame was due a frame later: the clock lost back + one interval).
            boolean stepped = delay == 0 ? back >= Math.max(1, interval / 2)
                    : lastDts != Long.MIN_VALUE && pts <= lastDts;
            if (stepped) {
                // The camera's clock went back: continue one frame after the latest time seen.
                long target = maxPts + Math.max(1, interval);
                offset += target - pts;
                pts = target;
                corrections++;
            } else if (delay == 0 && back >= 0) {
                // Jitter (under half a frame back, or the same time again) in a stream without B-frames.
                pts = lastPts + Math.max(1, interval / 4);
                corrections++;
            } else if (back > 0) {
                reordered = true;
            } else if (back < 0) {
                long step = -back;
                // A running average of the steps forward: one frame interval, jitter smoothed out.
                interval = interval == 0 ? step : interval + (step - interval) / 8;
            }
        }
        lastPts = pts;
        maxPts = Math.max(maxPts, pts);
        pending.add(new Pending<>(packet, pts));
        unassigned.add(pts);
        if (pending.size() > LOOKAHEAD) {
            emit();
        }
    }

    /** Emits everything held back (end of clip). */
    public void flush() {
        while (!pending.isEmpty()) {
            emit();
        }
    }

    /** Timestamps changed so far to keep the stream muxable. */
    public long corrections() {
        return corrections;
    }

    private void emit() {
        if (delay < 0) {
            delay = reordered ? 2 * typicalInterval() : 0;
        }
        Pending<P> p = pending.poll();
        long pts = p.pts;
        long dts = unassigned.poll() - delay;
        boolean corrected = false;
        if (lastDts != Long.MIN_VALUE && dts <= lastDts) {
            dts = lastDts + 1;
            corrected = true;
        }
        if (pts < dts) {
            // Never present before decoding: when the DTS had to move up, the PTS follows.
            if (lastDts == Long.MIN_VALUE) {
                dts = pts;
            } else {
                pts = dts;
                corrected = true;
            }
        }
        if (corrected) {
            corrections++;
        }
        lastDts = dts;
        // The next packet's DTS is the next smallest PTS moved back by the delay: the gap is this
        // packet's duration, which the muxer needs for the last packet of each fragment.
        Long next = unassigned.peek();
        long duration = next != null && next - delay > dts ? next - delay - dts : Math.max(1, lastDuration);
        lastDuration = duration;
        out.accept(p.packet, new long[] {pts, dts, duration});
    }

    /** The smallest positive gap between held-back PTS values: one frame interval. */
    private long typicalInterval() {
        Long[] sorted = unassigned.toArray(new Long[0]);
        java.util.Arrays.sort(sorted);
        long best = Long.MAX_VALUE;
        for (int i = 1; i < sorted.length; i++) {
            long gap = sorted[i] - sorted[i - 1];
            if (gap > 0 && gap < best) {
                best = gap;
            }
        }
        return best == Long.MAX_VALUE ? 1 : best;
    }

    private record Pending<P>(P packet, long pts) {
    }
}
