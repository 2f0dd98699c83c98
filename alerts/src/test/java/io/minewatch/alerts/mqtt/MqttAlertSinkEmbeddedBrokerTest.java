package io.minewatch.alerts.mqtt;

import io.minewatch.alerts.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link MqttAlertSinkContract} against the embedded Moquette broker on a free port. */
class MqttAlertSinkEmbeddedBrokerTest extends MqttAlertSinkContract {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    String url() {
        return broker.url();
    }

    // Moquette 0.17 sends a retained message to a new subscriber with RETAIN=0; the payload is right.
    @Override
    boolean flagsRetainedOnSubscribe() {
        return false;
    }

    // Moquette 0.17 publishes the will but does not store it as retained (moquette-io/moquette#562).
    // Harmless for the embedded broker: it dies with the server whose will it would keep.
    @Override
    boolean retainsWills() {
        return false;
    }
}
