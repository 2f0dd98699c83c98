package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;

/**
 * Samples a frame counter every 100 ms on a thread of its own and keeps the longest time it stood still:
 * a camera that was restarted, reconnected or starved shows a stall far longer than its frame interval.
 */
final class FrameWatch implements AutoCloseable {
    private final Counter counter;
    private final Thread thread;
    private final double first;
    private volatile long longestStallNanos;
    private volatile double lastCount;
    private volatile boolean running = true;

    private FrameWatch(Counter counter) {
        this.counter = counter;
        this.first = counter.count();
        this.thread = new Thread(this::run, "frame-watch");
        thread.setDaemon(true);
    }

    static FrameWatch start(Counter counter) {
        FrameWatch w = new FrameWatch(counter);
        w.thread.start();
        return w;
    }

    private void run() {
        double last = counter.count();
        long since = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            double now = counter.count();
            long t = System.nanoTime();
            if (now > last) {
                last = now;
                since = t;
            }
            longestStallNanos = Math.max(longestStallNanos, t - since);
            lastCount = now;
        }
    }

    /** The counter rose and never stood still for {@code max} or longer. */
    void assertNoStall(Duration max, String what) {
        String seen = what + ": " + first + " -> " + lastCount + ", longest stall " + longestStallNanos / 1_000_000 + " ms";
        System.out.println("frame watch: " + seen);
        assertTrue(lastCount > first + 10, "the counter did not rise: " + seen);
        assertTrue(longestStallNanos < max.toNanos(), "stood still too long: " + seen);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(1000);
    }
}
