package io.minewatch.alerts;

import io.minewatch.alerts.schema.OutboundPayload;
import java.util.concurrent.CompletableFuture;

/**
 * Where outbound messages go: MQTT now; the plug-in point for other channels. Every message is a typed
 * {@link OutboundPayload} that names its own topic; there is no raw-topic publish.
 */
public interface AlertSink extends AutoCloseable {

    /**
     * Sends a payload (an alert, a camera status, a server notice). Never blocks on the network: the
     * future completes when the receiver has confirmed it (for MQTT, on PUBACK) and fails if it could not
     * be handed over.
     */
    CompletableFuture<Void> publish(OutboundPayload payload);

    @Override
    void close();
}
