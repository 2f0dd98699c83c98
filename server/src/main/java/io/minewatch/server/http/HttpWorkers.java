package io.minewatch.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.HttpConfig;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads HTTP work runs on and the bounds on it: a small request pool ({@code http-N}) that keeps
 * slow work off the event loop, one export thread ({@code http-export}) with its own short queue so
 * that evidence exports (a zip, an fsynced audit entry) never hold up health checks and clips, and the
 * per-client limit. Past any bound a request is refused at once and counted.
 */
final class HttpWorkers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpWorkers.class);
    private static final int REQUEST_THREADS = 2;
    private static final int REQUEST_QUEUE = 256;
    private static final int BODY_THREADS = 2;

    final ExecutorService requests;
    final ThreadPoolExecutor exports;
    /** Writes of streamed request bodies (one write in flight per connection), off the event loop. */
    final ExecutorService bodies;
    final ClientLimits limits;
    final ClipViews views = new ClipViews();
    final long headerTimeoutMillis;
    final Counter clientLimited;
    final Counter busy;
    final Counter exportBusy;
    final Counter headerTimeouts;

    HttpWorkers(HttpConfig config, MeterRegistry registry) {
        this.requests = pool("http-", REQUEST_THREADS, new ArrayBlockingQueue<>(REQUEST_QUEUE));
        BlockingQueue<Runnable> exportQueue = config.exportQueue() == 0
                ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(config.exportQueue());
        this.exports = pool("http-export", 1, exportQueue);
        this.bodies = pool("http-body-", BODY_THREADS, new ArrayBlockingQueue<>(REQUEST_QUEUE));
        this.limits = new ClientLimits(config.maxRequestsPerClient());
        this.headerTimeoutMillis = config.headerTimeoutSeconds() * 1000L;
        this.clientLimited = HttpMetrics.rejected(registry, HttpMetrics.CLIENT_LIMIT);
        this.busy = HttpMetrics.rejected(registry, HttpMetrics.BUSY);
        this.exportBusy = HttpMetrics.rejected(registry, HttpMetrics.EXPORT_BUSY);
        this.headerTimeouts = Counter.builder(HttpMetrics.HEADER_TIMEOUTS).register(registry);
        Gauge.builder(HttpMetrics.EXPORTS_QUEUED, exports, e -> e.getQueue().size()).register(registry);
        Gauge.builder(HttpMetrics.EXPORTS_RUNNING, exports, ThreadPoolExecutor::getActiveCount).register(registry);
    }

    /** Named daemon threads over a bounded queue: past it the executor rejects. */
    private static ThreadPoolExecutor pool(String name, int threads, BlockingQueue<Runnable> queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, queue, r -> {
            Thread t = new Thread(r, threads == 1 ? name : name + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("thread {} died", th.getName(), e));
            return t;
        });
    }

    /** Lets work in hand finish (up to 2 s), then interrupts what is left. */
    @Override
    public void close() {
        requests.shutdown();
        exports.shutdown();
        bodies.shutdown();
        try {
            requests.awaitTermination(2, TimeUnit.SECONDS);
            exports.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        requests.shutdownNow();
        exports.shutdownNow();
        bodies.shutdownNow();
    }
}
