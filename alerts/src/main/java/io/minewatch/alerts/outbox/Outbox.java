package io.minewatch.alerts.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every outbound message to the database, then publishes it from one relay thread
 * ({@code outbox-relay}) in sequence order.
 *
 * <p>{@link #append} commits before it returns: a message the caller was told about survives a crash.
 * The relay publishes pending rows while the transport is connected, at most {@value #WINDOW} unacknowledged
 * at a time, and marks each delivered on its PUBACK. After a reconnect (or a restart) it starts again at
 * the oldest undelivered row, so subscribers see every message in order; a message whose PUBACK was lost
 * arrives twice, with the same {@code msg_id}.
 */
public final class Outbox implements AutoCloseable {

    /** Messages on the wire without PUBACK at most (Paho's own window is larger). */
    static final int WINDOW = 500;
    private static final int BATCH = 200;
    private static final long IDLE_WAIT_MS = 1_000;
    /** Delivered rows are kept this long (the audit trail in alert_event is kept for good). */
    static final long KEEP_DELIVERED_MS = 7L * 24 * 3600 * 1000;
    private static final long PURGE_EVERY_MS = 10L * 60 * 1000;

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final OutboxStore store;
    private final Transport transport;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Long, CompletableFuture<Void>> futures = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PendingMessage> acked = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean rewind = new AtomicBoolean(true);
    private final Thread relay;
    private volatile Consumer<List<Delivered>> deliveryListener = d -> { };
    private final List<Consumer<List<Committed>>> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean signalled;

    public Outbox(OutboxStore store, Transport transport, MeterRegistry registry, Clock clock) {
        this.store = store;
        this.transport = transport;
        this.registry = registry;
        this.clock = clock;
        this.relay = new Thread(this::run, "outbox-relay");
        relay.setDaemon(true);
        relay.setUncaughtExceptionHandler((t, e) -> log.error("outbox relay died", e));
        // Only wake the relay: it sees the new epoch itself. (Rewinding here too re-sent messages already
        // on the wire of the new connection when Paho ran this callback late: duplicates.)
        transport.onConnect(this::signal);
        registry.gauge(AlertMetrics.OUTBOX_WAITING, futures, Map::size);
    }

    /** A fresh message id (UUID). */
    public static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    /** Starts the relay thread; undelivered rows from before a restart go out first. */
    public void start() {
        relay.start();
    }

    /** The store the rows go to. */
    public OutboxStore store() {
        return store;
    }

    /** The database, for callers that write their own rows in the same transaction. */
    public Database database() {
        return store.database();
    }

    /** Appends one message (committed when this returns); the future completes when it is delivered. */
    public CompletableFuture<Void> append(OutboundMessage message) {
        return appendAll(List.of(message)).get(0);
    }

    /** Appends the messages in one transaction, in order. */
    public List<CompletableFuture<Void>> appendAll(List<OutboundMessage> messages) {
        long now = clock.millis();
        long[] seqs;
        try {
            seqs = store.database().tx(c -> store.append(c, messages, now));
        } catch (RuntimeException e) {
            store.resync();
            throw e;
        }
        return registered(messages, seqs);
    }

    /**
     * Registers rows the caller appended with {@link OutboxStore#append} in its own, now committed,
     * transaction, and wakes the relay; returns one future per message.
     */
    public List<CompletableFuture<Void>> registered(List<OutboundMessage> messages, long[] seqs) {
        if (closed.get()) {
            log.warn("outbox closed: {} message(s) stay in the database until the next start", seqs.length);
        }
        List<CompletableFuture<Void>> out = new ArrayList<>(seqs.length);
        for (int i = 0; i < seqs.length; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            futures.put(seqs[i], f);
            out.add(f);
            registry.counter(AlertMetrics.OUTBOX_APPENDED, AlertMetrics.TAG_KIND, messages.get(i).kind()).increment();
        }
        // Listeners only copy into their own queues (microseconds); then the relay goes.
        notifyCommitted(messages, seqs);
        signal();
        return out;
    }

    /**
     * Adds a listener called with every batch of committed messages, in sequence order within the
     * batch, on the thread that committed them, just before the relay is woken. Listeners must return at
     * once (copy into their own bounded structures); one that throws is logged and skipped. Batches
     * of two threads may reach a listener in either order.
     */
    public void onCommitted(Consumer<List<Committed>> listener) {
        commitListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    private void notifyCommitted(List<OutboundMessage> messages, long[] seqs) {
        if (commitListeners.isEmpty() || seqs.length == 0) {
            return;
        }
        long now = clock.millis();
        List<Committed> batch = new ArrayList<>(seqs.length);
        for (int i = 0; i < seqs.length; i++) {
            OutboundMessage m = messages.get(i);
            batch.add(new Committed(seqs[i], m.kind(), m.topic(), m.payload(), m.alertId(), now));
        }
        List<Committed> view = java.util.Collections.unmodifiableList(batch);
        for (Consumer<List<Committed>> l : commitListeners) {
            try {
                l.accept(view);
            } catch (RuntimeException e) {
                log.warn("outbox commit listener: {}", e.toString());
            }
        }
    }

    /** Called with every batch of delivered messages (after they are marked), on the relay thread. */
    public void onDelivered(Consumer<List<Delivered>> listener) {
        this.deliveryListener = listener;
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void await(long ms) throws InterruptedException {
        lock.lock();
        try {
            if (!signalled) {
                wake.await(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long cursor = 0;
        long epoch = Long.MIN_VALUE;
        AtomicInteger inflight = new AtomicInteger();
        long nextPurge = 0;
        while (!closed.get()) {
            try {
                flushAcks();
                if (clock.millis() >= nextPurge) {
                    nextPurge = clock.millis() + PURGE_EVERY_MS;
                    int purged = store.purgeDelivered(clock.millis() - KEEP_DELIVERED_MS);
                    if (purged > 0) {
                        log.info("outbox: {} delivered message(s) older than 7 days removed", purged);
                    }
                }
                if (!transport.connected()) {
                    await(200);
                    continue;
                }
                long now = transport.epoch();
                // Read the flag every time: short-circuited behind the epoch test it survived the first
                // pass and re-sent the first message (a duplicate on every start).
                boolean again = rewind.getAndSet(false);
                if (now != epoch || again) {
                    // From the oldest undelivered row again: what was on the wire may be lost.
                    cursor = 0;
                    epoch = now;
                    inflight = new AtomicInteger();
                }
                int room = WINDOW - inflight.get();
                if (room <= 0) {
                    await(50);
                    continue;
                }
                List<PendingMessage> rows = store.pending(cursor, Math.min(BATCH, room));
                if (rows.isEmpty()) {
                    await(IDLE_WAIT_MS);
                    continue;
                }
                for (PendingMessage row : rows) {
                    if (!send(row, inflight)) {
                        rewind.set(true);
                        await(100);
                        break;
                    }
                    cursor = row.seq();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database or the client failed: nothing is lost, the rows stay pending. Retry soon.
                log.warn("outbox relay: {}; retrying", e.getMessage());
                rewind.set(true);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        flushAcks();
    }

    private boolean send(PendingMessage row, AtomicInteger inflight) {
        inflight.incrementAndGet();
        try {
            transport.publish(row.topic(), row.payload(), row.retained(), new Transport.Callback() {
                @Override
                public void delivered() {
                    inflight.decrementAndGet();
                    acked.add(row);
                    signal();
                }

                @Override
                public void failed(Throwable cause) {
                    inflight.decrementAndGet();
                    registry.counter(AlertMetrics.OUTBOX_RETRIED, AlertMetrics.TAG_KIND, row.kind()).increment();
                    rewind.set(true);
                    signal();
                }
            });
            return true;
        } catch (Exception e) {
            inflight.decrementAndGet();
            log.debug("outbox: cannot publish seq {} now: {}", row.seq(), e.toString());
            return false;
        }
    }

    private void flushAcks() {
        if (acked.isEmpty()) {
            return;
        }
        List<PendingMessage> done = new ArrayList<>();
        for (PendingMessage m; (m = acked.poll()) != null; ) {
            done.add(m);
        }
        long now = clock.millis();
        store.markDelivered(done.stream().map(PendingMessage::seq).toList(), now);
        List<Delivered> delivered = new ArrayList<>(done.size());
        for (PendingMessage m : done) {
            registry.counter(AlertMetrics.OUTBOX_DELIVERED, AlertMetrics.TAG_KIND, m.kind()).increment();
            delivered.add(new Delivered(m.seq(), m.kind(), m.topic(), m.alertId(), now));
            CompletableFuture<Void> f = futures.remove(m.seq());
            if (f != null) {
                f.complete(null);
            }
        }
        try {
            deliveryListener.accept(delivered);
        } catch (RuntimeException e) {
            log.warn("outbox delivery listener: {}", e.toString());
        }
    }

    /**
     * Stops the relay (waiting briefly for PUBACKs already on their way) and fails the futures still
     * waiting; their rows stay in the database and go out after the next start.
     */
    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        // Give what is queued (e.g. the end of open alerts) a moment to go out while connected.
        long drainUntil = System.nanoTime() + 2_000_000_000L;
        while (!futures.isEmpty() && transport.connected() && System.nanoTime() < drainUntil) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        signal();
        try {
            relay.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IllegalStateException error = new IllegalStateException("outbox closed before delivery; the message"
                + " stays in the database and is sent after the next start");
        futures.values().forEach(f -> f.completeExceptionally(error));
        futures.clear();
    }
}
