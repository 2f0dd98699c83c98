package io.minewatch.alerts.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.AlertSink;
import io.minewatch.alerts.outbox.OutboundMessage;
import io.minewatch.alerts.schema.Alert;
import io.minewatch.alerts.schema.OutboundPayload;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.schema.Payloads;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes alerts and other messages over MQTT through the durable {@link Outbox}: each message is
 * committed to the database, then published at QoS 1 in order, and marked delivered on PUBACK.
 *
 * <p>{@link #publish(OutboundPayload)} is the only way out: a typed payload on the topic its type names.
 * It never blocks on the network; its future completes on delivery (on the outbox's relay thread: chain
 * work with the {@code *Async} methods) and fails only when the sink closes first — the message then
 * stays in the database and goes out after the next start.
 */
public final class MqttAlertSink implements AlertSink {

    /** {@code status} of the retained {@code server/status} payload while connected. */
    public static final String ONLINE = Payloads.ONLINE;
    /** {@code status} after a clean stop, and of the last will. */
    public static final String OFFLINE = Payloads.OFFLINE;

    private final MqttConnection connection;
    private final Outbox outbox;
    private final Database ownedDatabase;
    private final Path ownedFile;
    private final PayloadEncoder encoder;
    private final MeterRegistry registry;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A sink over an existing outbox and connection (the server's wiring). Call {@link #start()}.
     */
    public MqttAlertSink(MqttConnection connection, Outbox outbox, String topicPrefix, MeterRegistry registry) {
        this(connection, outbox, null, null, topicPrefix, registry);
    }

    /**
     * A self-contained sink with its own connection and a throw-away SQLite outbox in a temporary file
     * (durable across broker outages, not across restarts): for tests and tools.
     */
    public MqttAlertSink(String serverUrl, String clientId, String username, char[] password,
            String topicPrefix, MeterRegistry registry) {
        this(ownConnection(serverUrl, clientId, username, password, topicPrefix), topicPrefix, registry,
                tempFile());
    }

    private MqttAlertSink(MqttConnection connection, String topicPrefix, MeterRegistry registry, Path file) {
        this(connection, null, Database.open(new DatabaseConfig("jdbc:sqlite:" + file, null, null, null)), file,
                topicPrefix, registry);
    }

    private MqttAlertSink(MqttConnection connection, Outbox outbox, Database db, Path file, String topicPrefix,
            MeterRegistry registry) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.encoder = new PayloadEncoder(new Topics(topicPrefix));
        this.ownedDatabase = db;
        this.ownedFile = file;
        this.outbox = outbox != null ? outbox
                : new Outbox(new OutboxStore(db), connection, registry, Clock.systemUTC());
        if (outbox == null) {
            this.outbox.start();
        }
    }

    private static MqttConnection ownConnection(String url, String clientId, String user, char[] password,
            String prefix) {
        return new MqttConnection(url, clientId, user, password, prefix, Clock.systemUTC());
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("minewatch-outbox-", ".db");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary outbox file", e);
        }
    }

    /**
     * Connects, waiting up to the connect timeout; from then on the client reconnects by itself.
     *
     * @throws MqttStartException if the first connection fails (the broker URL is named, password masked)
     */
    public void start() {
        connection.start();
    }

    /**
     * Publishes a payload on its topic ({@link OutboundPayload#topic}) at QoS 1 through the outbox,
     * retained when its type is (camera status). {@link PayloadEncoder} stamps {@code schema} and a fresh
     * {@code msg_id}. An alert's delivery is counted per camera and rule.
     */
    @Override
    public CompletableFuture<Void> publish(OutboundPayload payload) {
        Alert alert = payload instanceof Alert a ? a : null;
        if (closed.get()) {
            failed(alert, AlertMetrics.REASON_CLOSED);
            return CompletableFuture.failedFuture(new IllegalStateException("MQTT alert sink is closed"));
        }
        OutboundMessage message;
        try {
            message = encoder.message(payload, alert == null ? null : alert.id());
        } catch (IllegalArgumentException e) {
            failed(alert, AlertMetrics.REASON_INVALID_TOPIC);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> f = outbox.append(message);
        if (alert == null) {
            return f;
        }
        // The caller's future is the counted one: it completes only after the delivery has been counted
        // (a dependent added to f itself could run before our counter, as dependents run last-in first).
        return f.whenComplete((ok, failure) -> {
            if (failure == null) {
                registry.counter(AlertMetrics.PUBLISHED, AlertMetrics.TAG_CAMERA, alert.camera(),
                        AlertMetrics.TAG_RULE, alert.rule()).increment();
            } else {
                failed(alert, AlertMetrics.REASON_CLOSED);
            }
        });
    }

    private void failed(Alert alert, String reason) {
        if (alert != null) {
            registry.counter(AlertMetrics.PUBLISH_FAILED, AlertMetrics.TAG_CAMERA, String.valueOf(alert.camera()),
                    AlertMetrics.TAG_REASON, reason).increment();
        }
    }

    /**
     * The topic of an alert: {@code <prefix>/alerts/<site>/<camera>}.
     *
     * @throws IllegalArgumentException if the site or camera id is empty or holds '/', '+', '#' or NUL
     */
    public String alertTopic(Alert a) {
        return a.topic(encoder.topics());
    }

    /** The retained status topic, {@code <prefix>/server/status}. */
    public String statusTopic() {
        return connection.statusTopic();
    }

    /** Whether the client is connected to the broker right now. */
    public boolean isConnected() {
        return connection.connected();
    }

    /** The outbox messages go through. */
    public Outbox outbox() {
        return outbox;
    }

    /** The MQTT connection. */
    public MqttConnection connection() {
        return connection;
    }

    /** Drops the connection as a crash would (no DISCONNECT), so the broker sends the will. For tests. */
    void abort() throws org.eclipse.paho.client.mqttv3.MqttException {
        connection.abort();
    }

    /**
     * Closes what this sink owns: for a self-contained sink the outbox, the connection (publishing the
     * retained {@code offline} status) and its temporary database. Idempotent; never throws.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || ownedDatabase == null) {
            return;
        }
        outbox.close();
        connection.close();
        ownedDatabase.close();
        try {
            Files.deleteIfExists(ownedFile);
            Files.deleteIfExists(Path.of(ownedFile + "-wal"));
            Files.deleteIfExists(Path.of(ownedFile + "-shm"));
        } catch (IOException e) {
            // A temporary file left behind is harmless.
        }
    }
}
