package io.minewatch.ingest.camera;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The ingest loops' select strategy: at most one blocking select per interval. A camera sends its
 * pictures as bursts of small RTP packets, and a loop carries many cameras; woken for every packet,
 * the loop pays a wake-up, an {@code epoll_wait} and a {@code read} per packet. Paced, it sleeps out the
 * rest of the interval after a select and then takes in everything that arrived meanwhile, from all
 * its sockets, at once: fewer wake-ups and larger reads, for at most one interval of added latency
 * (the socket buffers hold it easily: a 4 Mbit/s camera sends 10 KB in 20 ms). With tasks waiting, it
 * does not sleep (a non-blocking select, as Netty's default strategy does).
 *
 * <p>One instance per event loop (its state is the loop's own).
 */
final class PacedSelectStrategy implements SelectStrategy {
    private final long intervalNanos;
    private long lastSelect = System.nanoTime();

    PacedSelectStrategy(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    @Override
    public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectSupplier.get();
        }
        long rest = lastSelect + intervalNanos - System.nanoTime();
        if (rest > 0) {
            LockSupport.parkNanos(this, rest);
        }
        lastSelect = System.nanoTime();
        return SelectStrategy.SELECT;
    }
}
