package io.minewatch.alerts.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.testing.TestSubscriber;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** Moquette 0.17 on our Netty 4.2 runtime: binds, relays, keeps retained messages, stops and restarts. */
class EmbeddedBrokerTest {

    @Test
    void portZeroPicksAFreePortAndRelaysMessages() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                TestSubscriber sub = TestSubscriber.subscribe(broker.url(), "t/#")) {
            assertTrue(broker.port() > 0);
            assertEquals("tcp://127.0.0.1:" + broker.port(), broker.url());

            try (TestSubscriber pub = TestSubscriber.subscribe(broker.url(), "unused")) {
                pub.publish("t/a", "hello", false);
                pub.publish("t/r", "kept", true);
            }

            assertEquals("hello", sub.next("t/a", Duration.ofSeconds(5)).text());
            try (TestSubscriber late = TestSubscriber.subscribe(broker.url(), "t/r")) {
                TestSubscriber.Received r = late.next("t/r", Duration.ofSeconds(5));
                // Moquette 0.17 sends it with RETAIN=0 (MQTT-3.3.1-8 says 1); only the payload is checked.
                assertEquals("kept", r.text());
            }
        }
    }

    @Test
    void closeFreesThePortForARestart() throws Exception {
        EmbeddedBroker first = EmbeddedBroker.start(0);
        int port = first.port();
        first.close();
        first.close();

        try (EmbeddedBroker again = EmbeddedBroker.start(EmbeddedBroker.DEFAULT_HOST, port)) {
            assertEquals(port, again.port());
            try (TestSubscriber sub = TestSubscriber.subscribe(again.url(), "x")) {
                sub.publish("x", "ok", false);
                assertEquals("ok", sub.next("x", Duration.ofSeconds(5)).text());
            }
        }
    }

    /**
     * Regression: mosquitto_sub, the README's way to watch alerts, connects with an empty client id,
     * and Moquette refused it ("identifier rejected") until allow_zero_byte_client_id was set.
     */
    @Test
    void aClientWithAnEmptyIdIsAccepted() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            MqttClient client = new MqttClient(broker.url(), "", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options);
            assertTrue(client.isConnected());
            client.disconnect();
            client.close();
        }
    }

    @Test
    void aTakenPortFailsClearly() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> EmbeddedBroker.start(EmbeddedBroker.DEFAULT_HOST, broker.port()));
            assertTrue(e.getMessage().contains(":" + broker.port()), e.getMessage());
        }
    }
}
