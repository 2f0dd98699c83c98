package io.minewatch.ingest.push;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows Digest guessing per remote address, across all of its connections: once an address has failed,
 * each further attempt from it (right or wrong, so an early answer tells nothing) is judged only after
 * a delay that doubles with every failure (up to {@link PushLimits#maxDelay}), and attempts from one
 * address are answered one after another, so opening more connections does not buy more guesses. Remembers at most {@value #MAX_ADDRESSES}
 * addresses; past that, the newcomers share one entry. Thread-safe.
 */
public final class AuthThrottle {
    /** The most addresses remembered. */
    public static final int MAX_ADDRESSES = 4096;
    /** How many maximum delays of waiting attempts an address may queue before further ones are refused. */
    static final int QUEUE_DELAYS = 4;

    private final PushLimits limits;
    private final Map<InetAddress, Entry> entries = new HashMap<>();
    private final Entry overflow = new Entry();

    private static final class Entry {
        int failures;
        long lastFailure;
        long slot;
    }

    public AuthThrottle(PushLimits limits) {
        this.limits = limits;
    }

    /**
     * Reserves the answer time of an attempt from an address arriving now, and counts it as a failure
     * until {@link #forgive} says otherwise (so attempts sent at once on many connections pay for each
     * other); returns how many nanoseconds to wait before judging and answering it (0 when the
     * address has no recent failure and nothing pending), or -1 when the address's queue already
     * reaches {@value #QUEUE_DELAYS} maximum delays ahead: the attempt is then refused unheard.
     */
    public synchronized long reserve(InetAddress address, long now) {
        Entry e = entry(address, now, true);
        long at = Math.max(now, e.slot) + delay(e.failures);
        if (at - now > QUEUE_DELAYS * limits.maxDelay().toNanos()) {
            return -1;
        }
        e.slot = at;
        e.failures = Math.min(e.failures + 1, 62);
        e.lastFailure = now;
        return at - now;
    }

    /** Takes back the failure counted by {@link #reserve} for an attempt that was not a failed guess. */
    public synchronized void forgive(InetAddress address, long now) {
        Entry e = entry(address, now, false);
        if (e != null && e.failures > 0) {
            e.failures--;
        }
    }

    /** Records a failed attempt from an address that was not reserved (on an authenticated connection). */
    public synchronized void failed(InetAddress address, long now) {
        Entry e = entry(address, now, true);
        e.failures = Math.min(e.failures + 1, 62);
        e.lastFailure = now;
    }

    /** The delay after this many failures. */
    long delay(int failures) {
        long first = limits.firstDelay().toNanos();
        long max = limits.maxDelay().toNanos();
        if (failures <= 0) {
            return 0;
        }
        long d = first;
        for (int i = 1; i < failures && d < max; i++) {
            d *= 2;
        }
        return Math.min(d, max);
    }

    /** How many addresses are remembered (for tests and the bound). */
    public synchronized int size() {
        return entries.size();
    }

    private Entry entry(InetAddress address, long now, boolean create) {
        if (address == null) {
            return overflow;
        }
        Entry e = entries.get(address);
        if (e != null && now - e.lastFailure > limits.forgetAfter().toNanos() && now >= e.slot) {
            entries.remove(address);
            e = null;
        }
        if (e != null) {
            return e;
        }
        if (!create) {
            return entries.size() >= MAX_ADDRESSES ? overflow : null;
        }
        if (entries.size() >= MAX_ADDRESSES) {
            entries.values().removeIf(x -> now - x.lastFailure > limits.forgetAfter().toNanos() && now >= x.slot);
            if (entries.size() >= MAX_ADDRESSES) {
                return overflow;
            }
        }
        e = new Entry();
        entries.put(address, e);
        return e;
    }
}
