package io.minewatch.alerts.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Await;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.Desks;
import io.minewatch.alerts.testing.Schemas;
import io.minewatch.alerts.testing.TestSubscriber;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker with officials' secrets and per-topic authorisation, with the server on it. */
class BrokerSecurityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final String prefix = Brokers.randomPrefix();
    private final Topics topics = new Topics(prefix);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> open = new ArrayList<>();
    private EmbeddedBroker broker;
    private AlertDispatcher desk;

    private void start(String anonymous) throws Exception {
        MinewatchConfig config = Desks.config(prefix, dir, Databases.sqlite(dir), 600, 0);
        Database db = keep(Database.open(config.database()));
        // The authorizer asks the desk, which exists only after the broker: a late-bound reference.
        AlertDispatcher[] ref = new AlertDispatcher[1];
        BrokerSecurity security = new BrokerSecurity(prefix, anonymous, "minewatch-server", config.officials(),
                (alert, official) -> ref[0] != null && ref[0].routed(alert, official));
        broker = keep(EmbeddedBroker.start("127.0.0.1", 0, security));
        MqttConnection conn = new MqttConnection(broker.url(), "minewatch-server", security.serverUser(),
                security.serverSecret(), prefix, Clock.systemUTC());
        Outbox outbox = new Outbox(new OutboxStore(db), conn, registry, Clock.systemUTC());
        desk = new AlertDispatcher(config, outbox, registry, Clock.systemUTC(), dir);
        ref[0] = desk;
        keep(conn);
        keep(outbox);
        keep(desk);
        conn.subscribe(topics.ackFilter(), desk::onAck);
        conn.start();
        outbox.start();
        desk.start();
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(0, c);
        return c;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private TestSubscriber login(String official, String filter) throws MqttException {
        return keep(TestSubscriber.persistent(broker.url(), official + "-phone-" + UUID.randomUUID(), official,
                Desks.SECRETS.get(official), filter));
    }

    @Test
    void officialsReadOnlyTheirOwnTopicsAndAckOnlyWhatIsRoutedToThem() throws Exception {
        start(MqttConfig.ANONYMOUS_OFF);
        TestSubscriber li = login("li", topics.official("li").replace("/alerts", "/#"));
        // Not another official's topic, not the command-centre feed, not everything.
        assertThrows(MqttException.class, () -> li.subscribe(topics.official("wang")));
        assertThrows(MqttException.class, () -> li.subscribe(prefix + "/alerts/#"));
        assertThrows(MqttException.class, () -> li.subscribe("#"));
        assertThrows(MqttException.class, () -> li.subscribe(prefix + "/officials/+/alerts"));
        TestSubscriber cc = login("cc", prefix + "/#");
        TestSubscriber zhou = login("zhou", topics.official("zhou"));

        desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
        JsonNode routed = Schemas.validate(li.next(topics.official("li"), WAIT).payload());
        String id = routed.get("alert").get("id").asText();
        assertEquals(id, Schemas.validate(cc.next(topics.alert("pit", "cam-1"), WAIT).payload()).get("id").asText());

        // zhou is not routed: the broker drops the publish, the server never sees it.
        assertFalse(zhou.tryPublish(topics.ack(id), "{\"schema\":\"minewatch.ack/1\",\"official\":\"li\","
                + "\"action\":\"false_alarm\"}", Duration.ofSeconds(2)), "the broker refuses zhou's ack");
        li.publish(routed.get("ack_topic").asText(), "{\"schema\":\"minewatch.ack/1\",\"official\":\"li\","
                + "\"action\":\"ack\",\"note\":\"seen\"}", false);
        Await.until(() -> registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_RESULT, "accepted").count() == 1,
                WAIT, "li's ack accepted");
        desk.awaitIdle(5_000);
        Thread.sleep(500);
        assertEquals(1.0, registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_RESULT, "accepted").count());
        assertEquals(0.0, registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_RESULT, "refused").count(),
                "zhou's ack never reached the server");
    }

    @Test
    void anonymousAndWrongSecretsAreRefusedUnlessAnonymousReadIsConfigured() throws Exception {
        start(MqttConfig.ANONYMOUS_OFF);
        assertThrows(MqttException.class, () -> TestSubscriber.subscribe(broker.url(), prefix + "/#"));
        assertThrows(MqttException.class, () -> TestSubscriber.persistent(broker.url(), "x-" + UUID.randomUUID(), "li",
                "wrong", null));
    }

    @Test
    void anonymousReadMayWatchButNotPublish() throws Exception {
        start(MqttConfig.ANONYMOUS_READ);
        TestSubscriber anon = keep(TestSubscriber.subscribe(broker.url(), prefix + "/#"));
        desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
        String id = Schemas.validate(anon.next(topics.alert("pit", "cam-1"), WAIT).payload()).get("id").asText();
        assertFalse(anon.tryPublish(topics.ack(id), "{\"schema\":\"minewatch.ack/1\",\"official\":\"li\","
                + "\"action\":\"ack\"}", Duration.ofSeconds(2)), "the broker refuses an anonymous publish");
        desk.awaitIdle(5_000);
        Thread.sleep(500);
        assertTrue(registry.find(AlertMetrics.ACKS).counters().isEmpty(), "the anonymous ack never reached the server");
    }
}
