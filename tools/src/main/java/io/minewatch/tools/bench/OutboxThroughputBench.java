package io.minewatch.tools.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.OutboundMessage;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.SiteRouting;
import io.minewatch.config.StorageConfig;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Outbox throughput on SQLite and PostgreSQL against a real broker, beside the reference: bare Paho
 * QoS 1 publishes of the same payloads without any database. Args: BROKER_URL WORK_DIR [messages=2000]
 * [alerts=300].
 */
public final class OutboxThroughputBench {
    /** The benchmark's own output (its report), not logging. */
    private static final java.io.PrintStream REPORT = System.out;


    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    private OutboxThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        String broker = args[0];
        Path work = Files.createDirectories(Path.of(args[1]));
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int alerts = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        byte[] payload = new byte[600];
        java.util.Arrays.fill(payload, (byte) 'x');

        double ref = bare(broker, n, payload);
        REPORT.printf(Locale.ROOT, "reference  bare Paho QoS 1, no database : %8.0f msgs/s%n", ref);
        Path sqliteDir = Files.createTempDirectory(work, "sqlite");
        double sqlite = outbox(broker, new DatabaseConfig("jdbc:sqlite:" + sqliteDir.resolve("o.db"), null, null, null),
                n, payload);
        REPORT.printf(Locale.ROOT, "outbox     SQLite (WAL, synchronous=FULL): %8.0f msgs/s  (%.2f x reference)%n",
                sqlite, sqlite / ref);
        DatabaseConfig pg = new DatabaseConfig(PG, "postgres", null, schema());
        try {
            double pgRate = outbox(broker, pg, n, payload);
            REPORT.printf(Locale.ROOT, "outbox     PostgreSQL                    : %8.0f msgs/s  (%.2f x reference)%n",
                    pgRate, pgRate / ref);
        } finally {
            drop(pg);
        }
        Path latDir = Files.createTempDirectory(work, "lat");
        REPORT.println("latency    SQLite, append -> subscriber, 20/s: " + latency(broker,
                new DatabaseConfig("jdbc:sqlite:" + latDir.resolve("l.db"), null, null, null), 200).summary());
        DatabaseConfig pgl = new DatabaseConfig(PG, "postgres", null, schema());
        try {
            REPORT.println("latency    PostgreSQL, append -> subscriber, 20/s: " + latency(broker, pgl, 200)
                    .summary());
        } finally {
            drop(pgl);
        }
        Path deskDir = Files.createTempDirectory(work, "desk");
        REPORT.printf(Locale.ROOT, "desk       SQLite, new alerts end to end : %8.1f alerts/s%n",
                desk(broker, new DatabaseConfig("jdbc:sqlite:" + deskDir.resolve("d.db"), null, null, null), deskDir,
                        alerts));
        DatabaseConfig pg2 = new DatabaseConfig(PG, "postgres", null, schema());
        try {
            REPORT.printf(Locale.ROOT, "desk       PostgreSQL, new alerts e2e    : %8.1f alerts/s%n",
                    desk(broker, pg2, deskDir, alerts));
        } finally {
            drop(pg2);
        }
    }

    private static String schema() {
        return "mw_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void drop(DatabaseConfig c) throws Exception {
        try (Connection conn = DriverManager.getConnection(PG, "postgres", null); Statement st = conn.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + c.schema() + " CASCADE");
        }
    }

    private static double bare(String url, int n, byte[] payload) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(url, "bench-ref-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(1000);
        c.connect(o).waitForCompletion(5000);
        Semaphore window = new Semaphore(500);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            window.acquire();
            c.publish("bench-ref/x", payload, 1, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                    window.release();
                }
            });
        }
        window.acquire(500);
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        c.disconnect().waitForCompletion(2000);
        c.close();
        return rate;
    }

    /** One message per append (its own commit, as alerts arrive), until all are acknowledged. */
    private static double outbox(String url, DatabaseConfig db, int n, byte[] payload) throws Exception {
        try (Database database = Database.open(db);
                MqttConnection conn = new MqttConnection(url, "bench-ob-" + UUID.randomUUID(), null, null, "bench",
                        Clock.systemUTC());
                Outbox outbox = new Outbox(new OutboxStore(database), conn, new SimpleMeterRegistry(),
                        Clock.systemUTC())) {
            conn.start();
            outbox.start();
            long t0 = System.nanoTime();
            CompletableFuture<Void> last = null;
            for (int i = 0; i < n; i++) {
                last = outbox.append(new OutboundMessage(Outbox.newMessageId(), "bench", "bench/x", payload, false,
                        null));
            }
            last.get(120, TimeUnit.SECONDS);
            while (outbox.store().pendingCount() > 0) {
                Thread.sleep(5);
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Append-to-receipt latency through the outbox at 20 messages/s (the alerts module's share of alert latency). */
    private static Percentiles latency(String url, DatabaseConfig db, int n) throws Exception {
        Percentiles p = new Percentiles();
        String topic = "bench-lat/" + UUID.randomUUID();
        MqttAsyncClient sub = new MqttAsyncClient(url, "bench-lat-" + UUID.randomUUID(), new MemoryPersistence());
        sub.connect(new MqttConnectOptions()).waitForCompletion(5000);
        java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
        sub.subscribe(topic, 1, (t, m) -> {
            long sent = Long.parseLong(new String(m.getPayload(), StandardCharsets.UTF_8));
            if (!seen.add(sent)) {
                REPORT.println("duplicate " + sent + " dup flag " + m.isDuplicate() + " retained " + m.isRetained());
            }
            p.add((System.nanoTime() - sent) / 1e6);
            done.countDown();
        }).waitForCompletion(5000);
        try (Database database = Database.open(db);
                MqttConnection conn = new MqttConnection(url, "bench-lp-" + UUID.randomUUID(), null, null, "bench",
                        Clock.systemUTC());
                Outbox outbox = new Outbox(new OutboxStore(database), conn, new SimpleMeterRegistry(),
                        Clock.systemUTC())) {
            conn.start();
            outbox.start();
            for (int i = 0; i < n; i++) {
                outbox.append(new OutboundMessage(Outbox.newMessageId(), "bench", topic,
                        Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8), false, null));
                Thread.sleep(50);
            }
            done.await(60, TimeUnit.SECONDS);
        } finally {
            sub.disconnect().waitForCompletion(2000);
            sub.close();
        }
        return p;
    }

    /** New alerts through the whole desk (case rows, routes, audit, ~7 messages each) until delivered. */
    private static double desk(String url, DatabaseConfig db, Path dir, int alerts) throws Exception {
        MinewatchConfig config = new MinewatchConfig(
                List.of(new SiteConfig("s", "s", "T", 1, 1, new SiteRouting(List.of("a"), List.of("b")))), List.of(),
                List.of(new OfficialConfig("a", "a", "T"), new OfficialConfig("b", "b", "T")),
                new MqttConfig(url, null, null, "bench", "bench/v1", "127.0.0.1", 1883), new StorageConfig(dir),
                new HttpConfig("127.0.0.1", 0), db, new AlertsConfig(60, 0, 0.7, 3600, "quick", java.util.Map.of(),
                        AlertsConfig.DEFAULT_DEADLINES_S, 3, false, 0, List.of(), List.of(), List.of()));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Database database = Database.open(db);
                MqttConnection conn = new MqttConnection(url, "bench-desk-" + UUID.randomUUID(), null, null,
                        "bench/v1", Clock.systemUTC());
                Outbox outbox = new Outbox(new OutboxStore(database), conn, registry, Clock.systemUTC());
                AlertDispatcher desk = new AlertDispatcher(config.alerts(), config.sites(), config.mqtt().topicPrefix(), outbox,
                registry, Clock.systemUTC(), dir)) {
            conn.start();
            outbox.start();
            long t0 = System.nanoTime();
            for (int i = 0; i < alerts; i++) {
                desk.onEvent(new DetectionEvent("heavy_vehicle", "cam-" + i, "s", i, Instant.now(), i, "heavy_vehicle",
                        "truck", 0.8f, new Box(1, 1, 50, 50), 640, 360, null));
            }
            desk.awaitIdle(120_000);
            while (outbox.store().pendingCount() > 0) {
                Thread.sleep(5);
            }
            return alerts / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
