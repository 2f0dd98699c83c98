package io.minewatch.alerts.mqtt;

import java.lang.reflect.Method;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops Paho's automatic-reconnect timer when the sink closes during an outage.
 *
 * <p>Paho 1.2.5 runs reconnect attempts on a non-daemon {@code java.util.Timer} ("MQTT Reconnect:
 * &lt;client id&gt;") that only a successful reconnect cancels. Closed during an outage, the client's
 * next attempt fails with "client closed", nothing cancels the timer, and its thread keeps the JVM
 * alive. The private {@code stopReconnectCycle()} is the only way to cancel it.
 */
public final class PahoReconnect {

    private static final Logger log = LoggerFactory.getLogger(PahoReconnect.class);

    private PahoReconnect() {
    }

    /** Cancels the client's reconnect timer (call when closing it). */
    public static void stop(MqttAsyncClient client) {
        try {
            Method stop = MqttAsyncClient.class.getDeclaredMethod("stopReconnectCycle");
            stop.setAccessible(true);
            stop.invoke(client);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("cannot stop the MQTT reconnect timer of client {}: {}",
                    client.getClientId(), e.toString());
        }
    }
}
