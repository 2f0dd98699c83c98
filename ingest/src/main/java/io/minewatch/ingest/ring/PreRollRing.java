package io.minewatch.ingest.ring;

import io.minewatch.ingest.rtp.AccessUnit;
import java.util.function.Consumer;

/**
 * The last seconds of one camera's access units, bounded in time, bytes and count, always starting
 * at a key frame.
 *
 * <p>One writer (the camera's event loop) appends; any number of {@link RingReader}s read the same
 * {@link AccessUnit} instances without copying. The lock is held only to move indexes, never while
 * waiting for a reader: a slow or dead reader cannot stall the writer — it falls behind, and on its
 * next read skips to the oldest key frame still held (counted as {@value #READER_BEHIND}).
 * Eviction drops whole groups of pictures from the head so the ring starts at a key frame.
 */
public final class PreRollRing {
    /** Drop reason: an access unit before the first key frame (of the ring or of a new connection). */
    public static final String NO_KEYFRAME = "no_keyframe";
    /** Drop reason: one access unit larger than the whole ring. */
    public static final String TOO_LARGE = "ring_too_large";
    /** Drop reason: a reader fell so far behind that its access units were evicted. */
    public static final String READER_BEHIND = "reader_behind";

    private final long maxMicros;
    private final long maxBytes;
    private final AccessUnit[] slots;
    private final Consumer<String> drops;
    private long first;
    private long next;
    private long bytes;
    private int lastEpoch = Integer.MIN_VALUE;
    private boolean needKey = true;
    private int waiting;
    private boolean closed;

    /**
     * @param seconds   how much to keep (by wall-clock capture time)
     * @param maxBytes  bound on the bytes held
     * @param maxUnits  bound on the number of access units held
     * @param drops     counts a drop by reason (called with the lock held: must be quick)
     */
    public PreRollRing(double seconds, long maxBytes, int maxUnits, Consumer<String> drops) {
        if (!(seconds > 0) || maxBytes <= 0 || maxUnits < 2) {
            throw new IllegalArgumentException("ring needs seconds > 0, bytes > 0 and at least 2 units");
        }
        this.maxMicros = (long) (seconds * 1_000_000);
        this.maxBytes = maxBytes;
        this.slots = new AccessUnit[maxUnits];
        this.drops = drops;
    }

    /** Appends an access unit, evicting the oldest groups of pictures as the bounds require. */
    public synchronized void write(AccessUnit au) {
        if (au.epoch() != lastEpoch) {
            lastEpoch = au.epoch();
            needKey = true;
        }
        if (needKey && !au.keyFrame()) {
            drops.accept(NO_KEYFRAME);
            return;
        }
        if (au.size() > maxBytes) {
            drops.accept(TOO_LARGE);
            needKey = true;
            return;
        }
        needKey = false;
        if (next - first == slots.length) {
            evictGroup();
        }
        slots[(int) (next % slots.length)] = au;
        next++;
        bytes += au.size();
        while (next - first > 1 && (bytes > maxBytes || span() > maxMicros)) {
            evictGroup();
        }
        if (waiting > 0) {
            notifyAll();
        }
    }

    private long span() {
        return slots[(int) ((next - 1) % slots.length)].wallMicros() - slots[(int) (first % slots.length)].wallMicros();
    }

    /** Removes the head access unit and everything up to the next key frame. */
    private void evictGroup() {
        do {
            int i = (int) (first % slots.length);
            bytes -= slots[i].size();
            slots[i] = null;
            first++;
        } while (first < next && !slots[(int) (first % slots.length)].keyFrame());
        if (first == next) {
            needKey = true;
        }
    }

    /** A reader positioned at the newest key frame held (or at the next one written). */
    public RingReader reader() {
        return new RingReader(this, latestKey());
    }

    /**
     * A reader positioned at the last key frame captured at or before {@code wallMicros} — the start
     * of a clip's pre-roll — or at the oldest held when all are later.
     */
    public synchronized RingReader readerAt(long wallMicros) {
        long position = first;
        for (long s = first; s < next; s++) {
            AccessUnit au = slots[(int) (s % slots.length)];
            if (au.wallMicros() > wallMicros) {
                break;
            }
            if (au.keyFrame()) {
                position = s;
            }
        }
        return new RingReader(this, position);
    }

    private synchronized long latestKey() {
        for (long s = next - 1; s >= first; s--) {
            if (slots[(int) (s % slots.length)].keyFrame()) {
                return s;
            }
        }
        return next;
    }

    /** Wakes every reader and makes them return null from now on. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** True once {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Access units held now. */
    public synchronized int size() {
        return (int) (next - first);
    }

    /** Seconds of capture time held now. */
    public synchronized double seconds() {
        return next == first ? 0 : span() / 1e6;
    }

    /** A snapshot of everything held, oldest (a key frame) first: the pre-roll of a clip. */
    public synchronized AccessUnit[] snapshot() {
        AccessUnit[] out = new AccessUnit[(int) (next - first)];
        for (long s = first; s < next; s++) {
            out[(int) (s - first)] = slots[(int) (s % slots.length)];
        }
        return out;
    }

    /**
     * The access unit at the reader's position, waiting up to {@code timeoutMillis}; moves the
     * position past it. Null on timeout or close.
     */
    synchronized AccessUnit take(RingReader r, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!closed) {
            AccessUnit au = next(r);
            if (au != null) {
                return au;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            waiting++;
            try {
                wait(left);
            } finally {
                waiting--;
            }
        }
        return null;
    }

    /** The access unit at the reader's position if there is one now (moving past it), else null; never waits. */
    synchronized AccessUnit poll(RingReader r) {
        return closed ? null : next(r);
    }

    private AccessUnit next(RingReader r) {
        if (r.position < first) {
            long lost = first - r.position;
            r.skipped += lost;
            drops.accept(READER_BEHIND);
            r.position = first;
            r.jumped = true;
        }
        if (r.position < next) {
            AccessUnit au = slots[(int) (r.position % slots.length)];
            r.position++;
            return au;
        }
        return null;
    }
}
