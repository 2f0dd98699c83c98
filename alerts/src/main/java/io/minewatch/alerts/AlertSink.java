package io.minewatch.alerts;

import java.util.concurrent.CompletableFuture;

/** Where alerts go: MQTT now; the plug-in point for other channels. */
public interface AlertSink extends AutoCloseable {

    /**
     * Sends an alert. Never blocks on the network: the future completes when the receiver has
     * confirmed it (for MQTT, on PUBACK) and fails if it could not be handed over.
     */
    CompletableFuture<Void> publish(Alert alert);

    @Override
    void close();
}
