package io.minewatch.alerts.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Paho callback of {@link MqttAlertSink}: republishes the retained {@code online} status on every
 * (re)connect and reports lost connections. Deliveries complete through their own listeners.
 */
final class StatusCallback implements MqttCallbackExtended {

    private final MqttAlertSink sink;

    StatusCallback(MqttAlertSink sink) {
        this.sink = sink;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        sink.connected(reconnect);
    }

    @Override
    public void connectionLost(Throwable cause) {
        sink.connectionLost(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // The sink subscribes to nothing.
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // Each publish carries its own listener (Delivery).
    }
}
