package io.minewatch.server.live;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.broker.EmbeddedBroker;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.dispatch.RouteBook;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.DepartmentConfig;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.SiteRouting;
import io.minewatch.config.TownshipConfig;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.UserConfig;
import io.minewatch.server.api.ApiRoutes;
import io.minewatch.server.auth.Accounts;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.HttpServer;
import io.minewatch.server.http.WebSocketUpgrades;
import io.minewatch.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real server stack under the live feed: SQLite database, embedded MQTT broker, MQTT connection,
 * outbox, alerts desk (site {@code pit} routed to {@code li} and township team {@code wang};
 * {@code zhou} is routed nothing; {@code dredging} whistles to {@code water}), the hub and the HTTP
 * server (real route table and sign-in) with the live route; sessions come from signing in through
 * the real {@link Authenticator}: {@code cmd} (command) and the officials {@code li}, {@code wang},
 * {@code zhou}.
 */
final class LiveStack implements AutoCloseable {
    private static final String PASSWORD = "cmd-password-123";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final String prefix = FreePorts.topicPrefix();
    final EmbeddedBroker broker;
    final Database database;
    final Outbox outbox;
    final AlertDispatcher desk;
    final LiveFeed feed;
    final HttpServer http;
    final Authenticator auth;
    private final Map<String, String> cookies = new java.util.HashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    LiveStack(Path dir, LiveFeed.Limits limits) throws Exception {
        try {
            broker = keep(EmbeddedBroker.start(0));
            database = keep(Database.open(new DatabaseConfig("jdbc:sqlite:" + dir.resolve("minewatch.db"), null, null,
                    null)));
            MqttConnection conn = keep(new MqttConnection(broker.url(), "server-" + prefix, null, null, prefix,
                    Clock.systemUTC()));
            outbox = keep(new Outbox(new OutboxStore(database), conn, registry, Clock.systemUTC()));
            RouteBook routes = new RouteBook(database);
            desk = keep(new AlertDispatcher(alerts(), List.of(site()), prefix, routes, outbox, registry,
                    Clock.systemUTC(), dir));
            feed = keep(LiveFeed.start(outbox, routes::officials, registry, limits));
            // The real sign-in: a command-centre user and three officials (their secrets).
            Accounts accounts = Accounts.of(List.of(new UserConfig("cmd", "Command", Caller.COMMAND, PASSWORD, null)),
                    List.of(official("li"), official("wang"), official("zhou")));
            auth = new Authenticator(accounts, Clock.systemUTC(), Duration.ofMinutes(30), false,
                    (actor, action, subject) -> { }, registry);
            HttpConfig config = new HttpConfig("127.0.0.1", 0);
            WebSocketUpgrades ws = new WebSocketUpgrades(auth)
                    .register(LiveFeedEndpoint.PATH, new LiveFeedEndpoint(feed));
            http = keep(HttpServer.start(config, ApiRoutes.builder(new Routes(), auth, config).build(), auth, registry,
                    ws));
            conn.start();
            outbox.start();
            desk.start();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private static OfficialConfig official(String id) {
        return new OfficialConfig(id, id, "Xinhe", id + "-secret-123", OfficialConfig.ROLE_OFFICIAL);
    }

    /** The session cookie ({@code mw_session=<token>}) of a user signed in through the Authenticator. */
    synchronized String cookie(String user) {
        return cookies.computeIfAbsent(user, u -> {
            Authenticator.Login login = auth.login(u, u.equals("cmd") ? PASSWORD : u + "-secret-123", "127.0.0.1");
            if (!(login instanceof Authenticator.Ok ok)) {
                throw new IllegalStateException("cannot sign in as " + u + ": " + login);
            }
            return ok.setCookie().split(";", 2)[0];
        });
    }

    private static SiteConfig site() {
        return new SiteConfig("pit", "Sand pit", "Xinhe", 30.5, 114.3,
                new SiteRouting(List.of("li"), List.of("zhao", "cc")));
    }

    private static AlertsConfig alerts() {
        return new AlertsConfig(60, 0, 0.7, 3600, "quick",
                Map.of("dredging", "emergency", "heavy_vehicle", "tough"),
                Map.of("quick", 1800.0, "tough", 600.0, "emergency", 600.0), 3, false, 0, List.of(),
                List.of(new TownshipConfig("Xinhe", List.of("wang"), List.of("heavy_vehicle"))),
                List.of(new DepartmentConfig("water", "Water Bureau", List.of("dredging"))));
    }

    /** A detection on camera cam-1 at site pit; each object number is a new alert. */
    void fire(String rule, long object) {
        fire(rule, object, "cam-1");
    }

    /** A detection on a camera of site pit: another camera (or rule) is another alert. */
    void fire(String rule, long object, String camera) {
        desk.onEvent(new DetectionEvent(rule, camera, "pit", object, Instant.now(), 1.0, "heavy_vehicle", "truck",
                0.8f, new Box(10, 100, 60, 200), 640, 360, "snapshots/" + camera + "/" + object + ".jpg"));
    }

    String url(String query) {
        return "ws://127.0.0.1:" + http.port() + LiveFeedEndpoint.PATH + (query == null ? "" : "?" + query);
    }

    double cut(String reason) {
        var c = registry.find(LiveMetrics.CUT).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(0, c);
        return c;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static final class Routes implements HttpRoutes {
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
