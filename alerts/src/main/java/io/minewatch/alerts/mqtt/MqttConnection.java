package io.minewatch.alerts.mqtt;

import io.minewatch.alerts.outbox.Transport;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.schema.Payloads;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.config.Redact;
import io.minewatch.config.RedactedException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one MQTT connection (Paho async, MQTT 3.1.1): reconnects by itself, keeps the retained
 * {@code server/status} ({@code online} on every connect, {@code offline} on a clean stop and as the
 * last will), renews its subscriptions after every reconnect, and is the outbox's {@link Transport}.
 *
 * <p>{@code server/status} is the one topic published directly, not through the outbox: it describes
 * the live connection, so replaying an old one would be wrong.
 */
public final class MqttConnection implements Transport, AutoCloseable {

    private static final long CLOSE_TIMEOUT_MS = 2_000;
    private static final long QUIESCE_MS = 500;
    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final String safeUrl;
    private final String statusTopic;
    private final Clock clock;
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> connectHooks = new CopyOnWriteArrayList<>();
    private final Map<String, BiConsumer<String, byte[]>> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean started;

    /**
     * A connection that is not made yet; call {@link #start()}.
     *
     * @throws IllegalArgumentException if the URL, client id or prefix is unusable
     */
    public MqttConnection(String serverUrl, String clientId, String username, char[] password, String topicPrefix,
            Clock clock) {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(clientId, "clientId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.safeUrl = Redact.text(serverUrl);
        this.statusTopic = new Topics(topicPrefix).serverStatus();
        this.options = ClientOptions.connect(statusTopic, statusPayload(Payloads.OFFLINE, "connection_lost", false),
                username, password);
        try {
            this.client = new MqttAsyncClient(serverUrl, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            // No cause: Paho's message may quote the URL with its password.
            throw new IllegalArgumentException("unusable MQTT broker URL " + safeUrl
                    + " or client id '" + clientId + "'");
        }
        client.setCallback(new Callback());
    }

    /**
     * Connects, waiting up to the connect timeout; from then on the client reconnects by itself.
     *
     * @throws MqttStartException if the first connection fails (URL named, password masked)
     */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("MQTT connection is closed");
        }
        if (client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(ClientOptions.CONNECT_TIMEOUT_S * 1000L + 1000L);
            started = true;
        } catch (MqttException e) {
            throw new MqttStartException("cannot connect to MQTT broker " + safeUrl + " as client '"
                    + client.getClientId() + "': " + describe(e), RedactedException.of(e));
        }
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public long epoch() {
        return epoch.get();
    }

    @Override
    public void onConnect(Runnable hook) {
        connectHooks.add(hook);
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Transport.Callback callback)
            throws MqttException {
        client.publish(topic, payload, ClientOptions.QOS, retained, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                callback.delivered();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                callback.failed(cause);
            }
        });
    }

    /**
     * Subscribes at QoS 1 now (if connected) and after every reconnect; the handler gets topic and
     * payload on Paho's callback thread and must hand slow work elsewhere.
     */
    public void subscribe(String filter, BiConsumer<String, byte[]> handler) {
        subscriptions.put(filter, handler);
        if (client.isConnected()) {
            subscribeNow(filter);
        }
    }

    private void subscribeNow(String filter) {
        try {
            client.subscribe(filter, ClientOptions.QOS);
        } catch (MqttException e) {
            log.warn("MQTT broker {}: cannot subscribe to {}: {}", safeUrl, filter, describe(e));
        }
    }

    /** The retained status topic. */
    public String statusTopic() {
        return statusTopic;
    }

    /** The broker URL with any password masked. */
    public String safeUrl() {
        return safeUrl;
    }

    /** The {@code server/status} payload ({@link Payloads.ServerStatus}), stamped by the encoder. */
    byte[] statusPayload(String status, String reason, boolean withTime) {
        return PayloadEncoder.json(new Payloads.ServerStatus(status, reason, withTime ? clock.instant() : null),
                PayloadEncoder.newMessageId());
    }

    /** Drops the connection without DISCONNECT, as a crash would, so the broker sends the will. For tests. */
    void abort() throws MqttException {
        client.disconnectForcibly(0, 0, false);
    }

    /** Publishes the retained {@code offline} status and disconnects gracefully. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean graceful = client.isConnected() && disconnectGracefully();
        if (started) {
            PahoReconnect.stop(client);
        }
        if (!graceful) {
            try {
                client.disconnectForcibly(0, CLOSE_TIMEOUT_MS, client.isConnected());
            } catch (MqttException | RuntimeException e) {
                log.debug("MQTT broker {}: forced disconnect: {}", safeUrl, describe(e));
            }
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("MQTT broker {}: close: {}", safeUrl, describe(e));
        }
    }

    private boolean disconnectGracefully() {
        try {
            client.publish(statusTopic, statusPayload(Payloads.OFFLINE, "stopped", true), ClientOptions.QOS, true)
                    .waitForCompletion(CLOSE_TIMEOUT_MS);
            client.disconnect(QUIESCE_MS).waitForCompletion(CLOSE_TIMEOUT_MS);
            return true;
        } catch (MqttException | RuntimeException e) {
            log.warn("MQTT broker {}: graceful disconnect failed: {}", safeUrl, describe(e));
            return false;
        }
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        if (t instanceof MqttException e) {
            sb.append(" (reason ").append(e.getReasonCode()).append(')');
        }
        if (t.getCause() != null && t.getCause() != t) {
            sb.append(": ").append(t.getCause());
        }
        return Redact.text(sb.toString());
    }

    /** Paho callback: status and subscriptions on (re)connect, inbound messages to their handlers. */
    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (closed.get()) {
                return;
            }
            log.info("{} MQTT broker {}", reconnect ? "reconnected to" : "connected to", safeUrl);
            try {
                client.publish(statusTopic, statusPayload(Payloads.ONLINE, null, true), ClientOptions.QOS, true);
            } catch (MqttException e) {
                log.warn("MQTT broker {}: cannot publish status online: {}", safeUrl, describe(e));
            }
            subscriptions.keySet().forEach(MqttConnection.this::subscribeNow);
            connectHooks.forEach(Runnable::run);
        }

        @Override
        public void connectionLost(Throwable cause) {
            // A new epoch starts with the loss, not with the reconnect: Paho may run connectComplete after
            // the first publishes of the new connection, and the outbox would then send those again.
            epoch.incrementAndGet();
            if (!closed.get()) {
                log.warn("lost connection to MQTT broker {} ({}); reconnecting, messages wait in the outbox",
                        safeUrl, describe(cause));
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            for (Map.Entry<String, BiConsumer<String, byte[]>> e : subscriptions.entrySet()) {
                if (TopicNames.matches(e.getKey(), topic)) {
                    try {
                        e.getValue().accept(topic, message.getPayload());
                    } catch (RuntimeException ex) {
                        log.warn("MQTT message on {}: handler failed: {}", topic, ex.toString());
                    }
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Each publish carries its own listener.
        }
    }
}
