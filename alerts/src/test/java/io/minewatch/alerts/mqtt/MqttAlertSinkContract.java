package io.minewatch.alerts.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.schema.Alert;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.alerts.testing.SampleAlerts;
import io.minewatch.alerts.testing.TestSubscriber;
import io.minewatch.alerts.testing.TestSubscriber.Received;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link MqttAlertSink} must do against any MQTT 3.1.1 broker; subclasses say which broker. */
abstract class MqttAlertSinkContract {

    static final Duration WAIT = Duration.ofSeconds(5);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String prefix;
    MqttAlertSink sink;

    /** The broker under test, {@code tcp://host:port}. */
    abstract String url();

    /** Whether the broker sets RETAIN on retained messages sent for a new subscription (MQTT-3.3.1-8). */
    boolean flagsRetainedOnSubscribe() {
        return true;
    }

    /** Whether the broker stores a will published with will-retain as the retained message (MQTT-3.1.2-17). */
    boolean retainsWills() {
        return true;
    }

    @BeforeEach
    void newSink() {
        prefix = Brokers.randomPrefix();
        sink = new MqttAlertSink(url(), "minewatch-test-" + UUID.randomUUID(), null, null, prefix, registry);
    }

    @AfterEach
    void closeSinkAndClearRetainedStatus() throws Exception {
        sink.close();
        try (TestSubscriber s = TestSubscriber.subscribe(url(), "ignored/" + prefix)) {
            s.clearRetained(sink.statusTopic());
        }
    }

    /** The {@code status} field of a {@code server/status} payload (JSON, schema minewatch.server_status/1). */
    static String status(String json) throws Exception {
        // Regression: server/status was a StringBuilder without msg_id; now every status (the will too)
        // validates against server_status.schema.json, which requires msg_id.
        com.fasterxml.jackson.databind.JsonNode n = io.minewatch.testkit.PayloadSchemas.validate(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("minewatch.server_status/1", n.get("schema").asText());
        assertFalse(n.path("msg_id").asText().isEmpty());
        return n.get("status").asText();
    }

    @Test
    void publishedAlertArrivesOnItsTopicWithAllFields() throws Exception {
        sink.start();
        Alert alert = SampleAlerts.alert("river-bend", "cam-1", 7);
        try (TestSubscriber sub = TestSubscriber.subscribe(url(), prefix + "/#")) {
            sink.publish(alert).get(5, TimeUnit.SECONDS);

            Received r = sub.next(prefix + "/alerts/river-bend/cam-1", WAIT);

            assertEquals(alert, AlertJson.parse(r.payload()));
            assertFalse(r.retained());
        }
        assertEquals(prefix + "/alerts/river-bend/cam-1", sink.alertTopic(alert));
        assertEquals(1.0, registry.counter(AlertMetrics.PUBLISHED,
                AlertMetrics.TAG_CAMERA, "cam-1", AlertMetrics.TAG_RULE, "heavy_vehicle").count());
    }

    @Test
    void alertPublishedBeforeStartGoesOutOnceConnected() throws Exception {
        Alert alert = SampleAlerts.alert("river-bend", "cam-9", 1);
        try (TestSubscriber sub = TestSubscriber.subscribe(url(), prefix + "/#")) {
            CompletableFuture<Void> sent = sink.publish(alert);
            assertFalse(sent.isDone());

            sink.start();

            sent.get(5, TimeUnit.SECONDS);
            assertEquals(alert.id(), AlertJson.parse(sub.next(sink.alertTopic(alert), WAIT).payload()).id());
        }
    }

    @Test
    void lateSubscriberSeesRetainedOnline() throws Exception {
        sink.start();
        // QoS 1 in order on one connection: once this alert is acknowledged, so is the status before it.
        sink.publish(SampleAlerts.alert("s", "c", 1)).get(5, TimeUnit.SECONDS);

        try (TestSubscriber late = TestSubscriber.subscribe(url(), sink.statusTopic())) {
            Received r = late.next(sink.statusTopic(), WAIT);

            assertEquals(MqttAlertSink.ONLINE, status(r.text()));
            assertTrue(r.retained() || !flagsRetainedOnSubscribe());
        }
    }

    @Test
    void closeLeavesRetainedOffline() throws Exception {
        sink.start();
        sink.publish(SampleAlerts.alert("s", "c", 1)).get(5, TimeUnit.SECONDS);

        sink.close();
        sink.close();

        try (TestSubscriber late = TestSubscriber.subscribe(url(), sink.statusTopic())) {
            Received r = late.next(sink.statusTopic(), WAIT);
            assertEquals(MqttAlertSink.OFFLINE, status(r.text()));
            assertTrue(r.retained() || !flagsRetainedOnSubscribe());
        }
    }

    @Test
    void abruptDisconnectMakesTheBrokerPublishTheWill() throws Exception {
        sink.start();
        try (TestSubscriber sub = TestSubscriber.subscribe(url(), sink.statusTopic())) {
            assertEquals(MqttAlertSink.ONLINE, status(sub.next(sink.statusTopic(), WAIT).text()));

            sink.abort();

            assertEquals(MqttAlertSink.OFFLINE, status(sub.next(sink.statusTopic(), WAIT).text()));
        }
        if (!retainsWills()) {
            return;
        }
        try (TestSubscriber late = TestSubscriber.subscribe(url(), sink.statusTopic())) {
            Received r = late.next(sink.statusTopic(), WAIT);
            assertEquals(MqttAlertSink.OFFLINE, status(r.text()));
            assertTrue(r.retained() || !flagsRetainedOnSubscribe(), "the will is retained");
        }
    }
}
