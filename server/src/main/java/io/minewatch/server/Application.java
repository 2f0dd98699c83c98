package io.minewatch.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minewatch.alerts.broker.BrokerSecurity;
import io.minewatch.alerts.broker.EmbeddedBroker;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds every component of the server in one place and closes them in reverse order.
 *
 * <p>Order: model (fail fast before any port is bound), database (Flyway migrations), broker, MQTT
 * connection, outbox, alerts desk, camera pipelines, HTTP. Closing stops HTTP and the cameras first,
 * then the desk (open alerts end), the outbox, communications, the database, and frees the model's
 * native memory last.
 */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final List<CameraPipeline> pipelines = new ArrayList<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private MqttAlertSink sink;
    private AlertDispatcher desk;
    private String mqttUrl;
    private HttpServer http;
    private boolean closed;

    private Application() {
    }

    /**
     * Starts the server. On failure whatever was started is closed again and the exception is thrown.
     *
     * @param modelCard the model card folder (or its model.yaml) of the detector
     */
    public static Application start(MinewatchConfig config, Path modelCard) throws Exception {
        Application app = create(config, modelCard);
        app.startCameras();
        return app;
    }

    /**
     * Builds and starts everything but the cameras, so that a caller can subscribe before the first
     * alert; {@link #startCameras()} starts them.
     */
    public static Application create(MinewatchConfig config, Path modelCard) throws Exception {
        Application app = new Application();
        try {
            app.build(config, modelCard);
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /** Starts every camera's pipeline. */
    public void startCameras() {
        pipelines.forEach(CameraPipeline::start);
    }

    private void build(MinewatchConfig config, Path modelCard) throws Exception {
        ModelCard card = ModelCard.load(modelCard);
        card.verify();
        DjlModel model = keep(DjlModel.load(card, 1));
        log.info("model {} loaded from {}", card.name(), card.modelFile());

        Database database = keep(Database.open(config.database()));
        log.info("alerts database: {}", database.safeUrl());

        MqttConfig mqtt = config.mqtt();
        mqttUrl = pahoUrl(mqtt.effectiveUrl());
        String user = mqtt.username();
        char[] password = mqtt.password() == null ? null : mqtt.password().toCharArray();
        // The authorizer asks the desk, which is built after the broker: bound once the desk exists.
        AlertDispatcher[] deskRef = new AlertDispatcher[1];
        if (mqtt.embedded()) {
            BrokerSecurity security = new BrokerSecurity(mqtt.topicPrefix(), mqtt.anonymous(), mqtt.clientId(),
                    config.officials(), (alert, official) -> deskRef[0] != null && deskRef[0].routed(alert, official));
            EmbeddedBroker broker = keep(EmbeddedBroker.start(mqtt.embeddedHost(), mqtt.embeddedPort(), security));
            mqttUrl = broker.url();
            user = security.serverUser();
            password = security.serverSecret();
            log.info("mqtt: embedded broker on {} (anonymous: {})", mqttUrl, mqtt.anonymous());
        }
        Clock clock = Clock.systemUTC();
        MqttConnection connection = keep(new MqttConnection(mqttUrl, mqtt.clientId(), user, password,
                mqtt.topicPrefix(), clock));
        Outbox outbox = keep(new Outbox(new OutboxStore(database), connection, registry, clock));
        Files.createDirectories(config.storage().dir());
        desk = keep(new AlertDispatcher(config, outbox, registry, clock, config.storage().dir()));
        deskRef[0] = desk;
        sink = new MqttAlertSink(connection, outbox, mqtt.topicPrefix(), registry);
        connection.subscribe(desk.topics().ackFilter(), desk::onAck);
        connection.start();
        outbox.start();
        desk.start();

        SnapshotWriter snapshots = new SnapshotWriter(config.storage().dir());
        for (CameraConfig camera : config.cameras()) {
            if (!camera.enabled()) {
                log.info("camera {}: disabled", camera.id());
                continue;
            }
            SourceSpec spec = SourceSpecs.detect(camera);
            CameraPipeline pipeline = keep(CameraPipeline.create(spec, camera.site(),
                    () -> new GrabberFrameSource(spec, camera.fps(), camera.width(), camera.height(),
                            Clock.systemUTC()),
                    model.newDetector(), desk, snapshots, registry));
            pipelines.add(pipeline);
        }

        http = keep(HttpServer.start(config.http().host(), config.http().port(), routes()));
    }

    /** Paho speaks tcp:// and ssl://; the config also accepts the mqtt:// and mqtts:// spellings. */
    static String pahoUrl(String url) {
        if (url.startsWith("mqtt://")) {
            return "tcp://" + url.substring("mqtt://".length());
        }
        if (url.startsWith("mqtts://")) {
            return "ssl://" + url.substring("mqtts://".length());
        }
        return url;
    }

    /**
     * The MQTT sink: {@code publish(topicSuffix, payload, retained)} sends any message (e.g. camera
     * status) through the durable outbox.
     */
    public MqttAlertSink sink() {
        return sink;
    }

    /** The alerts desk (lifecycle, routing, escalation, acks). */
    public AlertDispatcher desk() {
        return desk;
    }

    private HttpRoutes routes() {
        return new HttpRoutes() {
            @Override
            public Health health() {
                boolean mqttUp = sink.isConnected();
                return new Health(true, "{\"status\":\"ok\",\"mqtt\":\"" + (mqttUp ? "connected" : "disconnected")
                        + "\",\"cameras\":" + pipelines.size() + "}");
            }

            @Override
            public String metrics() {
                return registry.scrape();
            }
        };
    }

    private <T extends AutoCloseable> T keep(T component) {
        closeables.push(component);
        return component;
    }

    /** The metrics registry, for tests and the HTTP endpoint. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The broker URL alerts go to (the embedded broker's when none is configured). */
    public String mqttUrl() {
        return mqttUrl;
    }

    /** The HTTP port bound (useful when configured as 0). */
    public int httpPort() {
        return http.port();
    }

    /** Waits until every camera's source has ended (file sources that do not loop). */
    public boolean awaitCameras(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CameraPipeline p : pipelines) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (!p.awaitFinished(Duration.ofMillis(left))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        registry.close();
    }
}
