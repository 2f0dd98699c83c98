package io.minewatch.alerts.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.dispatch.RouteBook;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Await;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.Desks;
import io.minewatch.alerts.testing.TestSubscriber;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.PayloadSchemas;
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

/**
 * MQTT over WebSocket on the embedded broker, with Paho 1.2.5 over {@code ws://}: the same logins,
 * client-id binding and ACLs as on TCP, because it is the same front door. The server itself stays
 * on TCP.
 */
class BrokerWebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final String prefix = Brokers.randomPrefix();
    private final Topics topics = new Topics(prefix);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> open = new ArrayList<>();
    private EmbeddedBroker broker;
    private AlertDispatcher desk;
    private Database db;

    private void start(String anonymous) throws Exception {
        MinewatchConfig config = Desks.config(prefix, dir, Databases.sqlite(dir), 600, 0);
        db = keep(Database.open(config.database()));
        RouteBook routes = new RouteBook(db);
        BrokerSecurity security = new BrokerSecurity(prefix, anonymous, "minewatch-server", config.officials(),
                routes);
        broker = keep(EmbeddedBroker.start("127.0.0.1", 0, security, FreePorts.freePort()));
        MqttConnection conn = new MqttConnection(broker.url(), "minewatch-server", security.serverUser(),
                security.serverSecret(), prefix, Clock.systemUTC());
        Outbox outbox = new Outbox(new OutboxStore(db), conn, registry, Clock.systemUTC());
        desk = new AlertDispatcher(config.alerts(), config.sites(), config.mqtt().topicPrefix(), routes, outbox,
                registry, Clock.systemUTC(), dir);
        keep(conn);
        keep(outbox);
        keep(desk);
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

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private TestSubscriber login(String official, String filter) throws MqttException {
        return keep(TestSubscriber.persistent(broker.webSocketUrl(), official + ".phone-" + UUID.randomUUID(),
                official, Desks.SECRETS.get(official), filter));
    }

    private static String ack(String official, String action) {
        return "{\"schema\":\"minewatch.ack/1\",\"official\":\"" + official + "\",\"action\":\"" + action + "\"}";
    }

    private double acks(String result) {
        return registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, result).count();
    }

    @Test
    void anOfficialReadsTheirOwnTopicsOverWebSocketAndIsRefusedAnothers() throws Exception {
        start(MqttConfig.ANONYMOUS_OFF);
        assertTrue(broker.webSocketUrl().startsWith("ws://127.0.0.1:") && broker.webSocketUrl().endsWith("/mqtt"));
        TestSubscriber li = login("li", topics.official("li"));
        assertThrows(MqttException.class, () -> li.subscribe(topics.official("wang")));
        assertThrows(MqttException.class, () -> li.subscribe(prefix + "/#"));
        desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
        JsonNode routed = PayloadSchemas.validate(li.next(topics.official("li"), WAIT).payload());
        String id = routed.get("alert").get("id").asText();
        // An ack on the official's own topic goes through, over WebSocket as over TCP.
        li.publish(routed.get("ack_topic").asText(), ack("li", "on_my_way"), false);
        Await.until(() -> acks("accepted") == 1, WAIT, "li's ack over WebSocket accepted");
        desk.awaitIdle(5_000);
        assertEquals(CaseStore.ACKNOWLEDGED, db.tx(c -> desk.cases().find(c, id)).state());
    }

    @Test
    void forgedAcksOverWebSocketAreRefused() throws Exception {
        start(MqttConfig.ANONYMOUS_OFF);
        TestSubscriber li = login("li", topics.official("li"));
        TestSubscriber zhou = login("zhou", topics.official("zhou"));
        desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
        String id = PayloadSchemas.validate(li.next(topics.official("li"), WAIT).payload()).get("alert").get("id")
                .asText();
        assertTrue(desk.routed(id, "wang"), "alert id read from li's copy: " + id);
        // On wang's topic, and zhou (not routed) on their own: the broker drops both.
        assertFalse(li.tryPublish(topics.ack(id, "wang"), ack("wang", "false_alarm"), Duration.ofSeconds(2)),
                "li may not publish on wang's ack topic");
        assertFalse(zhou.tryPublish(topics.ack(id, "zhou"), ack("zhou", "false_alarm"), Duration.ofSeconds(2)),
                "zhou is not routed");
        // On li's own topic naming wang: through the broker, refused by the server as forged.
        li.publish(topics.ack(id, "li"), ack("wang", "false_alarm"), false);
        Await.until(() -> acks(AlertMetrics.ACK_FORGED) == 1, WAIT, "the forged ack refused");
        desk.awaitIdle(5_000);
        assertEquals(CaseStore.OPEN, db.tx(c -> desk.cases().find(c, id)).state());
        assertEquals(0.0, acks("accepted"));
    }

    @Test
    void loginsAndClientIdsAreCheckedAsOnTcp() throws Exception {
        start(MqttConfig.ANONYMOUS_OFF);
        String ws = broker.webSocketUrl();
        assertThrows(MqttException.class, () -> TestSubscriber.subscribe(ws, prefix + "/#"), "anonymous refused");
        assertThrows(MqttException.class, () -> TestSubscriber.persistent(ws, "li.x-" + UUID.randomUUID(), "li",
                "wrong", null), "wrong secret refused");
        // zhou may not take li's client id (and so li's persistent session).
        TestSubscriber li = login("li", topics.official("li"));
        assertThrows(MqttException.class, () -> TestSubscriber.persistent(ws, "li", "zhou",
                Desks.SECRETS.get("zhou"), null), "another official's client id refused");
        assertTrue(li.isConnected());
    }

    @Test
    void anonymousReadAllowsWatchingOverWebSocketButNotPublishing() throws Exception {
        start(MqttConfig.ANONYMOUS_READ);
        TestSubscriber anon = keep(TestSubscriber.subscribe(broker.webSocketUrl(), prefix + "/alerts/#"));
        desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
        String id = PayloadSchemas.validate(anon.next(topics.alert("pit", "cam-1"), WAIT).payload()).get("id").asText();
        assertFalse(anon.tryPublish(topics.ack(id, "li"), ack("li", "ack"), Duration.ofSeconds(2)),
                "an anonymous publish is refused");
    }
}
