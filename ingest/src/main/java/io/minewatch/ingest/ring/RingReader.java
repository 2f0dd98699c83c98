package io.minewatch.ingest.ring;

import io.minewatch.ingest.rtp.AccessUnit;

/**
 * One consumer's position in a {@link PreRollRing}. Not thread-safe: one per consumer thread.
 * After falling behind it continues at the oldest key frame held; {@link #jumped()} says so once.
 */
public final class RingReader {
    private final PreRollRing ring;
    long position;
    long skipped;
    boolean jumped;

    RingReader(PreRollRing ring, long position) {
        this.ring = ring;
        this.position = position;
    }

    /** The next access unit, waiting up to {@code timeoutMillis}; null on timeout or when the ring is closed. */
    public AccessUnit next(long timeoutMillis) throws InterruptedException {
        return ring.take(this, timeoutMillis);
    }

    /** The next access unit if one is there now, else null (never waits). */
    public AccessUnit poll() {
        return ring.poll(this);
    }

    /** True once the ring is closed: no more access units will come. */
    public boolean closed() {
        return ring.isClosed();
    }

    /** Access units this reader missed because it fell behind. */
    public long skipped() {
        return skipped;
    }

    /** True (once) when the last read skipped ahead: the consumer should restart decoding at this key frame. */
    public boolean jumped() {
        boolean j = jumped;
        jumped = false;
        return j;
    }
}
