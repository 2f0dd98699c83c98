package io.minewatch.alerts.mqtt;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** The Paho settings of {@link MqttAlertSink}, in one place. */
final class ClientOptions {

    static final int QOS = 1;
    static final int CONNECT_TIMEOUT_S = 10;
    static final int KEEP_ALIVE_S = 30;
    static final int MAX_INFLIGHT = 1000;
    // Paho backs off up to 128 s by default; alerts should resume soon after the broker is back.
    static final int MAX_RECONNECT_DELAY_MS = 5_000;

    private ClientOptions() {
    }

    /** Clean session, automatic reconnect, and a retained {@code offline} will on the status topic. */
    static MqttConnectOptions connect(String statusTopic, byte[] will, String username, char[] password) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MS);
        o.setCleanSession(true);
        o.setConnectionTimeout(CONNECT_TIMEOUT_S);
        o.setKeepAliveInterval(KEEP_ALIVE_S);
        o.setMaxInflight(MAX_INFLIGHT);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setWill(statusTopic, will, QOS, true);
        if (username != null) {
            o.setUserName(username);
            if (password != null) {
                o.setPassword(password.clone());
            }
        }
        return o;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
