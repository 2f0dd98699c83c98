package io.minewatch.alerts.mqtt;

import io.minewatch.alerts.AlertMetrics;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Sorts publish failures into the bounded set of {@code reason} tag values of {@link AlertMetrics}. */
final class PublishFailures {

    private PublishFailures() {
    }

    static String reason(Throwable t) {
        if (!(t instanceof MqttException e)) {
            return AlertMetrics.REASON_MQTT_ERROR;
        }
        switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_DISCONNECTED_BUFFER_FULL:
                return AlertMetrics.REASON_BUFFER_FULL;
            case MqttException.REASON_CODE_CLIENT_NOT_CONNECTED:
                return AlertMetrics.REASON_NOT_CONNECTED;
            case MqttException.REASON_CODE_MAX_INFLIGHT:
                return AlertMetrics.REASON_TOO_MANY_INFLIGHT;
            case MqttException.REASON_CODE_CONNECTION_LOST:
                return AlertMetrics.REASON_CONNECTION_LOST;
            case MqttException.REASON_CODE_CLIENT_CLOSED:
            case MqttException.REASON_CODE_CLIENT_DISCONNECTING:
                return AlertMetrics.REASON_CLOSED;
            default:
                return AlertMetrics.REASON_MQTT_ERROR;
        }
    }
}
