package io.minewatch.alerts.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.AlertMetrics;
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
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.PayloadSchemas;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk against the real Mosquitto (127.0.0.1:1883): routing, whistles, escalation with a short
 * emergency deadline, acks from the routed official and from others, malformed acks, the audit trail,
 * and a phone that was off. Every payload received is validated against its JSON Schema.
 */
class AlertDispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final String prefix = Brokers.randomPrefix();
    private final Topics topics = new Topics(prefix);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> open = new ArrayList<>();
    private DatabaseConfig dbConfig;

    private AlertDispatcher desk(double emergencyDeadlineS, DatabaseConfig db) throws Exception {
        return desk(Desks.config(prefix, dir, db, emergencyDeadlineS, 1883));
    }

    private AlertDispatcher desk(MinewatchConfig config) throws Exception {
        Brokers.requireMosquitto();
        DatabaseConfig db = config.database();
        dbConfig = db;
        Database database = keep(Database.open(db));
        MqttConnection conn = new MqttConnection(Brokers.MOSQUITTO_URL, "server-" + prefix, null, null, prefix,
                Clock.systemUTC());
        Outbox outbox = new Outbox(new OutboxStore(database), conn, registry, Clock.systemUTC());
        AlertDispatcher desk = new AlertDispatcher(config.alerts(), config.sites(), config.mqtt().topicPrefix(), outbox,
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
        return desk;
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
        if (dbConfig != null && dbConfig.postgres()) {
            Databases.drop(dbConfig);
        }
    }

    private static JsonNode next(TestSubscriber sub, String topic) throws InterruptedException {
        return PayloadSchemas.validate(sub.next(topic, WAIT).payload());
    }

    @Test
    void routesToResponsibleOfficialAndTeamAndWhistlesOutsideAuthority() throws Exception {
        AlertDispatcher desk = desk(120, Databases.sqlite(dir));
        try (TestSubscriber all = TestSubscriber.subscribe(Brokers.MOSQUITTO_URL, prefix + "/#")) {
            desk.onEvent(Desks.event("dredging", 1, Instant.now(), 0.8f));

            JsonNode alert = next(all, topics.alert("pit", "cam-1"));
            assertEquals("new", alert.get("event").asText());
            assertEquals("emergency", alert.get("level").asText());
            String id = alert.get("id").asText();
            JsonNode li = next(all, topics.official("li"));
            assertEquals("routed", li.get("reason").asText());
            assertEquals(id, li.get("alert").get("id").asText());
            assertEquals(topics.ack(id, "li"), li.get("ack_topic").asText());
            assertEquals("routed", next(all, topics.official("wang")).get("reason").asText());
            JsonNode whistle = next(all, topics.whistle("water"));
            assertEquals("emergency", whistle.get("level").asText());
            assertEquals(id, whistle.get("alert").asText());
            assertEquals("Xinhe", whistle.get("township").asText());

            // Within the township's authority: no whistle.
            desk.onEvent(Desks.event("heavy_vehicle", 2, Instant.now(), 0.8f));
            JsonNode hv = next(all, topics.alert("pit", "cam-1"));
            assertEquals("tough", hv.get("level").asText());
            desk.awaitIdle(5_000);
            TestSubscriber.Received r;
            while ((r = all.poll(Duration.ofMillis(500))) != null) {
                PayloadSchemas.validate(r.payload());
                assertTrue(!r.topic().startsWith(prefix + "/whistles/") || !r.text().contains(hv.get("id").asText()),
                        "no whistle for a matter within the township's authority");
            }
        }
    }

    @Test
    void unacknowledgedEmergencyEscalatesUntilTheRoutedOfficialAcks() throws Exception {
        AlertDispatcher desk = desk(1.0, Databases.postgres());
        try (TestSubscriber all = TestSubscriber.subscribe(Brokers.MOSQUITTO_URL, prefix + "/#")) {
            desk.onEvent(Desks.event("dredging", 1, Instant.now(), 0.8f));
            String id = next(all, topics.alert("pit", "cam-1")).get("id").asText();
            next(all, topics.official("li"));

            // Past the 1 s deadline: re-sent to li, escalated to zhao, the command centre told.
            JsonNode resend = next(all, topics.official("li"));
            while (!resend.get("reason").asText().equals("resend")) {
                resend = next(all, topics.official("li"));
            }
            assertEquals(1, resend.get("escalation").asInt());
            assertEquals("escalated", next(all, topics.official("zhao")).get("reason").asText());
            JsonNode esc = next(all, topics.escalations());
            assertEquals(id, esc.get("alert").asText());
            assertEquals("zhao", esc.get("added").asText());

            // A malformed ack is rejected with a reason and changes nothing.
            int before = trail(desk, id).size();
            all.publish(topics.ack(id, "zhao"), "{\"schema\":\"minewatch.ack/1\",\"official\":\"zhao\",\"action\":\"maybe\"}", false);
            all.publish(topics.ack(id, "zhao"), "not json", false);
            Await.until(() -> registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, "malformed").count() == 2,
                    WAIT, "two malformed acks rejected");
            assertTrue(trail(desk, id).stream().noneMatch(e -> e.kind().equals("acknowledged")));

            // An ack from someone the alert is not routed to is refused and logged.
            all.publish(topics.ack(id, "zhou"), ack("zhou", "ack", null), false);
            Await.until(() -> registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, "refused").count() == 1,
                    WAIT, "ack from zhou refused");

            // Regression (audit finding 2): the payload's "official" was trusted, so anyone could close a
            // case in a routed official's name. zhou sends on his own ack topic a false_alarm naming zhao.
            all.publish(topics.ack(id, "zhou"), ack("zhao", "false_alarm", "not mine"), false);
            Await.until(() -> registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, AlertMetrics.ACK_FORGED)
                    .count() == 1, WAIT, "ack naming zhao sent by zhou refused as forged");
            // The old topic does not say who sent it: refused, whatever the payload claims.
            all.publish(topics.legacyAckFilter().replace("+", id), ack("zhao", "resolved", null), false);
            Await.until(() -> registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT,
                    AlertMetrics.ACK_NO_OFFICIAL).count() == 1, WAIT, "ack on the old topic refused");
            desk.awaitIdle(5_000);
            assertEquals(CaseStore.OPEN, database().tx(c -> desk.cases().find(c, id)).state(), "case still open");
            CaseStore.Event forged = trail(desk, id).stream().filter(e -> e.kind().equals("ack_refused")
                    && e.actor().equals("zhou") && e.detail().contains("zhao")).findFirst().orElseThrow();
            assertEquals("false_alarm: payload names zhao but zhou sent it", forged.detail());
            assertTrue(trail(desk, id).stream().noneMatch(e -> e.kind().equals("acknowledged")),
                    "neither the forged nor the old-topic ack changed the case");

            // The routed official's ack stops escalation.
            all.publish(topics.ack(id, "zhao"), ack("zhao", "on_my_way", "20 minutes"), false);
            Await.until(() -> registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_MQTT,
                AlertMetrics.TAG_RESULT, "accepted").count() == 1,
                    WAIT, "ack from zhao accepted");
            desk.awaitIdle(5_000);
            double escalations = registry.counter(AlertMetrics.ESCALATIONS, AlertMetrics.TAG_LEVEL, "emergency").count();
            Thread.sleep(2_500);
            assertEquals(escalations, registry.counter(AlertMetrics.ESCALATIONS, AlertMetrics.TAG_LEVEL, "emergency")
                    .count(), "no escalation after the ack");
            CaseStore.Case k = database().tx(c -> desk.cases().find(c, id));
            assertEquals(CaseStore.ACKNOWLEDGED, k.state());
            assertNull(k.deadlineAt());

            List<String> kinds = trail(desk, id).stream().map(CaseStore.Event::kind).distinct().toList();
            for (String kind : List.of("created", "routed", "delivered", "whistled", "escalated", "ack_refused",
                    "acknowledged")) {
                assertTrue(kinds.contains(kind), kind + " missing from the audit trail " + kinds);
            }
            CaseStore.Event acked = trail(desk, id).stream().filter(e -> e.kind().equals("acknowledged")).findFirst()
                    .orElseThrow();
            assertEquals("zhao", acked.actor());
            assertEquals("on_my_way: 20 minutes", acked.detail());
            TestSubscriber.Received r;
            while ((r = all.poll(Duration.ofMillis(300))) != null) {
                if (topics.parseAck(r.topic()) == null) {
                    PayloadSchemas.validate(r.payload());
                }
            }
        }
    }

    @Test
    void aPhoneThatWasOffGetsTheAlertsItMissed() throws Exception {
        AlertDispatcher desk = desk(120, Databases.sqlite(dir));
        String phoneId = "phone-li-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestSubscriber phone = TestSubscriber.persistent(Brokers.MOSQUITTO_URL, phoneId, null, null,
                topics.official("li"))) {
            phone.disconnect();
            desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
            desk.onEvent(Desks.event("dredging", 2, Instant.now(), 0.8f));
            desk.awaitIdle(5_000);
            Await.until(() -> registry.counter(AlertMetrics.OUTBOX_DELIVERED, AlertMetrics.TAG_KIND, "routed").count() >= 4,
                    WAIT, "routed copies delivered to the broker while the phone is off");

            phone.reconnect();
            JsonNode a = PayloadSchemas.validate(phone.next(topics.official("li"), WAIT).payload());
            JsonNode b = PayloadSchemas.validate(phone.next(topics.official("li"), WAIT).payload());
            assertEquals(List.of("heavy_vehicle", "dredging"),
                    List.of(a.get("alert").get("rule").asText(), b.get("alert").get("rule").asText()));
        }
    }

    @Test
    void escalationDeadlinesSurviveARestart() throws Exception {
        MinewatchConfig config = Desks.config(prefix, dir, Databases.sqlite(dir), 2.0, 1883);
        try (TestSubscriber all = TestSubscriber.subscribe(Brokers.MOSQUITTO_URL, prefix + "/#")) {
            AlertDispatcher first = desk(config);
            first.onEvent(Desks.event("dredging", 1, Instant.now(), 0.8f));
            String id = next(all, topics.alert("pit", "cam-1")).get("id").asText();
            closeAll();
            open.clear();

            desk(config);
            JsonNode esc = next(all, topics.escalations());
            assertEquals(id, esc.get("alert").asText(), "the restarted server escalates the earlier alert");
            assertEquals("zhao", esc.get("added").asText());
        }
    }

    @Test
    void snapshotsAndServerStatsAreOptionalMessagesWithTheirOwnSchemas() throws Exception {
        MinewatchConfig base = Desks.config(prefix, dir, Databases.sqlite(dir), 120, 1883);
        io.minewatch.config.AlertsConfig a = base.alerts();
        MinewatchConfig config = new MinewatchConfig(base.sites(), base.cameras(), base.officials(), base.mqtt(),
                base.storage(), base.http(), base.database(), new io.minewatch.config.AlertsConfig(a.gapS(),
                        a.cooldownS(), a.stationaryIou(), a.stationaryMemoryS(), a.defaultLevel(), a.levels(),
                        a.deadlinesS(), a.maxEscalations(), true, 0.5, a.suppress(), a.townships(), a.departments()));
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
        java.nio.file.Files.createDirectories(dir.resolve("snapshots/cam-1"));
        java.nio.file.Files.write(dir.resolve("snapshots/cam-1/1.jpg"), jpeg);
        AlertDispatcher desk = desk(config);
        try (TestSubscriber all = TestSubscriber.subscribe(Brokers.MOSQUITTO_URL, prefix + "/#")) {
            desk.onEvent(Desks.event("heavy_vehicle", 1, Instant.now(), 0.8f));
            JsonNode alert = next(all, topics.alert("pit", "cam-1"));
            assertEquals("snapshots/cam-1/1.jpg", alert.get("snapshot").asText(), "the alert references its snapshot");
            JsonNode snap = next(all, topics.snapshot("pit", "cam-1"));
            assertEquals(alert.get("id").asText(), snap.get("alert").asText());
            assertEquals(java.util.Arrays.toString(jpeg),
                    java.util.Arrays.toString(java.util.Base64.getDecoder().decode(snap.get("data_base64").asText())));
            JsonNode stats = next(all, topics.stats());
            assertTrue(stats.get("alerts_raised").asInt() >= 0);
        }
    }

    private static String ack(String official, String action, String note) {
        return "{\"schema\":\"minewatch.ack/1\",\"official\":\"" + official + "\",\"action\":\"" + action + "\""
                + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}";
    }

    private List<CaseStore.Event> trail(AlertDispatcher desk, String id) {
        return database().tx(c -> desk.cases().events(c, id));
    }

    private Database database() {
        return open.stream().filter(Database.class::isInstance).map(Database.class::cast).findFirst().orElseThrow();
    }
}
