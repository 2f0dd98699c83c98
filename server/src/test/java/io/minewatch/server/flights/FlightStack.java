package io.minewatch.server.flights;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.routing.LiveRouting;
import io.minewatch.alerts.dispatch.RouteBook;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.DroneOptics;
import io.minewatch.config.FlightsConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.SiteRouting;
import io.minewatch.config.TownshipConfig;
import io.minewatch.detect.geo.SiteGeofences;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCards;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.SharedFiles;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A real flight stack for tests: SQLite, the alerts desk and outbox on the test Mosquitto, YOLOX-nano in
 * a pool, and a {@link FlightService} over them. Site {@code pit} (official {@code li}) is centred on
 * {@link #PIT_LAT}, {@link #PIT_LON}.
 */
final class FlightStack implements AutoCloseable {
    static final double PIT_LAT = 30.5;
    static final double PIT_LON = 114.3;
    static final String PREFIX = "minewatch-test-" + UUID.randomUUID().toString().substring(0, 8);

    final Path storage;
    final Database database;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final DjlModel model;
    final DetectorPool pool;
    final MqttConnection connection;
    final Outbox outbox;
    final AlertDispatcher desk;
    final MqttAlertSink sink;
    FlightService flights;

    FlightStack(Path storage, DatabaseConfig db, int workers) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 2000);
        }
        this.storage = storage;
        this.database = Database.open(db);
        ModelCards cards = new ModelCards(SharedFiles.model("yolox-nano"));
        this.model = DjlModel.load(cards.get(null), 1);
        this.pool = new DetectorPool(Map.of("yolox-nano", model::newDetector), workers, registry);
        SiteConfig pit = new SiteConfig("pit", "Sand pit", "Xinhe", PIT_LAT, PIT_LON,
                new SiteRouting(List.of("li"), List.of("cc")));
        AlertsConfig alerts = new AlertsConfig(60, 0, 0.7, 3600, "quick", Map.of("heavy_vehicle", "tough"),
                Map.of("quick", 1800.0, "tough", 600.0, "emergency", 60.0), 3, false, 0, List.of(),
                List.of(new TownshipConfig("Xinhe", List.of(), List.of("heavy_vehicle"))), List.of());
        LiveRouting routing = new LiveRouting(alerts, List.of(pit),
                List.of(new OfficialConfig("li", "li", "Xinhe", "li-secret", OfficialConfig.ROLE_OFFICIAL)));
        this.connection = new MqttConnection("tcp://127.0.0.1:1883", "server-" + PREFIX + "-" + System.nanoTime(),
                null, null, PREFIX, Clock.systemUTC());
        this.outbox = new Outbox(new OutboxStore(database), connection, registry, Clock.systemUTC());
        this.desk = new AlertDispatcher(routing, PREFIX, new RouteBook(database), outbox, registry, Clock.systemUTC(),
                storage);
        this.sink = new MqttAlertSink(connection, outbox, PREFIX, registry);
        connection.start();
        outbox.start();
        desk.start();
    }

    /**
     * The {@code flights:} config of the tests: drone model {@code mavic3} with a 71° horizontal view (16:9),
     * camera pointing straight down unless the telemetry says otherwise.
     */
    static final FlightsConfig FLIGHTS_CONFIG = new FlightsConfig(Path.of("unused"), FlightsConfig.DEFAULT_MAX_UPLOAD_BYTES,
            5, Map.of("mavic3", DroneOptics.fromAspect(71, DroneOptics.DEFAULT_ASPECT, -90.0)));

    /** A flight service wired as the server wires it (SrtParser, TelemetryGeotagger, SiteGeofences), not started. */
    FlightService service() {
        return new FlightService(database, FlightSettings.defaults(storage), pool, "yolox-nano", desk,
                new SnapshotWriter(storage), sink, () -> new SiteGeofences(List.of(new SiteConfig("pit", "Sand pit",
                        "Xinhe", PIT_LAT, PIT_LON))), FlightWiring.srt(), FlightWiring.geotaggers(FLIGHTS_CONFIG),
                Clock.systemUTC(), registry);
    }

    /** Starts a flight service wired as the server wires it. */
    FlightService start() {
        flights = service().start();
        return flights;
    }

    /** Stops the flight service only (as a server stopping would), keeping the rest. */
    void stopFlights() {
        flights.close();
    }

    /** Payloads the outbox committed of this kind, in order. */
    List<String> outboxPayloads(String kind) {
        return database.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM outbox WHERE kind = ? ORDER BY seq")) {
                ps.setString(1, kind);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                return out;
            }
        });
    }

    static void until(BooleanSupplier c, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out after " + timeout + " waiting until " + what);
            Thread.sleep(50);
        }
    }

    /**
     * The test flight's video, made once from the shared nadir drone clip (7 s, scaled to 720p to keep
     * the test short) with the shared wheel-loader photo (Komatsu WA430, 560 px wide) driven across it
     * from 0.5 to 2.5 s and again from 4.5 to 6.5 s (250 px/s) — the default COCO model sees nothing in
     * the drone clip itself (shared/README), and heavy_vehicle fires only on a moving vehicle, so the
     * loader (a "truck" at 0.63–0.76 here) gives it something real to find at two known times.
     */
    static synchronized Path footage() throws Exception {
        Path out = Path.of("target", "test-footage", "drone-with-loader.mp4").toAbsolutePath();
        if (!Files.isRegularFile(out)) {
            Files.createDirectories(out.getParent());
            Path tmp = out.resolveSibling("drone-with-loader.part.mp4");
            FfmpegCli.ffmpeg("-i", SharedFiles.video("spatialhast_drone_aerial_city.mp4").toString(),
                    "-loop", "1", "-i", SharedFiles.image("machines/komatsu-430.jpg").toString(),
                    "-filter_complex", "[0:v]scale=1280:720[d];[1:v]scale=560:-2[t];[d][t]overlay="
                            + "x='40+250*mod(t-0.5\\,4)':y=200:shortest=1:"
                            + "enable='between(t\\,0.5\\,2.5)+between(t\\,4.5\\,6.5)'",
                    "-t", "7", "-an", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
                    tmp.toString());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return out;
    }

    /** A copy of the footage the flight service may move into its folder. */
    Path upload(String name) throws Exception {
        Path up = Files.createDirectories(storage.resolve("uploads")).resolve(name);
        Files.copy(footage(), up, StandardCopyOption.REPLACE_EXISTING);
        return up;
    }

    @Override
    public void close() {
        if (flights != null) {
            flights.close();
        }
        desk.close();
        outbox.close();
        connection.close();
        pool.close();
        model.close();
        database.close();
    }
}
