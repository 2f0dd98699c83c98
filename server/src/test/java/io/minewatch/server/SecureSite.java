package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.minewatch.alerts.clips.ClipStore;
import io.minewatch.alerts.lifecycle.Step;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import io.minewatch.server.auth.PasswordHasher;
import io.minewatch.testkit.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The real server for the security and contract tests: one site routed to official {@code li}, a
 * second official {@code wang}, a command-centre official {@code cc}, users {@code admin} (plain-text
 * password from the environment) and {@code ana} (analyst, stored Argon2id hash), and {@code victim}
 * (kept for the throttle test); for the case loop, department users {@code transport} and {@code police}
 * (traffic-police), reviewer {@code rev}, and {@link CaseFixtures}' districts with li in team north-1 and
 * wang in south-1. One alert, raised through the real desk, routed to {@code li}, with a
 * clip in the store. Every log line (DEBUG and up from minewatch) is captured unmasked.
 */
final class SecureSite implements AutoCloseable {
    static final Map<String, String> PASSWORDS = Map.of(
            "admin", "admin-Pw-7731", "ana", "ana-Pw-8812", "victim", "victim-Pw-9901",
            "li", "li-Secret-4410", "wang", "wang-Secret-5520", "cc", "cc-Secret-6630",
            "transport", "transport-Pw-7740", "police", "police-Pw-8850", "rev", "rev-Pw-9960");

    final Application app;
    final String base;
    final Path storage;
    final String alertId;
    final List<String> logLines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> capture;
    private final Logger minewatch = (Logger) LoggerFactory.getLogger("io.minewatch");
    private final Level oldLevel;

    SecureSite(Path dir, String extraHttp) throws Exception {
        capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                logLines.add(e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
            }
        };
        capture.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(capture);
        oldLevel = minewatch.getLevel();
        minewatch.setLevel(Level.DEBUG);
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - {id: pit, lat: 30.60, lon: 114.34, officials: [li]}
                officials:
                  - {id: li, name: Li, secret: "${LI_SECRET}"}
                  - {id: wang, name: Wang, secret: "${WANG_SECRET}"}
                  - {id: cc, name: Command, role: command, secret: "${CC_SECRET}"}
                users:
                  - {id: admin, name: 管理员, role: admin, password: "${MINEWATCH_PASSWORD_ADMIN:-demo-admin}"}
                  - {id: ana, role: analyst, password_hash: "%s"}
                  - {id: victim, role: analyst, password: "${VICTIM_PW}"}
                  - {id: transport, role: department, department: transport, password: "${TRANSPORT_PW}"}
                  - {id: police, role: department, department: traffic-police, password: "${POLICE_PW}"}
                  - {id: rev, role: reviewer, password: "${REV_PW}"}
                %s
                mqtt:
                  embedded_port: %d
                  anonymous: read
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                %s
                """.formatted(PasswordHasher.hash(PASSWORDS.get("ana")), CaseFixtures.DEPARTMENTS_YAML,
                FreePorts.freePort(), FreePorts.topicPrefix(), extraHttp));
        MinewatchConfig cfg = ConfigLoader.load(config, Map.of("MINEWATCH_PASSWORD_ADMIN", PASSWORDS.get("admin"),
                "LI_SECRET", PASSWORDS.get("li"), "WANG_SECRET", PASSWORDS.get("wang"),
                "CC_SECRET", PASSWORDS.get("cc"), "VICTIM_PW", PASSWORDS.get("victim"),
                "TRANSPORT_PW", PASSWORDS.get("transport"), "POLICE_PW", PASSWORDS.get("police"),
                "REV_PW", PASSWORDS.get("rev")))
                // The case loop (issue 18): li is in the north district's team, wang in the south's.
                .withCases(CaseFixtures.cases(List.of("li"), List.of("wang"), 1 << 20));
        storage = cfg.storage().dir();
        app = Application.create(cfg, MODEL);
        base = (cfg.http().tls() == null ? "http" : "https") + "://127.0.0.1:" + app.httpPort();
        CompletableFuture<String> raised = new CompletableFuture<>();
        app.desk().onLifecycle((step, camera) -> {
            if (Step.NEW.equals(step.kind())) {
                raised.complete(step.alert().id());
            }
        });
        app.desk().onEvent(new DetectionEvent("heavy_vehicle", "cam-x", "pit", 1, Instant.now(), 1.0,
                "heavy_vehicle", "truck", 0.95f, new Box(10, 10, 100, 100), 640, 360, null));
        alertId = raised.get(30, TimeUnit.SECONDS);
        ClipStore store = new ClipStore(storage);
        Path clip = store.newClip("cam-x", alertId, Instant.now());
        Files.write(clip, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'});
        String name = clip.getFileName().toString();
        Files.writeString(clip.resolveSibling(name.substring(0, name.length() - 4) + ".json"),
                "{\"alerts\":[\"" + alertId + "\"],\"state\":\"complete\",\"sha256\":\"\"}");
    }

    /** Sends a raw request from {@code from} (any 127.x address) and reads until the server closes. */
    static String raw(int port, String from, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A sign-in sent from {@code from}; the raw answer. */
    String login(String from, String user, String password) throws IOException {
        String body = TestSite.JSON.createObjectNode().put("user", user).put("password", password).toString();
        return raw(app.httpPort(), from, "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body);
    }

    @Override
    public void close() {
        app.close();
        minewatch.setLevel(oldLevel);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(capture);
    }
}
