package io.minewatch.alerts.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A real Paho subscriber that queues what it receives on one topic filter. */
public final class TestSubscriber implements AutoCloseable {

    /** One message as received. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
    private MqttConnectOptions options;

    private TestSubscriber(MqttClient client) {
        this.client = client;
    }

    /** Connects to {@code url} and subscribes to {@code filter} at QoS 1; returns after the SUBACK. */
    public static TestSubscriber subscribe(String url, String filter) throws MqttException {
        MqttClient c = new MqttClient(url, "minewatch-test-sub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        c.connect(o);
        TestSubscriber s = new TestSubscriber(c);
        c.subscribe(filter, 1, (topic, m) -> s.queue.add(new Received(topic, m.getPayload(), m.isRetained())));
        return s;
    }

    /**
     * A phone-like subscriber: persistent session (clean session off) under a fixed client id, QoS 1,
     * automatic reconnect; with credentials when {@code username} is not null. Returns after the SUBACK.
     */
    public static TestSubscriber persistent(String url, String clientId, String username, String password,
            String filter) throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(1000);
        o.setConnectionTimeout(5);
        if (username != null) {
            o.setUserName(username);
            o.setPassword(password.toCharArray());
        }
        TestSubscriber s = new TestSubscriber(c);
        c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                s.lost.incrementAndGet();
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                s.queue.add(new Received(topic, m.getPayload(), m.isRetained()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        s.options = o;
        c.connect(o);
        if (filter != null) {
            c.subscribe(filter, 1);
        }
        return s;
    }

    /** Subscribes to one more filter at QoS 1; throws when the broker refuses it. */
    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    /** How often the broker dropped this client (a persistent one reconnects by itself). */
    public int connectionsLost() {
        return lost.get();
    }

    /** Whether the client is connected now. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Disconnects without closing, so that {@link #reconnect()} resumes the session. */
    public void disconnect() throws MqttException {
        client.disconnect(500);
    }

    /** Connects again with the options of the first connect. */
    public void reconnect() throws MqttException {
        client.connect(options);
    }

    /** The next message on any topic, or null after {@code timeout}. */
    public Received poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The next message on {@code topic}, skipping others; fails the test after {@code timeout}. */
    public Received next(String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                return fail("no message on " + topic + " within " + timeout);
            }
            if (r.topic().equals(topic)) {
                return r;
            }
        }
    }

    /** The next {@code n} messages on {@code topic}, in arrival order. */
    public List<Received> next(String topic, int n, Duration timeout) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            long left = Math.max(1, deadline - System.nanoTime());
            out.add(next(topic, Duration.ofNanos(left)));
        }
        return out;
    }

    /** Publishes a text message at QoS 1 and waits for the PUBACK. */
    public void publish(String topic, String text, boolean retained) throws MqttException {
        client.publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    /**
     * Publishes at QoS 1 and waits up to {@code timeout} for the PUBACK; false when none came (a broker
     * that refuses a publish may drop it without an answer).
     */
    public boolean tryPublish(String topic, String text, Duration timeout) throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttMessage m =
                new org.eclipse.paho.client.mqttv3.MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        org.eclipse.paho.client.mqttv3.MqttDeliveryToken t = client.getTopic(topic).publish(m);
        try {
            t.waitForCompletion(timeout.toMillis());
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                return false;
            }
            throw e;
        }
    }

    /** Publishes an empty retained message, which removes the retained one, and waits for the PUBACK. */
    public void clearRetained(String topic) throws MqttException {
        client.publish(topic, new byte[0], 1, true);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(500);
            }
        } finally {
            client.close();
        }
    }
}
