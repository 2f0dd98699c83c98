package io.minewatch.alerts.cases;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Committed;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.CaseDeadlines;
import io.minewatch.config.CasesConfig;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.DepartmentConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.LatLon;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.StorageConfig;
import io.minewatch.config.TeamConfig;
import io.minewatch.config.TownshipConfig;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.OwnMosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A county for case-desk tests on a real database (SQLite or PostgreSQL), a real outbox publishing to a
 * Mosquitto of the test's own, and a clock the test moves. Township Xinhe: districts north (teams north-1
 * with li-wei, north-2) and south (south-1 with zhang-min); site {@code road-1} in the north district.
 * Matters: SAND-FARM (township, tough), OVERLOAD (transport), ALTERED-BODY (traffic-police), RIVER-SAND
 * (water, delegated to Xinhe).
 */
final class CaseRig implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-12T14:30:00Z");
    static final double NORTH_LAT = 30.55;
    static final double NORTH_LON = 114.30;

    /** A clock the test sets; every reader sees the same instant. */
    static final class TestClock extends Clock {
        private final AtomicLong millis;

        TestClock(Instant start) {
            millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** One audit entry as the desk appended it. */
    record Audited(String actor, String action, String caseId, String detail) {
    }

    final Path dir;
    final DatabaseConfig dbConfig;
    final OwnMosquitto broker;
    final String prefix = FreePorts.topicPrefix();
    final TestClock clock = new TestClock(T0);
    final MinewatchConfig config;
    final List<Committed> committed = new CopyOnWriteArrayList<>();
    final List<Audited> audited = new CopyOnWriteArrayList<>();
    /** The meters of the running desk (a fresh registry at each start, as in a fresh process). */
    SimpleMeterRegistry registry;
    Database db;
    MqttConnection conn;
    Outbox outbox;
    CaseService desk;

    CaseRig(String kind, Path dir) throws Exception {
        this.dir = dir;
        this.dbConfig = Databases.of(kind, dir);
        Files.createDirectories(dir.resolve("broker"));
        this.broker = OwnMosquitto.start(dir.resolve("broker"));
        this.config = config(dir.resolve("storage"), dbConfig, broker.port(), prefix);
        start();
    }

    static MinewatchConfig config(Path storage, DatabaseConfig db, int port, String prefix) {
        AlertsConfig alerts = new AlertsConfig(60, 0, 0.7, 3600, "quick", Map.of("heavy_vehicle", "tough"),
                AlertsConfig.DEFAULT_DEADLINES_S, 3, false, 0, List.of(),
                List.of(new TownshipConfig("Xinhe", List.of(), List.of())),
                List.of(new DepartmentConfig("transport", "交通运输局 Transport", List.of()),
                        new DepartmentConfig("traffic-police", "交警大队 Traffic police", List.of()),
                        new DepartmentConfig("water", "水利局 Water", List.of("dredging"))));
        List<MatterConfig> matters = List.of(
                new MatterConfig("SAND-FARM", "非法占用农用地采砂", MatterConfig.TOWNSHIP, "tough", List.of("heavy_vehicle")),
                new MatterConfig("OVERLOAD", "货车超限超载", "transport", "quick", List.of("heavy_vehicle")),
                new MatterConfig("ALTERED-BODY", "擅自改装货车车厢", "traffic-police", "quick", List.of()),
                new MatterConfig("RIVER-SAND", "河道非法采砂", "water", "emergency", List.of("dredging")));
        DistrictConfig north = new DistrictConfig("north", "北片区", "Xinhe", square(30.50, 114.20, 30.60, 114.40),
                List.of(new TeamConfig("north-1", "北片一队", List.of("li-wei")),
                        new TeamConfig("north-2", "北片二队", List.of())));
        DistrictConfig south = new DistrictConfig("south", "南片区", "Xinhe", square(30.40, 114.20, 30.50, 114.40),
                List.of(new TeamConfig("south-1", "南片一队", List.of("zhang-min"))));
        Map<String, CaseDeadlines> deadlines = Map.of(
                "quick", new CaseDeadlines(Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3)),
                "tough", new CaseDeadlines(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24)),
                "emergency", new CaseDeadlines(Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofHours(4)));
        CasesConfig cases = new CasesConfig(ZoneId.of("Asia/Shanghai"), matters, Map.of("Xinhe", List.of("RIVER-SAND")),
                List.of(north, south), deadlines, null, 80, 1 << 20);
        SiteConfig road = new SiteConfig("road-1", "Road into the pit", "Xinhe", NORTH_LAT, NORTH_LON);
        return new MinewatchConfig(List.of(road), List.of(), List.of(),
                new MqttConfig(null, null, null, "minewatch-server", prefix, "127.0.0.1", port, MqttConfig.ANONYMOUS_OFF),
                new StorageConfig(storage), new HttpConfig("127.0.0.1", 0), db, alerts).withCases(cases);
    }

    static List<LatLon> square(double lat0, double lon0, double lat1, double lon1) {
        return List.of(new LatLon(lat0, lon0), new LatLon(lat0, lon1), new LatLon(lat1, lon1), new LatLon(lat1, lon0));
    }

    /** Opens the database, the outbox and the desk (again after {@link #stop()}). */
    void start() {
        registry = new SimpleMeterRegistry();
        db = Database.open(dbConfig);
        conn = new MqttConnection(broker.url(), "server-" + UUID.randomUUID(), null, null, prefix, Clock.systemUTC());
        outbox = new Outbox(new OutboxStore(db), conn, registry, Clock.systemUTC());
        outbox.onCommitted(committed::addAll);
        conn.start();
        outbox.start();
        desk = CaseService.start(db, config, id -> config.sites().stream().filter(s -> s.id().equals(id)).findFirst(),
                outbox, prefix, clock, config.storage().dir(),
                (actor, action, caseId, detail) -> audited.add(new Audited(actor, action, caseId, detail)), registry);
    }

    /** Closes the desk, the outbox, the connection and the database, as a server stop does. */
    void stop() throws Exception {
        desk.close();
        outbox.close();
        conn.close();
        db.close();
    }

    /** An alert row as the alert desk writes it, raised at the clock's time. */
    String alert(String site, String camera, String rule, String level, Double lat, Double lon) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        CaseStore store = new CaseStore(db);
        db.tx(c -> {
            store.insert(c, new CaseStore.Case(id, camera, site, rule, level, CaseStore.OPEN, false, null, 0,
                    "{}"), now);
            try (var ps = c.prepareStatement("UPDATE alert_case SET lat = ?, lon = ? WHERE id = ?")) {
                ps.setObject(1, lat);
                ps.setObject(2, lon);
                ps.setString(3, id);
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /** The committed messages on a topic (relative to the prefix). */
    List<Committed> on(String topic) {
        return committed.stream().filter(m -> m.topic().equals(prefix + "/" + topic)).toList();
    }

    Optional<Audited> lastAudit(String action) {
        List<Audited> l = audited.stream().filter(a -> a.action().equals(action)).toList();
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            broker.close();
            Databases.drop(dbConfig);
        }
    }
}
