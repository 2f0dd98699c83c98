package io.minewatch.server.flights.report;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.UserConfig;
import io.minewatch.server.api.ApiRoutes;
import io.minewatch.server.auth.Accounts;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.flights.FlightReports;
import io.minewatch.server.flights.FlightView;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.HttpServer;
import io.minewatch.server.http.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The real HTTP server (real route table from {@link ApiRoutes}, real sign-in, console assets, a real audit log)
 * with the flight report routes over a {@link FlightReports} of the flights a test puts in {@link #flights}.
 * Users: {@code ana} (analyst), {@code cmd} (command), {@code admin}, and official {@code li}; each password is
 * {@code <user>-Pw-4711}. A test may add routes of its own ({@code more}) before the table is built.
 */
public final class FlightReportSite implements AutoCloseable {
    public static final List<String> STAFF = List.of("ana", "cmd", "admin");
    public final Map<String, FlightView> flights = new ConcurrentHashMap<>();
    public final Path storage;
    public final AuditLog audit;
    private final HttpServer http;

    public FlightReportSite(Path storage, Consumer<Router.Builder> more) throws Exception {
        this.storage = storage;
        this.audit = AuditLog.open(storage.resolve("evidence/audit.jsonl"), Clock.systemUTC());
        Accounts accounts = Accounts.of(List.of(user("ana", UserConfig.ANALYST), user("cmd", UserConfig.COMMAND),
                        user("admin", UserConfig.ADMIN)),
                List.of(new OfficialConfig("li", "Li", "Xinhe", password("li"), OfficialConfig.ROLE_OFFICIAL)));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Authenticator auth = new Authenticator(accounts, Clock.systemUTC(), Duration.ofMinutes(30), false,
                (actor, action, subject) -> audit.append(actor, action, "", subject, ""), registry);
        HttpConfig config = new HttpConfig("127.0.0.1", 0);
        HttpRoutes routes = new HttpRoutes() {
            @Override
            public Health health() {
                return Health.of(true, 0);
            }

            @Override
            public String metrics() {
                return "";
            }
        };
        Router.Builder table = ApiRoutes.builder(routes, auth, config);
        FlightReports reports = id -> Optional.ofNullable(flights.get(id));
        ApiRoutes.withFlightReports(table, reports, storage, (actor, action, alert, subject) ->
                audit.append(actor, action, alert, subject, ""));
        more.accept(table);
        http = HttpServer.start(config, table.build(), auth, registry);
    }

    private static UserConfig user(String id, String role) {
        return new UserConfig(id, id, role, password(id), null);
    }

    public static String password(String user) {
        return user + "-Pw-4711";
    }

    public String base() {
        return "http://127.0.0.1:" + http.port();
    }

    /** Signs in over HTTP; the {@code mw_session=...} cookie. */
    public String cookie(HttpClient client, String user) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\""
                        + password(user) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + user + ": " + r.statusCode() + " " + r.body());
        }
        String c = r.headers().firstValue("set-cookie").orElseThrow();
        return c.substring(0, c.indexOf(';'));
    }

    @Override
    public void close() throws IOException {
        try {
            http.close();
        } finally {
            audit.close();
        }
    }
}
