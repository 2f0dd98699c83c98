package io.minewatch.alerts.mqtt;

/**
 * Thrown when the first connection to the MQTT broker fails; the message names the broker, never its
 * credentials.
 */
public final class MqttStartException extends RuntimeException {

    MqttStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
