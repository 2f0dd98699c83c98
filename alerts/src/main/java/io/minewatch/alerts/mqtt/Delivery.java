package io.minewatch.alerts.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.Alert;
import io.minewatch.alerts.AlertMetrics;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;

/**
 * One alert on its way to the broker: completes its future once, counts the outcome once, and leaves
 * the sink's set of pending deliveries when done.
 */
final class Delivery implements IMqttActionListener {

    private final Alert alert;
    private final MeterRegistry registry;
    private final Set<Delivery> pending;
    private final CompletableFuture<Void> future = new CompletableFuture<>();

    Delivery(Alert alert, MeterRegistry registry, Set<Delivery> pending) {
        this.alert = alert;
        this.registry = registry;
        this.pending = pending;
    }

    CompletableFuture<Void> future() {
        return future;
    }

    @Override
    public void onSuccess(IMqttToken token) {
        pending.remove(this);
        if (future.complete(null)) {
            registry.counter(AlertMetrics.PUBLISHED,
                    AlertMetrics.TAG_CAMERA, tag(alert.camera()),
                    AlertMetrics.TAG_RULE, tag(alert.rule())).increment();
        }
    }

    @Override
    public void onFailure(IMqttToken token, Throwable cause) {
        fail(PublishFailures.reason(cause), cause);
    }

    /** Fails the delivery (if it is not done yet) and counts it under {@code reason}. */
    void fail(String reason, Throwable cause) {
        pending.remove(this);
        if (future.completeExceptionally(cause)) {
            registry.counter(AlertMetrics.PUBLISH_FAILED,
                    AlertMetrics.TAG_CAMERA, tag(alert.camera()),
                    AlertMetrics.TAG_REASON, reason).increment();
        }
    }

    private static String tag(String value) {
        return Objects.toString(value, "none");
    }
}
