package io.minewatch.server.drones;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.mqtt.PahoReconnect;
import io.minewatch.config.DroneOsdConfig;
import io.minewatch.config.Redact;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest position of each configured drone from DJI Cloud API OSD telemetry: subscribes
 * (QoS 0: a newer position replaces a lost one) to {@code thing/product/<sn>/osd} for each serial
 * given — no wildcard, so other devices' traffic is never read — on the {@code drone_osd} broker,
 * re-subscribing after every reconnect. Start-up does not wait for the broker: a first connection
 * that fails is retried every {@value #RETRY_S} s in the background. Payloads are parsed on Paho's
 * thread (small, bounded: {@link OsdFix#MAX_PAYLOAD}); a refused one is counted
 * ({@code drones.osd.refused{drone}}) and its reason logged once per drone, accepted ones counted as
 * {@code drones.osd.messages{drone}}. Credentials never appear in logs.
 */
public final class DroneOsdListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DroneOsdListener.class);
    static final int RETRY_S = 5;

    private final DroneOsdConfig config;
    private final Set<String> serials;
    private final MeterRegistry registry;
    private final String safeUrl;
    private final MqttAsyncClient client;
    private final Map<String, OsdFix> latest = new ConcurrentHashMap<>();
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retry;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param serials the drones' serial numbers (validated by the config loader: no MQTT wildcards)
     */
    public DroneOsdListener(DroneOsdConfig config, Set<String> serials, MeterRegistry registry) {
        this.config = config;
        this.serials = Set.copyOf(serials);
        this.registry = registry;
        this.safeUrl = Redact.text(config.url());
        try {
            this.client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("drone_osd: unusable broker URL " + safeUrl + " or client id '"
                    + config.clientId() + "'");
        }
        client.setCallback(new Callback());
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drone-osd-connect");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("drone osd: {} failed", th.getName(), e));
            return t;
        });
    }

    /** The topic a drone's OSD telemetry comes on. */
    public static String topic(String serial) {
        return "thing/product/" + serial + "/osd";
    }

    /** Connects in the background (returns at once); keeps trying until connected or closed. */
    public void start() {
        retry.execute(this::connect);
    }

    private void connect() {
        if (closed.get() || client.isConnected()) {
            return;
        }
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(5_000);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(30);
        if (config.username() != null) {
            o.setUserName(config.username());
        }
        if (config.password() != null) {
            o.setPassword(config.password().toCharArray());
        }
        try {
            client.connect(o).waitForCompletion(11_000);
        } catch (MqttException e) {
            log.warn("drone osd: cannot connect to {} ({}); retrying in {} s", safeUrl,
                    Redact.text(String.valueOf(e.getMessage())), RETRY_S);
            if (!closed.get()) {
                retry.schedule(this::connect, RETRY_S, TimeUnit.SECONDS);
            }
        }
    }

    /** Whether the broker connection is up. */
    public boolean connected() {
        return client.isConnected();
    }

    /** The drone's latest accepted position, whatever its age. */
    public Optional<OsdFix> latest(String serial) {
        return Optional.ofNullable(latest.get(serial));
    }

    /** A geotagger for the camera carried by this drone, with the configured age bound. */
    public OsdGeotagger geotagger(String serial) {
        return new OsdGeotagger(this, serial, config.maxAge());
    }

    /** The configured age bound. */
    public Duration maxAge() {
        return config.maxAge();
    }

    private void received(String topic, byte[] payload) {
        String serial = serialOf(topic);
        if (serial == null) {
            return;
        }
        try {
            OsdFix fix = OsdFix.parse(payload, System.nanoTime());
            latest.put(serial, fix);
            Counter.builder("drones.osd.messages").tag("drone", serial)
                    .description("DJI OSD positions accepted").register(registry).increment();
        } catch (IllegalArgumentException e) {
            Counter.builder("drones.osd.refused").tag("drone", serial)
                    .description("DJI OSD messages without a usable position").register(registry).increment();
            if (warned.putIfAbsent(serial, Boolean.TRUE) == null) {
                log.warn("drone {}: OSD message refused: {} (further refusals counted in drones.osd.refused)",
                        serial, e.getMessage());
            }
        }
    }

    private String serialOf(String topic) {
        String[] parts = topic.split("/");
        if (parts.length == 4 && parts[0].equals("thing") && parts[1].equals("product") && parts[3].equals("osd")
                && serials.contains(parts[2])) {
            return parts[2];
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        retry.shutdownNow();
        PahoReconnect.stop(client);
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            log.debug("drone osd: disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("drone osd: close: {}", e.toString());
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            log.info("drone osd: {} to {}; subscribing to {} drone(s)", reconnect ? "reconnected" : "connected",
                    safeUrl, serials.size());
            List<String> topics = serials.stream().map(DroneOsdListener::topic).sorted().toList();
            if (topics.isEmpty()) {
                return;
            }
            try {
                client.subscribe(topics.toArray(String[]::new), new int[topics.size()]);
            } catch (MqttException e) {
                log.warn("drone osd: cannot subscribe on {}: {}", safeUrl, e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            log.warn("drone osd: connection to {} lost; reconnecting", safeUrl);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
