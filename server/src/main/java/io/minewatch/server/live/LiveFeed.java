package io.minewatch.server.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.outbox.Committed;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.WebSocketFrames;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed hub. The outbox hands it every committed message (a commit listener that only offers
 * to a bounded inbox, so the outbox never waits); one thread, {@code live-feed}, puts them in sequence
 * order, keeps the {@link FeedKinds#CARRIED carried} ones in a bounded {@link FeedWindow} and writes
 * them to the clients. Everything about clients happens on that thread, so a client that connects
 * with {@code after} gets the window's messages after that seq, then {@code {"type":"live"}}, then
 * the live ones, with nothing between missed or sent twice.
 *
 * <p>Bounds: the window (default {@value Limits#WINDOW} messages and {@value Limits#WINDOW_BYTES}
 * bytes, filled at start from the outbox rows still in the table); per client a queue of
 * {@value Limits#CLIENT_QUEUE} messages, past which the client is closed with 1013 and counted
 * ({@link LiveMetrics#CUT}); at most {@value Limits#MAX_CLIENTS} clients; an inbox of
 * {@value Limits#INBOX} messages (what it drops is read back from the table). A client is written
 * only while its channel is writable.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    /** The bounds. */
    public record Limits(int window, long windowBytes, int clientQueue, int maxClients, int inbox) {
        public static final int WINDOW = 4096;
        public static final long WINDOW_BYTES = 16L * 1024 * 1024;
        public static final int CLIENT_QUEUE = 1024;
        public static final int MAX_CLIENTS = 1000;
        public static final int INBOX = 8192;
        public static final Limits DEFAULT = new Limits(WINDOW, WINDOW_BYTES, CLIENT_QUEUE, MAX_CLIENTS, INBOX);

        public Limits {
            if (window < 1 || windowBytes < 1 || clientQueue < 1 || maxClients < 1 || inbox < 1) {
                throw new IllegalArgumentException("live feed limits must be positive");
            }
        }
    }

    private final OutboxStore store;
    private final Function<String, Set<String>> routes;
    private final Limits limits;
    private final BlockingQueue<Committed> inbox;
    private final AtomicLong droppedUpTo = new AtomicLong();
    private final ConcurrentLinkedQueue<LiveClient> todo = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<LiveClient> clients = new ArrayList<>();
    private final FeedWindow window;
    private final MeterRegistry registry;
    private final Counter inboxDropped;
    private final Counter late;
    private final Counter sent;
    private final Thread thread;
    private final SeqOrder order;

    private LiveFeed(Outbox outbox, Function<String, Set<String>> routes, MeterRegistry registry, Limits limits) {
        this.store = outbox.store();
        this.routes = routes;
        this.limits = limits;
        this.registry = registry;
        this.inbox = new ArrayBlockingQueue<>(limits.inbox());
        this.inboxDropped = Counter.builder(LiveMetrics.INBOX_DROPPED).register(registry);
        this.late = Counter.builder(LiveMetrics.LATE).register(registry);
        this.sent = Counter.builder(LiveMetrics.SENT).register(registry);
        for (String reason : List.of(LiveMetrics.SLOW, LiveMetrics.LAGGED, LiveMetrics.FULL)) {
            cut(reason);
        }
        Gauge.builder(LiveMetrics.CLIENTS, connected, AtomicInteger::get).register(registry);
        // Listen first, then read the table: what commits in between is in both, and the seq sorts it out.
        outbox.onCommitted(this::committed);
        long[] range = store.seqRange();
        // Rows committed after the range was read come through the listener: leave them out here.
        List<Committed> rows = store.newest(FeedKinds.CARRIED, limits.window()).stream()
                .filter(r -> r.seq() <= range[1]).toList();
        long horizon = rows.size() == limits.window() ? rows.get(0).seq() - 1 : Math.max(0, range[0] - 1);
        this.window = new FeedWindow(limits.window(), limits.windowBytes(), horizon);
        Gauge.builder(LiveMetrics.WINDOW, window, FeedWindow::size).register(registry);
        rows.forEach(r -> window.append(message(r)));
        this.order = new SeqOrder(store, range[1], late, this::take);
        this.thread = new Thread(this::run, "live-feed");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> log.error("live feed thread died", e));
    }

    /**
     * Starts the hub on an outbox; its window starts with the newest carried rows of the table.
     *
     * @param routes the officials an alert is routed to now (RouteBook::officials)
     */
    public static LiveFeed start(Outbox outbox, Function<String, Set<String>> routes, MeterRegistry registry,
            Limits limits) {
        LiveFeed feed = new LiveFeed(outbox, routes, registry, limits);
        feed.thread.start();
        log.info("live feed: {} message(s) kept for catch-up, up to seq {}", feed.window.size(), feed.order.last());
        return feed;
    }

    /** Outbox commit listener: copies references into the inbox, never waits. */
    private void committed(List<Committed> batch) {
        for (Committed c : batch) {
            if (!inbox.offer(c)) {
                inboxDropped.increment();
                droppedUpTo.accumulateAndGet(c.seq(), Math::max);
            }
        }
        LockSupport.unpark(thread);
    }

    /**
     * A client connected (on its event loop): the hub sends it the catch-up and then the live
     * messages. Closes it (1013) when the hub has {@link Limits#maxClients()} already.
     *
     * @param after the last seq the client has, or null to start live
     */
    public void connect(Channel channel, Caller caller, Long after) {
        if (closed.get()) {
            WebSocketFrames.close(channel, 1001, "server stopping");
            return;
        }
        if (connected.incrementAndGet() > limits.maxClients()) {
            connected.decrementAndGet();
            cut(LiveMetrics.FULL).increment();
            WebSocketFrames.close(channel, 1013, "too many live feed clients");
            return;
        }
        LiveClient c = new LiveClient(channel, caller, after);
        channel.pipeline().addLast("live-feed", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable()) {
                    attention(c);
                }
                ctx.fireChannelWritabilityChanged();
            }
        });
        channel.closeFuture().addListener(f -> {
            c.gone = true;
            attention(c);
        });
        attention(c);
    }

    private void attention(LiveClient c) {
        if (c.flagged.compareAndSet(false, true)) {
            todo.add(c);
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        List<Committed> batch = new ArrayList<>();
        while (!closed.get()) {
            try {
                boolean worked = false;
                batch.clear();
                inbox.drainTo(batch, 1024);
                for (Committed c : batch) {
                    order.accept(c);
                }
                worked |= !batch.isEmpty();
                worked |= order.recover(droppedUpTo.get());
                for (LiveClient c; (c = todo.poll()) != null; ) {
                    c.flagged.set(false);
                    service(c);
                    worked = true;
                }
                if (!batch.isEmpty()) {
                    for (LiveClient c : List.copyOf(clients)) {
                        pump(c);
                    }
                }
                if (!worked) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
                }
            } catch (RuntimeException e) {
                log.warn("live feed: {}", e.toString(), e);
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    /** The next message in order: kept and queued for live clients when the feed carries it. */
    private void take(Committed c) {
        if (!FeedKinds.CARRIED.contains(c.kind())) {
            return;
        }
        FeedMessage m = message(c);
        window.append(m);
        for (LiveClient client : List.copyOf(clients)) {
            if (!client.live) {
                if (client.cursor < window.base()) {
                    drop(client, LiveMetrics.LAGGED, "too slow: fell behind the live feed");
                }
            } else if (m.visibleTo(client.caller)) {
                if (client.queue.size() >= limits.clientQueue()) {
                    drop(client, LiveMetrics.SLOW, "too slow: fell behind the live feed");
                } else {
                    client.queue.add(m);
                }
            }
        }
    }

    private FeedMessage message(Committed c) {
        String official = null;
        if (c.kind().equals("routed")) {
            int i = c.topic().lastIndexOf("/officials/");
            if (i >= 0 && c.topic().endsWith("/alerts")) {
                official = c.topic().substring(i + "/officials/".length(), c.topic().length() - "/alerts".length());
            }
        }
        Set<String> to = c.alertId() != null && official == null && FeedKinds.FOR_OFFICIALS.contains(c.kind())
                ? routes.apply(c.alertId()) : Set.of();
        return new FeedMessage(c.seq(), c.kind(), c.alertId(), official, to, Frames.wire(Frames.message(c)));
    }

    /** A client's turn: added, gone, or writable again. */
    private void service(LiveClient c) {
        if (c.removed) {
            return;
        }
        if (c.gone) {
            remove(c);
            return;
        }
        if (!c.started) {
            c.started = true;
            clients.add(c);
            if (c.after == null) {
                c.live = true;
                write(c, Frames.live(order.last()));
            } else if (c.after > order.last() || !window.covers(c.after)) {
                c.live = true;
                write(c, Frames.reset(window.oldestSeq()));
                write(c, Frames.live(order.last()));
            } else {
                c.cursor = window.firstAfter(c.after);
            }
        }
        pump(c);
    }

    /**
     * Writes what the client has waiting while its channel takes it; the last frame of a turn goes
     * with the flush, so that a turn of one frame costs the event loop one task.
     */
    private void pump(LiveClient c) {
        if (c.removed || !c.started) {
            return;
        }
        byte[] pending = null;
        while (c.channel.isWritable()) {
            byte[] next = null;
            if (!c.live) {
                while (c.cursor < window.end() && next == null) {
                    FeedMessage m = window.at(c.cursor++);
                    if (m.visibleTo(c.caller)) {
                        next = m.wire();
                    }
                }
                if (next == null) {
                    c.live = true;
                    next = Frames.wire(Frames.live(order.last()));
                }
            } else {
                FeedMessage m = c.queue.poll();
                if (m == null) {
                    break;
                }
                next = m.wire();
            }
            if (pending != null) {
                c.channel.write(Unpooled.wrappedBuffer(pending), c.channel.voidPromise());
            }
            pending = next;
            sent.increment();
        }
        if (pending != null) {
            c.channel.writeAndFlush(Unpooled.wrappedBuffer(pending), c.channel.voidPromise());
        }
    }

    private void write(LiveClient c, byte[] frame) {
        c.channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)), c.channel.voidPromise());
    }

    private void drop(LiveClient c, String reason, String message) {
        cut(reason).increment();
        log.debug("live feed: {} closed: {}", c.channel.remoteAddress(), reason);
        remove(c);
        WebSocketFrames.close(c.channel, 1013, message);
    }

    private void remove(LiveClient c) {
        if (!c.removed) {
            c.removed = true;
            c.queue.clear();
            clients.remove(c);
            connected.decrementAndGet();
        }
    }

    private Counter cut(String reason) {
        return Counter.builder(LiveMetrics.CUT).tag("reason", reason).register(registry);
    }

    /** Clients connected now. */
    public int clients() {
        return connected.get();
    }

    /** Stops the hub and closes every client (1001). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LiveClient c : List.copyOf(clients)) {
            WebSocketFrames.close(c.channel, 1001, "server stopping");
        }
    }
}
