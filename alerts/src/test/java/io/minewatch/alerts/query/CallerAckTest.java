package io.minewatch.alerts.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.dispatch.AckOutcome;
import io.minewatch.alerts.dispatch.CallerAck;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.testing.Await;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.alerts.testing.TestSubscriber;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's ack against the MQTT ack of the same official on a twin alert: the same audit rows,
 * the same state, the same event message in the outbox; refusals alike; command may ack any alert; bad
 * input changes nothing; the counter tells the channel.
 */
class CallerAckTest {

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    private QueryDesk desk;

    @AfterEach
    void stop() throws Exception {
        if (desk != null) {
            desk.close();
        }
    }

    private List<CaseStore.Event> trail(String id) {
        return desk.database.tx(c -> desk.desk.cases().events(c, id));
    }

    private CaseStore.Event last(String id, String kind) {
        List<CaseStore.Event> t = trail(id).stream().filter(e -> e.kind().equals(kind)).toList();
        return t.isEmpty() ? null : t.get(t.size() - 1);
    }

    /** The event messages committed to the outbox for the alert, of one kind, without msg_id and time. */
    private List<JsonNode> eventMessages(String id, String kind) {
        return desk.database.tx(c -> {
            List<JsonNode> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payload FROM outbox WHERE alert_id = ? AND topic = ? ORDER BY seq")) {
                ps.setString(1, id);
                ps.setString(2, desk.topics.events());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode m = (ObjectNode) AlertJson.mapper().readTree(rs.getBytes(1));
                        if (m.get("kind").asText().equals(kind)) {
                            m.remove(List.of("msg_id", "time"));
                            out.add(m);
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.sql.SQLException(e);
                }
            }
            return out;
        });
    }

    private double acks(String channel, String result) {
        return desk.registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, channel, AlertMetrics.TAG_RESULT,
                result).count();
    }

    private static String mqttAck(String official, String action, String note) {
        return "{\"schema\":\"minewatch.ack/1\",\"official\":\"" + official + "\",\"action\":\"" + action + "\""
                + ",\"note\":\"" + note + "\"}";
    }

    private AckOutcome http(CallerAck a) throws Exception {
        return desk.desk.ack(a).get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void theConsoleAckIsTheMqttAckWithTheCallerAsActor(String db) throws Exception {
        desk = new QueryDesk(db, dir);
        String viaMqtt = desk.raise(0, "pit", "cam-1", "heavy_vehicle", 1, null).id();
        String viaHttp = desk.raise(0, "pit", "cam-2", "heavy_vehicle", 2, null).id();

        try (TestSubscriber phone = TestSubscriber.subscribe(Brokers.MOSQUITTO_URL, desk.prefix + "/none")) {
            phone.publish(desk.topics.ack(viaMqtt, "li"), mqttAck("li", "on_my_way", "二十分钟"), false);
            Await.until(() -> acks(AlertMetrics.CHANNEL_MQTT, "accepted") == 1, Duration.ofSeconds(10),
                    "the MQTT ack accepted");
        }
        AckOutcome out = http(new CallerAck(viaHttp, "li", false, "on_my_way", "二十分钟"));
        assertEquals(new AckOutcome(AckOutcome.Result.ACCEPTED, CaseStore.ACKNOWLEDGED, null), out);
        assertEquals(1.0, acks(AlertMetrics.CHANNEL_HTTP, "accepted"));

        CaseStore.Event m = last(viaMqtt, "acknowledged");
        CaseStore.Event h = last(viaHttp, "acknowledged");
        assertEquals("li", h.actor());
        assertEquals("on_my_way: 二十分钟", h.detail());
        assertEquals(List.of(m.actor(), m.detail()), List.of(h.actor(), h.detail()), "the same audit row");
        CaseStore.Case km = desk.database.tx(c -> desk.desk.cases().find(c, viaMqtt));
        CaseStore.Case kh = desk.database.tx(c -> desk.desk.cases().find(c, viaHttp));
        assertEquals(km.state(), kh.state());
        assertNull(kh.deadlineAt(), "escalation stopped as by the MQTT ack");

        List<JsonNode> em = eventMessages(viaMqtt, "acknowledged");
        List<JsonNode> eh = eventMessages(viaHttp, "acknowledged");
        assertEquals(1, eh.size(), "one event message for the console's ack");
        ((ObjectNode) em.get(0)).put("alert", "X");
        ((ObjectNode) eh.get(0)).put("alert", "X");
        assertEquals(em, eh, "the same event message on " + desk.topics.events());

        // Refused alike: zhou is not routed to either alert.
        try (TestSubscriber phone = TestSubscriber.subscribe(Brokers.MOSQUITTO_URL, desk.prefix + "/none")) {
            phone.publish(desk.topics.ack(viaMqtt, "zhou"), mqttAck("zhou", "resolved", "x"), false);
            Await.until(() -> acks(AlertMetrics.CHANNEL_MQTT, "refused") == 1, Duration.ofSeconds(10),
                    "the MQTT ack of zhou refused");
        }
        assertEquals(AckOutcome.Result.NOT_ROUTED, http(new CallerAck(viaHttp, "zhou", false, "resolved", "x"))
                .result());
        CaseStore.Event rm = last(viaMqtt, "ack_refused");
        CaseStore.Event rh = last(viaHttp, "ack_refused");
        assertEquals(List.of("zhou", "resolved: not routed to zhou"), List.of(rh.actor(), rh.detail()));
        assertEquals(List.of(rm.actor(), rm.detail()), List.of(rh.actor(), rh.detail()));
        assertEquals(eventMessages(viaMqtt, "ack_refused").size(), eventMessages(viaHttp, "ack_refused").size());
        assertEquals(CaseStore.ACKNOWLEDGED, desk.database.tx(c -> desk.desk.cases().find(c, viaHttp)).state(),
                "a refused ack changes nothing");

        // Command and admin may close any alert; the actor is the caller.
        assertEquals(new AckOutcome(AckOutcome.Result.ACCEPTED, CaseStore.CLOSED, null),
                http(new CallerAck(viaHttp, "admin", true, "false_alarm", null)));
        assertEquals(List.of("admin", "false_alarm"), List.of(last(viaHttp, "acknowledged").actor(),
                last(viaHttp, "acknowledged").detail()));
        assertEquals(CaseStore.CLOSED, desk.database.tx(c -> desk.desk.cases().find(c, viaHttp)).state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite"})
    void unknownAlertsAndBadInputChangeNothing(String db) throws Exception {
        desk = new QueryDesk(db, dir);
        String id = desk.raise(0, "pit", "cam-1", "heavy_vehicle", 1, null).id();
        long rows = audited(id);

        assertEquals(AckOutcome.Result.UNKNOWN_ALERT, http(new CallerAck("no-such", "admin", true, "ack", null))
                .result());
        AckOutcome bad = http(new CallerAck(id, "li", false, "maybe", null));
        assertEquals(AckOutcome.Result.BAD_INPUT, bad.result());
        assertTrue(bad.error().startsWith("action must be one of"), bad.error());
        AckOutcome tooLong = http(new CallerAck(id, "li", false, "ack", "x".repeat(CallerAck.MAX_NOTE + 1)));
        assertEquals("note longer than 500 characters", tooLong.error());
        assertEquals(AckOutcome.Result.BAD_INPUT, http(new CallerAck(id, "li", false, null, null)).result());
        assertEquals(2.0 + 1, acks(AlertMetrics.CHANNEL_HTTP, AlertMetrics.ACK_BAD_INPUT));
        assertEquals(1.0, acks(AlertMetrics.CHANNEL_HTTP, "unknown_alert"));
        desk.desk.awaitIdle(5_000);
        assertEquals(rows, audited(id), "no audit row from refused input");
        assertEquals(CaseStore.OPEN, desk.database.tx(c -> desk.desk.cases().find(c, id)).state());

        AckOutcome full = http(new CallerAck(id, "li", false, "ack", "x".repeat(CallerAck.MAX_NOTE)));
        assertEquals(AckOutcome.Result.ACCEPTED, full.result(), "a note of exactly 500 characters is fine");
    }

    /** Audit rows of the alert other than the broker's {@code delivered} receipts (which arrive on their own). */
    private long audited(String id) {
        return trail(id).stream().filter(e -> !e.kind().equals("delivered")).count();
    }

    @org.junit.jupiter.api.Test
    void requestBodiesAreReadStrictlyAndAnswersHaveTheDocumentedShape() {
        CallerAck a = CallerAck.parse("a1", "li", false, "{\"action\":\"resolved\",\"note\":\"done\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(new CallerAck("a1", "li", false, "resolved", "done"), a);
        assertNull(CallerAck.parse("a1", "li", false, "{\"action\":\"ack\"}".getBytes()).note());
        for (String bad : List.of("not json", "[1]", "{\"action\":1}", "{\"action\":\"ack\",\"official\":\"cc\"}",
                "{\"action\":\"ack\",\"note\":{}}", "{\"note\":\"x\"}")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> CallerAck.parse("a1", "li", false, bad.getBytes()), bad);
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> CallerAck.parse("a1", "li", false, new byte[CallerAck.MAX_BODY + 1]));
        assertEquals("{\"result\":\"accepted\",\"state\":\"closed\"}",
                new AckOutcome(AckOutcome.Result.ACCEPTED, "closed", null).body().toString());
        assertEquals(404, new AckOutcome(AckOutcome.Result.NOT_ROUTED, null, null).httpStatus());
        assertEquals("{\"error\":\"no such alert\"}",
                new AckOutcome(AckOutcome.Result.NOT_ROUTED, null, null).body().toString(), "the same as unknown");
        assertEquals(400, new AckOutcome(AckOutcome.Result.BAD_INPUT, null, "note longer than 500 characters")
                .httpStatus());
    }
}
