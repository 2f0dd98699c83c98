package io.minewatch.alerts.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.testkit.OwnMosquitto;
import io.minewatch.alerts.testing.TestSubscriber;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import io.minewatch.config.DatabaseConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The issue's outage case with a real Mosquitto: the broker is stopped for 60 s while alerts keep
 * being raised; once it is back the subscriber has every alert, in order, none lost. Runs on SQLite and
 * on PostgreSQL (a fresh schema, dropped after).
 */
class OutboxOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("minewatch.test.outage_s", 60));

    @TempDir
    Path dir;

    // The two databases' outages run side by side: each has its own broker, schema and folder.
    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void sixtySecondBrokerOutageLosesNothingAndKeepsOrder(String kind) throws Exception {
        DatabaseConfig config = Databases.of(kind, dir);
        try {
            outage(config);
        } finally {
            Databases.drop(config);
        }
    }

    private void outage(DatabaseConfig config) throws Exception {
        Path brokerDir = dir.resolve("broker");
        java.nio.file.Files.createDirectories(brokerDir);
        String prefix = "mw-outage-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> sent = new ArrayList<>();
        try (OwnMosquitto broker = OwnMosquitto.start(brokerDir);
                Database db = Database.open(config);
                TestSubscriber phone = TestSubscriber.persistent(broker.url(), "phone-" + prefix, null, null,
                        prefix + "/alerts/#")) {
            MqttConnection conn = new MqttConnection(broker.url(), "server-" + prefix, null, null, prefix,
                    Clock.systemUTC());
            Outbox outbox = new Outbox(new OutboxStore(db), conn, new SimpleMeterRegistry(), Clock.systemUTC());
            try {
                conn.start();
                outbox.start();
                for (int i = 0; i < 5; i++) {
                    sent.add(raise(outbox, prefix, i));
                }
                broker.stop();
                // Alerts raised through the whole outage: one every 3 s for 60 s.
                long end = System.nanoTime() + OUTAGE.toNanos();
                int i = 5;
                while (System.nanoTime() < end) {
                    sent.add(raise(outbox, prefix, i++));
                    Thread.sleep(3_000);
                }
                broker.startProcess();
                for (int k = 0; k < 5; k++) {
                    sent.add(raise(outbox, prefix, i++));
                }

                List<String> got = receiveDistinct(phone, sent.size(), Duration.ofSeconds(60));
                assertEquals(sent, got, "every alert, in order, none lost (undelivered in the outbox: "
                        + outbox.store().pendingCount() + ", server connected: " + conn.connected() + ")"
                        + (got.size() < sent.size() ? "\n" + broker.log() : ""));
                // The subscriber may see a message before the server has recorded its PUBACK.
                io.minewatch.alerts.testing.Await.until(() -> outbox.store().pendingCount() == 0,
                        Duration.ofSeconds(10), "every message is marked delivered");
            } finally {
                outbox.close();
                conn.close();
            }
        }
        assertTrue(sent.size() >= OUTAGE.toSeconds() / 3, "alerts raised during the outage: " + sent.size());
    }

    private static String raise(Outbox outbox, String prefix, int n) {
        String msgId = Outbox.newMessageId();
        String payload = "{\"schema\":\"minewatch.test/1\",\"msg_id\":\"" + msgId + "\",\"n\":" + n + "}";
        outbox.append(new OutboundMessage(msgId, "alert", prefix + "/alerts/site-1/cam-1",
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, null));
        return msgId;
    }

    /** Receives until {@code n} distinct msg_ids arrived (duplicates dropped by id, as a subscriber does). */
    static List<String> receiveDistinct(TestSubscriber sub, int n, Duration timeout) throws Exception {
        Set<String> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < n && System.nanoTime() < deadline) {
            TestSubscriber.Received r = sub.poll(Duration.ofMillis(500));
            if (r != null) {
                JsonNode json = AlertJson.mapper().readTree(r.payload());
                seen.add(json.get("msg_id").asText());
            }
        }
        return new ArrayList<>(seen);
    }
}
