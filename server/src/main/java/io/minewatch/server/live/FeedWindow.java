package io.minewatch.server.live;

/**
 * The newest feed messages, for clients that catch up: at most {@code maxMessages} and
 * {@code maxBytes} of frames; older ones are dropped. Positions count every message ever appended,
 * so a client's cursor stays valid while the window moves. Used by the hub's thread only.
 */
final class FeedWindow {
    private final FeedMessage[] ring;
    private final long maxBytes;
    private long base;
    private long end;
    private long bytes;
    /** Every feed message with a seq above this is in the window (those at or below may be gone). */
    private long horizon;

    FeedWindow(int maxMessages, long maxBytes, long horizon) {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("live feed window must hold at least one message");
        }
        this.ring = new FeedMessage[maxMessages];
        this.maxBytes = maxBytes;
        this.horizon = horizon;
    }

    /** Appends a message (seqs increase); drops the oldest past either bound. */
    void append(FeedMessage m) {
        while (end - base >= ring.length || (end > base && bytes + m.wire().length > maxBytes)) {
            dropOldest();
        }
        ring[(int) (end % ring.length)] = m;
        end++;
        bytes += m.wire().length;
    }

    private void dropOldest() {
        int i = (int) (base % ring.length);
        FeedMessage old = ring[i];
        ring[i] = null;
        base++;
        bytes -= old.wire().length;
        horizon = old.seq();
    }

    /** Position of the oldest message kept. */
    long base() {
        return base;
    }

    /** Position after the newest message. */
    long end() {
        return end;
    }

    /** The message at a position in {@code [base, end)}. */
    FeedMessage at(long position) {
        if (position < base || position >= end) {
            throw new IndexOutOfBoundsException("position " + position + " not in [" + base + ", " + end + ")");
        }
        return ring[(int) (position % ring.length)];
    }

    /** Whether every feed message after {@code seq} is still here. */
    boolean covers(long seq) {
        return seq >= horizon;
    }

    /** The seq of the oldest message kept, or the horizon + 1 when empty. */
    long oldestSeq() {
        return end > base ? at(base).seq() : horizon + 1;
    }

    /** The position of the first message with a seq above {@code seq} (binary search). */
    long firstAfter(long seq) {
        long lo = base;
        long hi = end;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (at(mid).seq() <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int size() {
        return (int) (end - base);
    }
}
