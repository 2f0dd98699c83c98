package io.minewatch.tools.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.broker.EmbeddedBroker;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Committed;
import io.minewatch.alerts.outbox.OutboundMessage;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.UserConfig;
import io.minewatch.server.api.ApiRoutes;
import io.minewatch.server.auth.Accounts;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.HttpServer;
import io.minewatch.server.http.WebSocketUpgrades;
import io.minewatch.server.live.LiveFeed;
import io.minewatch.server.live.LiveFeedEndpoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Live feed latency: N WebSocket clients (Netty's) of {@code /api/v1/live} and one MQTT subscriber (Paho), in the same
 * run (the clients signed in through the real sign-in), each timing every message from its outbox commit (a commit listener registered before the
 * hub's) to its receipt. The stack is the server's: SQLite outbox, embedded broker, MQTT connection,
 * hub, Netty HTTP server with the WebSocket upgrade. Messages are committed at a steady rate, after
 * {@value #WARM_UP} untimed ones (JIT warm-up).
 * Args: WORK_DIR [clients=200] [messages=300] [per_second=20] [payload_bytes=600].
 */
public final class LiveFeedBench {
    /** The benchmark's own output (its report), not logging. */
    private static final java.io.PrintStream REPORT = System.out;
    private static final String MSG_ID = "\"msg_id\":\"";
    private static final int WARM_UP = 100;

    private LiveFeedBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int perSecond = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 600;
        String prefix = "bench" + System.nanoTime() % 100_000 + "/v1";
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Percentiles ws = new Percentiles();
        Percentiles mqtt = new Percentiles();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Path dir = Files.createTempDirectory(work, "live");
        Accounts accounts = Accounts.of(List.of(new UserConfig("bench", "bench", Caller.COMMAND, "bench-password-1",
                null)), List.of());
        Authenticator auth = new Authenticator(accounts, Clock.systemUTC(), java.time.Duration.ofMinutes(30), false,
                (actor, action, subject) -> { }, registry);
        String cookie = ((Authenticator.Ok) auth.login("bench", "bench-password-1", "127.0.0.1")).setCookie()
                .split(";", 2)[0];
        HttpConfig httpConfig = new HttpConfig("127.0.0.1", 0);

        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                Database db = Database.open(new DatabaseConfig("jdbc:sqlite:" + dir.resolve("o.db"), null, null, null));
                MqttConnection conn = new MqttConnection(broker.url(), "bench-server", null, null, prefix,
                        Clock.systemUTC());
                Outbox outbox = new Outbox(new OutboxStore(db), conn, registry, Clock.systemUTC())) {
            outbox.onCommitted(batch -> {
                long now = System.nanoTime();
                for (Committed c : batch) {
                    String id = msgId(c.payload());
                    if (!id.startsWith("warm-")) {
                        committedAt.put(id, now);
                    }
                }
            });
            try (LiveFeed feed = LiveFeed.start(outbox, a -> Set.of(), registry, LiveFeed.Limits.DEFAULT);
                    HttpServer http = HttpServer.start(httpConfig, ApiRoutes.builder(new NoRoutes(), auth, httpConfig)
                            .build(), auth, registry, new WebSocketUpgrades(auth)
                                    .register(LiveFeedEndpoint.PATH, new LiveFeedEndpoint(feed)))) {
                conn.start();
                outbox.start();
                MqttClient sub = new MqttClient(broker.url(), "bench-sub", new MemoryPersistence());
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(true);
                sub.connect(o);
                Receipts mqttReceipts = new Receipts();
                sub.subscribe(prefix + "/#", 1, (topic, m) -> mqttReceipts.add(msgId(m.getPayload()), System.nanoTime()));
                EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
                Receipts wsReceipts = new Receipts();
                List<Channel> sockets = new ArrayList<>();
                URI uri = URI.create("ws://127.0.0.1:" + http.port() + LiveFeedEndpoint.PATH);
                for (int i = 0; i < clients; i++) {
                    sockets.add(connect(group, uri, cookie, wsReceipts));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (feed.clients() < clients && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                String pad = "x".repeat(Math.max(0, size - 80));
                long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
                long next = System.nanoTime();
                // Warm-up (JIT) first: WARM_UP messages at the same rate, received but not timed.
                for (int i = -WARM_UP; i < messages; i++) {
                    String id = (i < 0 ? "warm-" : "") + Outbox.newMessageId();
                    byte[] payload = ("{\"schema\":\"bench/1\",\"msg_id\":\"" + id + "\",\"pad\":\"" + pad + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    outbox.append(new OutboundMessage(id, "event", prefix + "/events/bench", payload, false, null));
                    next += period;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((wsReceipts.count.get() < clients * messages || mqttReceipts.count.get() < messages)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                wsReceipts.into(committedAt, ws);
                mqttReceipts.into(committedAt, mqtt);
                REPORT.printf(Locale.ROOT, "setup      %d WebSocket clients + 1 MQTT subscriber, %d messages of %d bytes"
                        + " at %d/s (host: %d cores, load %s)%n", clients, messages, size, perSecond,
                        Runtime.getRuntime().availableProcessors(),
                        Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0]);
                REPORT.println("websocket  commit -> receipt: " + ws.summary() + "  (expected n="
                        + (long) clients * messages + ")");
                REPORT.println("mqtt       commit -> receipt: " + mqtt.summary() + "  (expected n=" + messages + ")");
                REPORT.printf(Locale.ROOT, "ratio      p95 websocket / p95 mqtt = %.2f (target <= 1.5)%n",
                        ws.p(95) / mqtt.p(95));
                REPORT.printf(Locale.ROOT, "cut        slow clients cut off: %.0f%n",
                        registry.find("live.clients.cut").tag("reason", "slow").counter().count());
                for (Channel c : sockets) {
                    c.close();
                }
                sub.disconnect();
                sub.close();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    private static String msgId(byte[] payload) {
        String s = new String(payload, 0, Math.min(payload.length, 200), StandardCharsets.UTF_8);
        return msgId(s);
    }

    private static String msgId(CharSequence text) {
        String s = text.toString();
        int i = s.indexOf(MSG_ID);
        if (i < 0) {
            return "";
        }
        int from = i + MSG_ID.length();
        return s.substring(from, s.indexOf('"', from));
    }

    /** A Netty WebSocket client (the lightest client there is, so that the clients' own cost stays small). */
    private static Channel connect(EventLoopGroup group, URI uri, String cookie, Receipts receipts) throws Exception {
        WebSocketClientProtocolHandler ws = new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory
                .newHandshaker(uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders().set("Cookie", cookie),
                        1 << 20));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16), ws,
                                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent
                                                .HANDSHAKE_COMPLETE) {
                                            ready.complete(null);
                                        }
                                        ctx.fireUserEventTriggered(evt);
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                        receipts.add(msgId(f.text()), System.nanoTime());
                                    }
                                });
                    }
                })
                .connect(uri.getHost(), uri.getPort()).sync().channel();
        ready.get(30, TimeUnit.SECONDS);
        return ch;
    }

    /**
     * Receipt times by msg_id, matched with the commit times at the end: a message can arrive before
     * the commit listener has noted its time (the relay may read the row the moment it commits), and
     * then counts as 0 ms rather than not at all.
     */
    private static final class Receipts {
        private final java.util.concurrent.ConcurrentLinkedQueue<Object[]> seen =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        final AtomicInteger count = new AtomicInteger();

        void add(String msgId, long nanos) {
            if (!msgId.isEmpty() && !msgId.startsWith("warm-")) {
                seen.add(new Object[] {msgId, nanos});
                count.incrementAndGet();
            }
        }

        void into(Map<String, Long> committedAt, Percentiles out) {
            for (Object[] r : seen) {
                Long t = committedAt.get((String) r[0]);
                if (t != null) {
                    out.add(Math.max(0, (Long) r[1] - t) / 1e6);
                }
            }
        }
    }

    private static final class NoRoutes implements HttpRoutes {
        @Override
        public Health health() {
            return Health.of(true, 0);
        }

        @Override
        public String metrics() {
            return "";
        }
    }
}
