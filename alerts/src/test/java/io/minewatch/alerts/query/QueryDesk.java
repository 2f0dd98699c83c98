package io.minewatch.alerts.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.lifecycle.Step;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.Desks;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.SiteRouting;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real alerts desk (Mosquitto on 127.0.0.1:1883, the outbox, SQLite or PostgreSQL) for the API read
 * tests: the county of {@link Desks} plus site {@code quarry} (township Dongshan, official {@code zhou});
 * the desk's clock moves only when the test says, so {@code created_at} is known (and may tie).
 */
final class QueryDesk implements AutoCloseable {

    /** A clock the test steps. */
    static final class StepClock extends Clock {
        final AtomicLong millis = new AtomicLong(Instant.parse("2026-05-01T06:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    /** An alert the desk raised: its id and the desk's time then. */
    record Raised(String id, long createdAt, String site, String camera, String rule) {
    }

    final String prefix = Brokers.randomPrefix();
    final Topics topics = new Topics(prefix);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final StepClock clock = new StepClock();
    final MinewatchConfig config;
    final Database database;
    final AlertDispatcher desk;
    final Path storage;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<String, String> newIds = new ConcurrentHashMap<>();
    private final DatabaseConfig dbConfig;

    QueryDesk(String dbKind, Path dir) throws Exception {
        Brokers.requireMosquitto();
        storage = dir.resolve("storage");
        java.nio.file.Files.createDirectories(storage);
        dbConfig = Databases.of(dbKind, dir);
        MinewatchConfig base = Desks.config(prefix, storage, dbConfig, 600, 1883);
        List<SiteConfig> sites = new ArrayList<>(base.sites());
        sites.add(new SiteConfig("quarry", "Stone quarry", "Dongshan", 30.6, 114.4,
                new SiteRouting(List.of("zhou"), List.of())));
        config = new MinewatchConfig(sites, base.cameras(), base.officials(), base.mqtt(), base.storage(), base.http(),
                base.database(), base.alerts());
        database = keep(Database.open(dbConfig));
        MqttConnection conn = keep(new MqttConnection(Brokers.MOSQUITTO_URL, "server-" + prefix, null, null, prefix,
                Clock.systemUTC()));
        Outbox outbox = keep(new Outbox(new OutboxStore(database), conn, registry, Clock.systemUTC()));
        desk = keep(new AlertDispatcher(config.alerts(), config.sites(), prefix, outbox, registry, clock, storage));
        desk.onLifecycle((step, camera) -> {
            if (Step.NEW.equals(step.kind())) {
                newIds.put(step.alert().camera() + "/" + step.alert().rule(), step.alert().id());
            }
        });
        for (String filter : topics.ackFilters()) {
            conn.subscribe(filter, desk::onAck);
        }
        conn.start();
        outbox.start();
        desk.start();
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(0, c);
        return c;
    }

    /**
     * Raises an alert through the desk at the desk time {@code atMillis} after the start; {@code snapshot}
     * is what the detection reports (relative to storage), or null.
     */
    Raised raise(long atMillis, String site, String camera, String rule, long object, String snapshot)
            throws Exception {
        long t = Instant.parse("2026-05-01T06:00:00Z").toEpochMilli() + atMillis;
        clock.millis.set(t);
        desk.onEvent(new DetectionEvent(rule, camera, site, object, Instant.ofEpochMilli(t), 1.0, "heavy_vehicle",
                "truck", 0.8f, new Box(10 + object * 50, 100, 60 + object * 50, 200), 640, 360, snapshot));
        desk.awaitIdle(10_000);
        String id = newIds.get(camera + "/" + rule);
        if (id == null) {
            throw new AssertionError("the desk raised no alert for " + camera + "/" + rule);
        }
        return new Raised(id, t, site, camera, rule);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        Databases.drop(dbConfig);
    }
}
