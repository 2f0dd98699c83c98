package io.minewatch.server.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread ({@code video}, never a Netty event loop) that runs the live video of every camera:
 * once per batch interval it lets each running {@link VideoSource} mux what its ring got since the last
 * tick, then hands all the tick's writes to the event loops at once ({@link Outbox}). One wake-up per
 * interval for all cameras, instead of one thread per camera woken by its ring for every picture; with
 * no camera watched it sleeps until one is.
 *
 * <p>A tick that runs late (a loaded machine) is not caught up: the next one is an interval later.
 */
final class VideoTicker {
    private static final Logger log = LoggerFactory.getLogger(VideoTicker.class);

    private final long intervalNanos;
    private final Queue<VideoSource> added = new ConcurrentLinkedQueue<>();
    /** The running sources: the ticker thread's own. */
    private final List<VideoSource> sources = new ArrayList<>();
    private final Outbox outbox = new Outbox();
    private final Thread thread;
    private volatile boolean closing;

    VideoTicker(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.thread = new Thread(this::run, "video");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> log.error("live video thread failed", e));
        thread.start();
    }

    /** Runs this source from the next tick on (any thread). */
    void add(VideoSource source) {
        added.add(source);
        LockSupport.unpark(thread);
    }

    /** Ticks a source; true when it ended (or failed: the other cameras go on). */
    private boolean ended(VideoSource source) {
        try {
            return !source.tick(outbox);
        } catch (RuntimeException e) {
            log.error("camera {}: live video failed", source.camera(), e);
            return true;
        }
    }

    /** Ends every source (each closes its viewers and buffers) and the thread; waits up to {@code millis}. */
    boolean close(long millis) throws InterruptedException {
        closing = true;
        LockSupport.unpark(thread);
        thread.join(millis);
        return !thread.isAlive();
    }

    private void run() {
        long next = System.nanoTime();
        while (true) {
            boolean last = closing;
            VideoSource s;
            while ((s = added.poll()) != null) {
                sources.add(s);
            }
            if (last) {
                sources.forEach(VideoSource::stop);
            }
            sources.removeIf(this::ended);
            outbox.send();
            if (last) {
                return;
            }
            if (sources.isEmpty()) {
                // Nothing to run: sleep until a source is added (or close).
                while (added.isEmpty() && !closing) {
                    LockSupport.park(this);
                }
                next = System.nanoTime();
                continue;
            }
            next += intervalNanos;
            long now = System.nanoTime();
            if (next - now <= 0) {
                next = now; // late: no catching up
                continue;
            }
            while (next - now > 0 && !closing) {
                LockSupport.parkNanos(this, next - now);
                now = System.nanoTime();
            }
        }
    }
}
