package io.minewatch.alerts.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.schema.Alert;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.testing.SampleAlerts;
import io.minewatch.testkit.FreePorts;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up failures, argument checks and failures that need no broker. */
class MqttAlertSinkLifecycleTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double failed(String camera, String reason) {
        return registry.counter(AlertMetrics.PUBLISH_FAILED,
                AlertMetrics.TAG_CAMERA, camera, AlertMetrics.TAG_REASON, reason).count();
    }

    @Test
    void startNamesTheBrokerWhenItCannotConnect() throws Exception {
        String url = "tcp://127.0.0.1:" + FreePorts.freePort();
        try (MqttAlertSink sink = new MqttAlertSink(url, "minewatch-test-a", "alice", "s3cret".toCharArray(),
                "mw", registry)) {
            MqttStartException e = assertThrows(MqttStartException.class, sink::start);

            assertTrue(e.getMessage().startsWith("cannot connect to MQTT broker " + url), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }

    @Test
    void credentialsInTheUrlNeverReachTheMessage() throws Exception {
        String url = "tcp://alice:s3cret@127.0.0.1:" + FreePorts.freePort();
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (MqttAlertSink sink = new MqttAlertSink(url, "minewatch-test-b", null, null, "mw", registry)) {
                sink.start();
            }
        });

        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void alertsWaitingForAFirstConnectionFailWhenTheSinkCloses() throws Exception {
        MqttAlertSink sink = new MqttAlertSink("tcp://127.0.0.1:" + FreePorts.freePort(), "minewatch-test-c",
                null, null, "mw", registry);
        CompletableFuture<Void> f = sink.publish(SampleAlerts.alert("s", "cam-1", 1));
        assertThrows(MqttStartException.class, sink::start);
        assertFalse(f.isDone(), "buffered until a connection comes up");

        sink.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(1.0, failed("cam-1", AlertMetrics.REASON_CLOSED));
    }

    @Test
    void publishAfterCloseFailsAsClosed() throws Exception {
        MqttAlertSink sink = new MqttAlertSink("tcp://127.0.0.1:1883", "minewatch-test-d", null, null, "mw", registry);
        sink.close();
        sink.close();

        assertThrows(ExecutionException.class, () -> sink.publish(SampleAlerts.alert("s", "cam-1", 1)).get());
        assertEquals(1.0, failed("cam-1", AlertMetrics.REASON_CLOSED));
        assertThrows(IllegalStateException.class, sink::start);
    }

    @Test
    void idsThatBreakTheTopicFailThePublish() throws Exception {
        try (MqttAlertSink sink = new MqttAlertSink("tcp://127.0.0.1:1883", "minewatch-test-e", null, null,
                "mw/v1", registry)) {
            Alert wildcard = SampleAlerts.alert("site/+", "cam#", 1);

            assertThrows(IllegalArgumentException.class, () -> sink.alertTopic(wildcard));
            assertThrows(ExecutionException.class, () -> sink.publish(wildcard).get());
            assertEquals(1.0, failed("cam#", AlertMetrics.REASON_INVALID_TOPIC));
            assertEquals("mw/v1/server/status", sink.statusTopic());
        }
    }

    @Test
    void rejectsUnusablePrefixes() {
        for (String prefix : new String[] {"", "mw/", "/mw", "mw/#", "mw/+/x"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new MqttAlertSink("tcp://127.0.0.1:1883", "x", null, null, prefix, registry), prefix);
        }
    }
}
