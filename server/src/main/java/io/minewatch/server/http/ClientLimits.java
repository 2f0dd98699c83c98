package io.minewatch.server.http;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many requests each client (remote address, never a header it sends) has in progress, and the
 * limit on it. A request holds its permit until its answer is sent, a download until its last byte.
 * Addresses with nothing in progress are forgotten, so the map is no larger than the open connections.
 */
final class ClientLimits {
    private final int max;
    private final Map<InetAddress, Integer> inProgress = new ConcurrentHashMap<>();

    ClientLimits(int max) {
        this.max = max;
    }

    /** A permit for one more request of this client, or null when it has {@code max} in progress. */
    Permit tryAcquire(InetAddress client) {
        boolean[] granted = {false};
        inProgress.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            granted[0] = true;
            return now + 1;
        });
        return granted[0] ? new Permit(client) : null;
    }

    /** A permit that counts nothing, for answers given without one (the 429 itself). */
    Permit unlimited() {
        Permit p = new Permit(null);
        p.released.set(true);
        return p;
    }

    /** Requests in progress for this client (for tests). */
    int inProgress(InetAddress client) {
        return inProgress.getOrDefault(client, 0);
    }

    /** One request's share; released once, however often {@link #release()} is called. */
    final class Permit {
        private final InetAddress client;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(InetAddress client) {
            this.client = client;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                inProgress.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
