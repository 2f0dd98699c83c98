package io.minewatch.alerts.mqtt;

import io.minewatch.alerts.testing.Brokers;
import org.junit.jupiter.api.BeforeAll;

/** {@link MqttAlertSinkContract} against the real Mosquitto on 127.0.0.1:1883; fails if it is not running. */
class MqttAlertSinkMosquittoTest extends MqttAlertSinkContract {

    @BeforeAll
    static void mosquittoIsRunning() {
        Brokers.requireMosquitto();
    }

    @Override
    String url() {
        return Brokers.MOSQUITTO_URL;
    }
}
