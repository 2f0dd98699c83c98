package io.minewatch.alerts.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.minewatch.config.DatabaseConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Normal operation on the real Mosquitto: each message exactly once, in order, marked delivered; on SQLite
 * and on PostgreSQL (a fresh schema, dropped after).
 */
class OutboxDeliveryTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void withoutFailuresEveryMessageArrivesOnceInOrder(String kind) throws Exception {
        DatabaseConfig config = Databases.of(kind, dir);
        try {
            deliver(config);
        } finally {
            Databases.drop(config);
        }
    }

    private void deliver(DatabaseConfig config) throws Exception {
        Brokers.requireMosquitto();
        String prefix = Brokers.randomPrefix();
        try (TestSubscriber sub = TestSubscriber.subscribe(Brokers.MOSQUITTO_URL, prefix + "/#");
                Database db = Database.open(config);
                MqttConnection conn = new MqttConnection(Brokers.MOSQUITTO_URL, "server-" + prefix, null, null, prefix,
                        Clock.systemUTC());
                Outbox outbox = new Outbox(new OutboxStore(db), conn, new SimpleMeterRegistry(), Clock.systemUTC())) {
            conn.start();
            outbox.start();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = Outbox.newMessageId();
                sent.add(id);
                outbox.append(new OutboundMessage(id, "test", prefix + "/x", id.getBytes(StandardCharsets.UTF_8), false,
                        null));
            }
            List<String> got = sub.next(prefix + "/x", 50, Duration.ofSeconds(10)).stream()
                    .map(TestSubscriber.Received::text).toList();
            assertEquals(sent, got);
            // Regression: a rewind flag left set at start re-sent the first message.
            assertNull(sub.poll(Duration.ofSeconds(1)), "no duplicate");
            io.minewatch.alerts.testing.Await.until(() -> outbox.store().pendingCount() == 0, Duration.ofSeconds(10),
                    "every message is marked delivered");
        }
    }
}
