package io.minewatch.alerts.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.Alert;
import io.minewatch.alerts.AlertJson;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.AlertSink;
import io.minewatch.config.Redact;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes alerts to an MQTT 3.1.1 broker with the Paho async client, QoS 1, and keeps the retained
 * server status ({@code online}/{@code offline}) on {@code <prefix>/server/status}.
 *
 * <p>{@link #start()} makes the first connection and fails fast if it cannot: Paho retries only a
 * connection that was once up. After that the client reconnects by itself. Alerts published while it
 * is not connected (before {@code start()} or during an outage) wait in a bounded in-memory buffer
 * ({@value #BUFFER_SIZE} messages) and go out, in order, once it is; {@link #close()} fails those
 * still waiting. An alert that was on the wire when the connection dropped fails its future
 * ({@code connection_lost}); subscribers drop duplicates by id, so the caller may publish it again.
 *
 * <p>Futures complete on the MQTT client's callback thread: chain work onto them with the
 * {@code *Async} methods. Delivered and failed alerts are counted ({@link AlertMetrics}).
 */
public final class MqttAlertSink implements AlertSink {

    /** Retained status payload while the server is connected. */
    public static final String ONLINE = "online";
    /** Retained status payload after a graceful close, and the MQTT will. */
    public static final String OFFLINE = "offline";
    /** Alerts kept while disconnected; one more fails with {@code buffer_full}. */
    public static final int BUFFER_SIZE = 10_000;

    private static final long CLOSE_TIMEOUT_MS = 2_000;
    private static final long QUIESCE_MS = 500;

    private static final Logger log = LoggerFactory.getLogger(MqttAlertSink.class);

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final String safeUrl;
    private final String prefix;
    private final String statusTopic;
    private final MeterRegistry registry;
    private final Set<Delivery> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean started;

    /**
     * A sink that is not connected yet; call {@link #start()}.
     *
     * @param serverUrl   broker URL, {@code tcp://host:port} or {@code ssl://host:port}
     * @param clientId    MQTT client id
     * @param username    user name, or null for anonymous
     * @param password    password (copied), or null; ignored without a user name
     * @param topicPrefix prefix of every topic, e.g. {@code minewatch/v1}
     * @param registry    where the alert counters go
     * @throws IllegalArgumentException if the URL, client id or prefix is unusable
     */
    public MqttAlertSink(String serverUrl, String clientId, String username, char[] password,
            String topicPrefix, MeterRegistry registry) {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(clientId, "clientId");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.safeUrl = Redact.url(serverUrl);
        this.prefix = TopicNames.checkPrefix(topicPrefix);
        this.statusTopic = prefix + "/server/status";
        this.options = ClientOptions.connect(statusTopic, username, password);
        try {
            this.client = new MqttAsyncClient(serverUrl, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            // No cause: Paho's message may quote the URL with its password.
            throw new IllegalArgumentException("unusable MQTT broker URL " + safeUrl
                    + " or client id '" + clientId + "'");
        }
        client.setBufferOpts(ClientOptions.buffer());
        client.setCallback(new StatusCallback(this));
    }

    /**
     * Connects, waiting up to the connect timeout; from then on the client reconnects by itself.
     *
     * @throws MqttStartException if the first connection fails (the broker URL is named, with any
     *                            password masked); the sink may be started again or closed
     */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("MQTT alert sink is closed");
        }
        if (client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(ClientOptions.CONNECT_TIMEOUT_S * 1000L + 1000L);
            started = true;
        } catch (MqttException e) {
            throw new MqttStartException("cannot connect to MQTT broker " + safeUrl + " as client '"
                    + client.getClientId() + "': " + describe(e), e);
        }
    }

    @Override
    public CompletableFuture<Void> publish(Alert alert) {
        Delivery delivery = new Delivery(alert, registry, pending);
        if (closed.get()) {
            delivery.fail(AlertMetrics.REASON_CLOSED, new IllegalStateException("MQTT alert sink is closed"));
            return delivery.future();
        }
        String topic;
        byte[] payload;
        try {
            topic = alertTopic(alert);
        } catch (IllegalArgumentException e) {
            delivery.fail(AlertMetrics.REASON_INVALID_TOPIC, e);
            return delivery.future();
        }
        try {
            payload = AlertJson.toBytes(alert);
        } catch (RuntimeException e) {
            delivery.fail(AlertMetrics.REASON_SERIALIZATION, e);
            return delivery.future();
        }
        pending.add(delivery);
        try {
            client.publish(topic, payload, ClientOptions.QOS, false, null, delivery);
        } catch (MqttException | RuntimeException e) {
            delivery.fail(PublishFailures.reason(e), e);
        }
        // A close() racing with this call either finds the delivery in `pending` or has already
        // closed the client, so that publish above failed: the future never hangs.
        return delivery.future();
    }

    /**
     * Publishes any payload at QoS 1 on {@code <prefix>/<topicSuffix>} (e.g. a camera's retained
     * status). Like alerts, it waits in the client's buffer while disconnected. The future completes
     * on the broker's acknowledgement and fails if the message cannot be handed over.
     */
    public CompletableFuture<Void> publish(String topicSuffix, byte[] payload, boolean retained) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed.get()) {
            done.completeExceptionally(new IllegalStateException("MQTT alert sink is closed"));
            return done;
        }
        if (topicSuffix == null || topicSuffix.isEmpty() || topicSuffix.startsWith("/")
                || topicSuffix.indexOf('+') >= 0 || topicSuffix.indexOf('#') >= 0 || topicSuffix.indexOf('\0') >= 0) {
            done.completeExceptionally(new IllegalArgumentException("unusable topic suffix '" + topicSuffix + "'"));
            return done;
        }
        try {
            client.publish(prefix + "/" + topicSuffix, payload, ClientOptions.QOS, retained, null,
                    new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                        @Override
                        public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                            done.complete(null);
                        }

                        @Override
                        public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable cause) {
                            done.completeExceptionally(cause);
                        }
                    });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * The topic of an alert: {@code <prefix>/alerts/<site>/<camera>}.
     *
     * @throws IllegalArgumentException if the site or camera id is empty or holds '/', '+', '#' or NUL
     */
    public String alertTopic(Alert a) {
        return prefix + "/alerts/" + TopicNames.checkLevel("site", a.site())
                + "/" + TopicNames.checkLevel("camera", a.camera());
    }

    /** The retained status topic, {@code <prefix>/server/status}. */
    public String statusTopic() {
        return statusTopic;
    }

    /** Whether the client is connected to the broker right now. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Publishes the retained {@code offline} status, disconnects gracefully (so the broker discards
     * the will), closes the client and fails every alert still waiting. Idempotent; never throws.
     */
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
        IllegalStateException closedError =
                new IllegalStateException("MQTT alert sink closed before delivery");
        for (Delivery d : pending.toArray(Delivery[]::new)) {
            d.fail(AlertMetrics.REASON_CLOSED, closedError);
        }
    }

    private boolean disconnectGracefully() {
        try {
            client.publish(statusTopic, ClientOptions.bytes(OFFLINE), ClientOptions.QOS, true)
                    .waitForCompletion(CLOSE_TIMEOUT_MS);
            client.disconnect(QUIESCE_MS).waitForCompletion(CLOSE_TIMEOUT_MS);
            return true;
        } catch (MqttException | RuntimeException e) {
            log.warn("MQTT broker {}: graceful disconnect failed: {}", safeUrl, describe(e));
            return false;
        }
    }

    /** Drops the connection without DISCONNECT, as a crash would, so the broker sends the will. For tests. */
    void abort() throws MqttException {
        client.disconnectForcibly(0, 0, false);
    }

    /** Publishes the retained {@code online} status; called on every (re)connect. */
    void connected(boolean reconnect) {
        if (closed.get()) {
            return;
        }
        log.info("{} MQTT broker {}", reconnect ? "reconnected to" : "connected to", safeUrl);
        try {
            client.publish(statusTopic, ClientOptions.bytes(ONLINE), ClientOptions.QOS, true);
        } catch (MqttException e) {
            log.warn("MQTT broker {}: cannot publish status {}: {}", safeUrl, ONLINE, describe(e));
        }
    }

    void connectionLost(Throwable cause) {
        if (!closed.get()) {
            log.warn("lost connection to MQTT broker {} ({}); reconnecting, alerts are buffered",
                    safeUrl, describe(cause));
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
        return Redact.url(sb.toString());
    }
}
