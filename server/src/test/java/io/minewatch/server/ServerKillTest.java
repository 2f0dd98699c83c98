package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static io.minewatch.server.TestSite.MODEL;
import static io.minewatch.server.TestSite.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.PayloadSchemas;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real server (a child JVM running {@link Main}) mid-clip, with the broker (a Mosquitto
 * process of the test's own) stopped first so that alerts and other messages pile up undelivered, then
 * a restart on the same database: every message the killed server committed reaches the subscriber,
 * and duplicates carry the same msg_id.
 */
class ServerKillTest {
    private static final Path CLIP = TestSite.HAAR;

    @TempDir
    Path dir;

    @Test
    void killNineMidClipAndRestartLosesNothing() throws Exception {
        assertTrue(Files.isRegularFile(CLIP), "footage missing: " + CLIP + " (set MINEWATCH_SHARED)");
        assertTrue(Files.isExecutable(Path.of("/usr/sbin/mosquitto")), "Mosquitto not installed (scripts/test installs it)");
        int port = FreePorts.freePort();
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        Files.writeString(brokerDir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + "user " + System.getProperty("user.name") + "\npersistence true\npersistence_location " + brokerDir
                + "/\nlog_dest none\n");
        String prefix = "mwkill-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, """
                sites:
                  - id: river-north
                    lat: 30.59
                    lon: 114.30
                cameras:
                  - id: overpass-1
                    site: river-north
                    detect: %s
                    fps: 5
                    loop: true
                alerts:
                  gap_s: 3
                  stats_interval_s: 0.5
                mqtt:
                  url: tcp://127.0.0.1:%d
                  topic_prefix: %s
                storage:
                  dir: data
                http:
                  port: 0
                """.formatted(CLIP.toAbsolutePath(), port, prefix));
        Map<String, String> received = new ConcurrentHashMap<>();
        Set<String> duplicates = ConcurrentHashMap.newKeySet();
        List<String> invalid = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process broker = mosquitto(brokerDir, port);
        MqttClient sub = new MqttClient("tcp://127.0.0.1:" + port, "cc-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        Process server = null;
        try {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(false);
            o.setAutomaticReconnect(true);
            o.setMaxReconnectDelay(1000);
            sub.connect(o);
            sub.subscribe(prefix + "/#", 1, (topic, m) -> {
                String problem = m.getPayload().length == 0 ? null : PayloadSchemas.problem(topic, m.getPayload());
                if (problem != null) {
                    invalid.add(problem);
                }
                if (topic.endsWith("/server/status")) {
                    // Regression: server/status (the will too) had no msg_id; it validates now.
                    statuses.add(new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                    return;
                }
                JsonNode n = JSON.readTree(m.getPayload());
                String text = new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
                String before = received.putIfAbsent(n.get("msg_id").asText(), text);
                if (before != null && !before.equals(text)) {
                    duplicates.add(text);
                }
            });

            server = main(config);
            awaitReceived(received, r -> r.values().stream().anyMatch(t -> t.contains("\"event\":\"new\"")),
                    Duration.ofSeconds(90), "the first alert of the clip");
            stop(broker);
            Thread.sleep(4_000); // mid-clip, broker down: messages pile up in the outbox
            server.destroyForcibly(); // SIGKILL
            assertTrue(server.waitFor(10, TimeUnit.SECONDS));
            long killedAt = System.currentTimeMillis();
            Set<String> committed = committedBefore(dir.resolve("data/minewatch.db"), killedAt);
            assertTrue(committed.stream().anyMatch(id -> !received.containsKey(id)),
                    "the killed server left messages undelivered (else this test proves nothing)");

            broker = mosquitto(brokerDir, port);
            server = main(config);
            awaitReceived(received, r -> r.keySet().containsAll(committed), Duration.ofSeconds(60),
                    "every message the killed server committed");
            assertEquals(Set.of(), duplicates, "a duplicate must be the same message");
            assertEquals(List.of(), invalid, "payloads that do not validate against their schema files");
            assertTrue(statuses.stream().anyMatch(t -> t.contains("\"online\"")), "server/status online: " + statuses);
        } finally {
            if (server != null) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (sub.isConnected()) {
                sub.disconnectForcibly(500);
            }
            sub.close();
            stop(broker);
        }
    }

    private static Set<String> committedBefore(Path db, long beforeMs) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement ps = c.prepareStatement("SELECT msg_id FROM outbox WHERE created_at <= ?")) {
            ps.setLong(1, beforeMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        assertTrue(!ids.isEmpty(), "nothing committed");
        return ids;
    }

    private Process main(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config", config.toString(), "--model", MODEL.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }

    private static Process mosquitto(Path brokerDir, int port) throws Exception {
        Process p = new ProcessBuilder("/usr/sbin/mosquitto", "-c", brokerDir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(brokerDir.resolve("out.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        return fail("Mosquitto did not start on " + port);
    }

    private static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitReceived(Map<String, String> received, java.util.function.Predicate<Map<String, String>> done,
            Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(received)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; server log:\n" + tail(dir.resolve("server.log")));
            }
            Thread.sleep(100);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        var lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
