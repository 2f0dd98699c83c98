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
import io.minewatch.config.OfficialConfig;
import io.minewatch.testkit.PayloadSchemas;
import java.nio.charset.StandardCharsets;
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
    private MqttConnection server;
    private Database db;

    private void start(String anonymous) throws Exception {
        MinewatchConfig config = Desks.config(prefix, dir, Databases.sqlite(dir), 600, 0);
        db = keep(Database.open(config.database()));
        // As the server wires it: the authorizer reads the route book the desk (built later) fills.
        RouteBook routes = new RouteBook(db);
        BrokerSecurity security = new BrokerSecurity(prefix, anonymous, "minewatch-server", config.officials(),
                routes);
        broker = keep(EmbeddedBroker.start("127.0.0.1", 0, security));
        MqttConnection conn = server = new MqttConnection(broker.url(), "minewatch-server", security.serverUser(),
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
        return keep(TestSubscriber.persistent(broker.url(), official + ".phone-" + UUID.randomUUID(), official,
                Desks.SECRETS.get(official), filter));
    }

    private static String ack(String official, String action) {
        return "{\"schema\":\"minewatch.ack/1\",\"official\":\"" + official + "\",\"action\":\"" + action + "\"}";
    }

    private double acks(String result) {
        return registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, result).count();
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
        JsonNode routed = PayloadSchemas.validate(li.next(topics.official("li"), WAIT).payload());
        String id = routed.get("alert").get("id").asText();
        assertEquals(id, PayloadSchemas.validate(cc.next(topics.alert("pit", "cam-1"), WAIT).payload()).get("id").asText());

        // zhou is not routed: the broker drops the publish, the server never sees it.
        assertFalse(zhou.tryPublish(topics.ack(id, "zhou"), ack("zhou", "false_alarm"), Duration.ofSeconds(2)),
                "the broker refuses zhou's ack");
        li.publish(routed.get("ack_topic").asText(), "{\"schema\":\"minewatch.ack/1\",\"official\":\"li\","
                + "\"action\":\"ack\",\"note\":\"seen\"}", false);
        Await.until(() -> registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, "accepted").count() == 1,
                WAIT, "li's ack accepted");
        desk.awaitIdle(5_000);
        Thread.sleep(500);
        assertEquals(1.0, registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, "accepted").count());
        assertEquals(0.0, registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, "refused").count(),
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
        String id = PayloadSchemas.validate(anon.next(topics.alert("pit", "cam-1"), WAIT).payload()).get("id").asText();
        assertFalse(anon.tryPublish(topics.ack(id, "li"), ack("li", "ack"), Duration.ofSeconds(2)),
                "the broker refuses an anonymous publish");
        desk.awaitIdle(5_000);
        Thread.sleep(500);
        assertTrue(registry.find(AlertMetrics.ACKS).counters().isEmpty(), "the anonymous ack never reached the server");
    }

    /**
     * Regression (audit finding 2): the payload's "official" was trusted over the login, and li closed a
     * case in another official's name. Now the sender is the official in the ack topic, which the
     * broker lets only that login publish to.
     */
    @Test
    void anOfficialCannotAckInAnotherOfficialsName() throws Exception {
        start(MqttConfig.ANONYMOUS_OFF);
        TestSubscriber li = login("li", topics.official("li"));
        desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
        JsonNode routed = PayloadSchemas.validate(li.next(topics.official("li"), WAIT).payload());
        String id = routed.get("alert").get("id").asText();
        assertEquals(topics.ack(id, "li"), routed.get("ack_topic").asText());
        assertTrue(desk.routed(id, "wang"), "wang (the township team) is routed too");

        // On wang's ack topic: the broker drops it, the server never sees it.
        assertFalse(li.tryPublish(topics.ack(id, "wang"), ack("wang", "false_alarm"), Duration.ofSeconds(2)),
                "the broker refuses li's publish on wang's ack topic");
        // On li's own ack topic, naming wang: the server refuses it and records who tried.
        li.publish(topics.ack(id, "li"), ack("wang", "false_alarm"), false);
        Await.until(() -> acks(AlertMetrics.ACK_FORGED) == 1, WAIT, "the forged ack refused");
        desk.awaitIdle(5_000);
        List<CaseStore.Event> trail = db.tx(c -> desk.cases().events(c, id));
        CaseStore.Event refused = trail.stream().filter(e -> e.kind().equals("ack_refused")).findFirst()
                .orElseThrow(() -> new AssertionError("no ack_refused in " + trail));
        assertEquals("li", refused.actor());
        assertEquals("false_alarm: payload names wang but li sent it", refused.detail());
        assertTrue(trail.stream().noneMatch(e -> e.kind().equals("acknowledged")), "nobody acknowledged: " + trail);
        assertEquals(CaseStore.OPEN, db.tx(c -> desk.cases().find(c, id)).state());
        assertEquals(0.0, acks("accepted") + acks("refused"), "the publish on wang's topic never reached the server");
    }

    /**
     * Regression (audit finding 1): the broker ignored client ids, so any official could connect with
     * another's id, push them off and receive the alerts queued in their persistent session.
     */
    @Test
    void anOfficialCannotTakeOverAnotherOfficialsSession() throws Exception {
        start(MqttConfig.ANONYMOUS_OFF);
        takeoverRefused("zhou", Desks.SECRETS.get("zhou"));
    }

    /** Regression (audit finding 1): with anonymous: read, an anonymous client could take an official's id. */
    @Test
    void anAnonymousClientCannotTakeOverAnOfficialsSession() throws Exception {
        start(MqttConfig.ANONYMOUS_READ);
        takeoverRefused(null, null);
    }

    private void takeoverRefused(String attacker, String secret) throws Exception {
        String phone = "li.phone-" + UUID.randomUUID().toString().substring(0, 8);
        TestSubscriber li = keep(TestSubscriber.persistent(broker.url(), phone, "li", Desks.SECRETS.get("li"),
                topics.official("li")));
        TestSubscriber cc = login("cc", topics.official("li"));
        // While li is online: his phone's id, and his bare id.
        for (String id : List.of(phone, "li")) {
            assertThrows(MqttException.class, () -> TestSubscriber.persistent(broker.url(), id, attacker, secret,
                    null).close(), "connecting as " + id + " is refused");
        }
        // While li is offline, with an alert queued in his session.
        li.disconnect();
        desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
        String id = PayloadSchemas.validate(cc.next(topics.official("li"), WAIT).payload()).get("alert").get("id").asText();
        assertThrows(MqttException.class, () -> TestSubscriber.persistent(broker.url(), phone, attacker, secret,
                topics.prefix() + "/#").close(), "taking li's offline session is refused");
        // li's session still works: the queued alert arrives when he is back, and nobody pushed him off.
        li.reconnect();
        JsonNode routed = PayloadSchemas.validate(li.next(topics.official("li"), WAIT).payload());
        assertEquals(id, routed.get("alert").get("id").asText());
        assertEquals(0, li.connectionsLost(), "li was never pushed off");
    }

    /**
     * Regression (audit finding 1): anyone could connect as the server's client id and push the server
     * off the broker (its last will "offline" went out and delivery stopped).
     */
    @Test
    void nobodyCanConnectWithTheServersClientId() throws Exception {
        start(MqttConfig.ANONYMOUS_READ);
        TestSubscriber cc = login("cc", prefix + "/#");
        assertThrows(MqttException.class, () -> TestSubscriber.persistent(broker.url(), "minewatch-server", "li",
                Desks.SECRETS.get("li"), null).close(), "an official as the server's client id");
        assertThrows(MqttException.class, () -> TestSubscriber.persistent(broker.url(), "minewatch-server", null,
                null, null).close(), "an anonymous client as the server's client id");
        // The server is still on: what it publishes next arrives, with no "offline" status before it.
        desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
        long deadline = System.nanoTime() + WAIT.toNanos();
        TestSubscriber.Received r;
        do {
            r = cc.poll(Duration.ofMillis(200));
            if (r != null && r.topic().equals(server.statusTopic())) {
                assertFalse(r.text().contains("offline"), "the server was pushed off: " + r.text());
            }
            assertTrue(System.nanoTime() < deadline, "no alert from the server");
        } while (r == null || !r.topic().equals(topics.alert("pit", "cam-1")));
        assertTrue(server.connected());
        assertEquals(0, server.epoch(), "the server's connection was never lost");
    }

    /**
     * The README's way to watch, through the front door: mosquitto_sub without credentials (and without a
     * client id, so the broker makes one up) under anonymous: read, and mosquitto_pub acking as li-wei
     * would, with its own client id.
     */
    @Test
    void mosquittoClientsWatchAndAckThroughTheFrontDoor() throws Exception {
        start(MqttConfig.ANONYMOUS_READ);
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                "-t", topics.official("li"), "-C", "1", "-W", "20").redirectErrorStream(true).start();
        try {
            TestSubscriber cc = login("cc", prefix + "/#");
            // The watcher is subscribed once the broker delivers to it: raise (and update) until it prints.
            int[] object = {0};
            Await.until(() -> {
                desk.onEvent(Desks.event("heavy_vehicle", object[0]++ % 8 + 1, Instant.now(), 0.8f));
                try {
                    return sub.waitFor(300, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, WAIT, "mosquitto_sub printed a routed alert");
            String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, sub.exitValue(), out);
            JsonNode routed = PayloadSchemas.validate(out.trim().getBytes(StandardCharsets.UTF_8));
            Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p",
                    Integer.toString(broker.port()), "-i", "li.ack", "-u", "li", "-P", Desks.SECRETS.get("li"), "-q",
                    "1", "-t", routed.get("ack_topic").asText(), "-m", ack("li", "on_my_way"))
                    .redirectErrorStream(true).start();
            assertEquals(0, pub.waitFor(), new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            Await.until(() -> acks("accepted") == 1, WAIT, "li's ack accepted");
            assertTrue(cc.isConnected());
        } finally {
            sub.destroy();
        }
    }

    /** The client id rule: an official's own id or own id + '.' + anything; the server's id alone. */
    @Test
    void aClientIdBelongsToExactlyOneLogin() {
        BrokerSecurity s = new BrokerSecurity("p", MqttConfig.ANONYMOUS_READ, "minewatch-server", List.of(
                new OfficialConfig("li", "Li", "X", "li-secret", OfficialConfig.ROLE_OFFICIAL),
                new OfficialConfig("li-wei", "Li Wei", "X", "lw-secret", OfficialConfig.ROLE_OFFICIAL)),
                (alert, official) -> true);
        byte[] li = "li-secret".getBytes(StandardCharsets.UTF_8);
        byte[] lw = "lw-secret".getBytes(StandardCharsets.UTF_8);
        byte[] server = new String(s.serverSecret()).getBytes(StandardCharsets.UTF_8);
        assertTrue(s.checkValid("li", "li", li));
        assertTrue(s.checkValid("li.phone", "li", li));
        assertTrue(s.checkValid("li-wei.tablet", "li-wei", lw));
        assertFalse(s.checkValid("li-wei", "li", li), "li may not use li-wei's id");
        assertFalse(s.checkValid("li-wei.phone", "li", li), "nor li-wei's devices'");
        assertFalse(s.checkValid("li.phone", "li-wei", lw), "nor li-wei li's");
        assertFalse(s.checkValid("phone-li", "li", li), "an official uses its own ids only");
        assertFalse(s.checkValid("minewatch-server", "li", li));
        assertTrue(s.checkValid("minewatch-server", "minewatch-server", server));
        assertFalse(s.checkValid("minewatch-server.x", "minewatch-server", server));
        assertFalse(s.checkValid("li", "li", lw), "wrong secret");
        for (String taken : List.of("li", "li.phone", "li-wei", "li-wei.x", "minewatch-server")) {
            assertFalse(s.admitAnonymous(taken), taken);
        }
        assertTrue(s.admitAnonymous("watcher-1"));
        assertTrue(s.admitAnonymous(""), "an empty id: the broker makes one up");
        assertFalse(s.checkValid("watcher-1", BrokerSecurity.ANONYMOUS_USER, "guess".getBytes(StandardCharsets.UTF_8)),
                "the anonymous login needs the front door's secret");
        assertThrows(IllegalArgumentException.class, () -> new BrokerSecurity("p", MqttConfig.ANONYMOUS_OFF,
                "minewatch.server", List.of(new OfficialConfig("minewatch", "M", "X", "s", OfficialConfig.ROLE_OFFICIAL)),
                (alert, official) -> true), "an official that would own the server's client id");
    }
}
