package io.minewatch.ingest.clip;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * Gives decode timestamps to packets that carry only presentation times, as RTP delivers them.
 *
 * <p>Without B-frames presentation order is decode order and DTS = PTS. With B-frames the packets'
 * PTS jump back; the i-th DTS is then the i-th smallest PTS, moved back by a fixed delay so that no
 * DTS passes its PTS. The first few packets are held back to see whether the stream reorders before
 * the delay is chosen; the delay then stays fixed, so DTS only grows.
 */
final class DtsRebuilder<P> {
    /** Packets held back: more than any reorder depth H.264/H.265 encoders use in practice. */
    static final int LOOKAHEAD = 4;

    private final ArrayDeque<Pending<P>> pending = new ArrayDeque<>();
    private final PriorityQueue<Long> unassigned = new PriorityQueue<>();
    private final BiConsumer<P, long[]> out;
    private long delay = -1;
    private long lastPts = Long.MIN_VALUE;
    private long lastDts = Long.MIN_VALUE;
    private long lastDuration = 0;
    private boolean reordered;

    /** @param out receives each packet with {pts, dts, duration}, in decode order */
    DtsRebuilder(BiConsumer<P, long[]> out) {
        this.out = out;
    }

    void add(P packet, long pts) {
        if (lastPts != Long.MIN_VALUE && pts < lastPts) {
            reordered = true;
        }
        lastPts = pts;
        pending.add(new Pending<>(packet, pts));
        unassigned.add(pts);
        if (pending.size() > LOOKAHEAD) {
            emit();
        }
    }

    /** Emits everything held back (end of clip). */
    void flush() {
        while (!pending.isEmpty()) {
            emit();
        }
    }

    private void emit() {
        if (delay < 0) {
            delay = reordered ? 2 * typicalInterval() : 0;
        }
        Pending<P> p = pending.poll();
        long dts = unassigned.poll() - delay;
        if (lastDts != Long.MIN_VALUE && dts <= lastDts) {
            dts = lastDts + 1;
        }
        dts = Math.min(dts, p.pts);
        lastDts = dts;
        // The next packet's DTS is the next smallest PTS moved back by the delay: the gap is this
        // packet's duration, which the muxer needs for the last packet of each fragment.
        Long next = unassigned.peek();
        long duration = next != null && next - delay > dts ? next - delay - dts : lastDuration;
        lastDuration = duration;
        out.accept(p.packet, new long[] {p.pts, dts, duration});
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
