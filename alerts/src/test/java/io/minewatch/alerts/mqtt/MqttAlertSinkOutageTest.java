package io.minewatch.alerts.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.schema.Alert;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.broker.EmbeddedBroker;
import io.minewatch.alerts.testing.Await;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.alerts.testing.SampleAlerts;
import io.minewatch.alerts.testing.TcpGate;
import io.minewatch.alerts.testing.TestSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Alerts published while the broker is down: buffered, then delivered in order, or failed on close. */
class MqttAlertSinkOutageTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final String prefix = Brokers.randomPrefix();
    private final String clientId = "minewatch-test-" + UUID.randomUUID();

    @Test
    void alertsPublishedDuringAnOutageArriveInOrderAfterTheBrokerReturns() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        int port = broker.port();
        // The sink reaches the broker through a gate, so that it cannot reconnect to the restarted
        // broker before the test's subscriber is there: the alerts are not retained.
        try (TcpGate gate = new TcpGate(port);
                MqttAlertSink sink = new MqttAlertSink("tcp://127.0.0.1:" + gate.port(), clientId, null, null,
                        prefix, registry)) {
            sink.start();
            gate.shut();
            broker.close();
            Await.until(() -> !sink.isConnected(), Duration.ofSeconds(5), "the sink sees the broker gone");

            List<Alert> alerts = new ArrayList<>();
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Alert a = SampleAlerts.alert("river-bend", "cam-2", i);
                alerts.add(a);
                futures.add(sink.publish(a));
            }
            futures.forEach(f -> assertFalse(f.isDone(), "buffered, not failed"));

            broker = EmbeddedBroker.start(EmbeddedBroker.DEFAULT_HOST, port);
            try (TestSubscriber sub = TestSubscriber.subscribe(broker.url(), prefix + "/#")) {
                gate.open();
                List<TestSubscriber.Received> got = sub.next(sink.alertTopic(alerts.get(0)), 5, Duration.ofSeconds(8));

                List<String> ids = got.stream().map(r -> AlertJson.parse(r.payload()).id()).toList();
                assertEquals(alerts.stream().map(Alert::id).toList(), ids);
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertEquals(5.0, registry.counter(AlertMetrics.PUBLISHED,
                    AlertMetrics.TAG_CAMERA, "cam-2", AlertMetrics.TAG_RULE, "heavy_vehicle").count());
        } finally {
            broker.close();
        }
    }

    @Test
    void closeDuringAnOutageFailsWaitingAlertsAndStopsReconnecting() throws Exception {
        MqttAlertSink sink;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            sink = new MqttAlertSink(broker.url(), clientId, null, null, prefix, registry);
            sink.start();
        }
        Await.until(() -> !sink.isConnected(), Duration.ofSeconds(5), "the sink sees the broker gone");
        CompletableFuture<Void> waiting = sink.publish(SampleAlerts.alert("s", "cam-3", 1));

        sink.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(2, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1.0, registry.counter(AlertMetrics.PUBLISH_FAILED,
                AlertMetrics.TAG_CAMERA, "cam-3", AlertMetrics.TAG_REASON, AlertMetrics.REASON_CLOSED).count());
        // Regression: Paho 1.2.5 left its non-daemon reconnect timer thread running after close.
        Await.until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals("MQTT Reconnect: " + clientId)),
                Duration.ofSeconds(3), "the reconnect timer thread ends");
    }
}
