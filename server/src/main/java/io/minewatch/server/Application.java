package io.minewatch.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minewatch.alerts.broker.BrokerSecurity;
import io.minewatch.alerts.broker.EmbeddedBroker;
import io.minewatch.alerts.cameras.CameraStatusPublisher;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.detect.decode.AccessUnitFrameSource;
import io.minewatch.detect.decode.FrameSource;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.DetectorException;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.infer.ModelCards;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.pipeline.CameraDetection;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.camera.CameraIngest;
import io.minewatch.ingest.camera.RtspIngest;
import io.minewatch.ingest.push.PushedCamera;
import io.minewatch.ingest.push.RtspPushServer;
import io.minewatch.ingest.rtsp.RtspException;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import io.minewatch.server.http.HttpRoutes;
import io.minewatch.server.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds every component of the server in one place and closes them in reverse order.
 *
 * <p>Order: models (fail fast before any port is bound), detector pool, database (Flyway
 * migrations), broker, MQTT connection, outbox, alerts desk, the Netty RTSP ingest and push server
 * (when cameras need them), camera pipelines, HTTP. Closing stops HTTP and the cameras first, then
 * the desk (open alerts end), the outbox, communications, the database, and frees the models'
 * native memory last.
 */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final List<CameraPipeline> pipelines = new ArrayList<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private MqttAlertSink sink;
    private AlertDispatcher desk;
    private Evidence evidence;
    /** Each network camera's pre-roll ring, which the clip recorder reads. */
    private final Map<String, io.minewatch.ingest.ring.PreRollRing> rings = new java.util.concurrent.ConcurrentHashMap<>();
    private String mqttUrl;
    private HttpServer http;
    private RtspIngest ingest;
    private RtspPushServer pushServer;
    private CameraStatusPublisher statusPublisher;
    private boolean closed;

    private final Clock clock;

    private Application(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts the server. On failure whatever was started is closed again and the exception is thrown.
     *
     * @param modelCard the model card folder (or its model.yaml) of the detector
     */
    public static Application start(MinewatchConfig config, Path modelCard) throws Exception {
        Application app = create(config, modelCard, Clock.systemUTC());
        app.startCameras();
        return app;
    }

    /**
     * Builds and starts everything but the cameras, so that a caller can subscribe before the first
     * alert; {@link #startCameras()} starts them.
     */
    public static Application create(MinewatchConfig config, Path modelCard) throws Exception {
        return create(config, modelCard, Clock.systemUTC());
    }

    /**
     * Like {@link #create(MinewatchConfig, Path)} with the clock file sources take their start time
     * from (tests of schedules use a fixed one).
     *
     * @param modelCard the default model card folder; cameras name others beside it
     */
    public static Application create(MinewatchConfig config, Path modelCard, Clock clock) throws Exception {
        Application app = new Application(clock);
        try {
            app.build(config, modelCard);
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /** Starts every camera's pipeline, and the Netty ingest of the RTSP cameras. */
    public void startCameras() {
        pipelines.forEach(CameraPipeline::start);
        if (ingest != null) {
            ingest.start();
        }
    }

    /** Starts the push server (bound at build time so that a taken port fails start-up). */
    private void startPushServer() throws InterruptedException {
        if (pushServer != null) {
            pushServer.start();
        }
    }

    private void build(MinewatchConfig config, Path modelCard) throws Exception {
        // Every card a camera names (detection.model, a folder beside the default card) is checked and
        // loaded once, before any port is bound; the pool gives each worker a predictor per model.
        ModelCards cards = new ModelCards(modelCard);
        Map<String, Supplier<ObjectDetector>> detectors = new LinkedHashMap<>();
        for (CameraConfig camera : config.cameras()) {
            String name = camera.detection().model() == null ? cards.defaultName() : camera.detection().model();
            if (camera.enabled() && !detectors.containsKey(name)) {
                ModelCard card;
                try {
                    card = cards.get(name);
                } catch (DetectorException e) {
                    throw new DetectorException("camera " + camera.id() + ": " + e.getMessage(), e);
                }
                DjlModel model = keep(DjlModel.load(card, 1));
                detectors.put(name, model::newDetector);
                log.info("model {} loaded from {}", card.name(), card.modelFile());
            }
        }
        if (detectors.isEmpty()) {
            ModelCard card = cards.get(null);
            DjlModel model = keep(DjlModel.load(card, 1));
            detectors.put(cards.defaultName(), model::newDetector);
        }
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        DetectorPool pool = keep(new DetectorPool(detectors, workers, registry));

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
        for (String filter : desk.topics().ackFilters()) {
            connection.subscribe(filter, desk::onAck);
        }
        evidence = keep(Evidence.start(config, database, desk, sink, clock, registry, rings::get));
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
            String modelName = camera.detection().model() == null ? cards.defaultName() : camera.detection().model();
            ModelCard card = cards.get(modelName);
            Supplier<FrameSource> sources = camera.isPushed() ? pushSource(config, camera)
                    : spec.kind() == SourceSpec.Kind.RTSP ? rtspSource(config, camera)
                    : () -> new GrabberFrameSource(spec, camera.fps(), camera.width(), camera.height(), clock);
            CameraPipeline pipeline = keep(CameraPipeline.create(spec, camera.site(), sources,
                    pool.lane(camera.id(), modelName), card.input().width(), card.input().height(),
                    CameraDetection.from(camera.detection(), config.site(camera.site()).timezone()),
                    this::onDetection, snapshots, registry));
            pipelines.add(pipeline);
        }

        startPushServer();
        http = keep(HttpServer.start(config.http(), routes(), registry));
    }

    /**
     * An RTSP camera pulled by the Netty ingest: its access units go to its pre-roll ring, and its
     * detect path decodes them from there. The ingest (one small event-loop group) is made with the
     * first RTSP camera and closed after every pipeline.
     */
    private Supplier<FrameSource> rtspSource(MinewatchConfig config, CameraConfig camera) throws RtspException {
        if (ingest == null) {
            ingest = keep(new RtspIngest(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2)),
                    registry));
        }
        CameraIngest cam = ingest.add(camera.id(), camera.detect(), camera.ingest(), statusPublisher(config));
        rings.put(camera.id(), cam.ring());
        return () -> new AccessUnitFrameSource(camera.id(), cam.ring(), camera.fps(), camera.width(),
                camera.height(), camera.detection().decodeThreads());
    }

    /** A camera whose stream is pushed to the RTSP push server (made with the first such camera). */
    private Supplier<FrameSource> pushSource(MinewatchConfig config, CameraConfig camera) {
        if (pushServer == null) {
            pushServer = keep(new RtspPushServer(config.rtspServer(), registry));
        }
        PushedCamera cam = pushServer.add(camera.id(), camera.ingest(), statusPublisher(config));
        rings.put(camera.id(), cam.ring());
        return () -> new AccessUnitFrameSource(camera.id(), cam.ring(), camera.fps(), camera.width(),
                camera.height(), camera.detection().decodeThreads());
    }

    private CameraStatusPublisher statusPublisher(MinewatchConfig config) {
        if (statusPublisher == null) {
            Map<String, String> sites = new HashMap<>();
            config.cameras().forEach(c -> sites.put(c.id(), c.site()));
            statusPublisher = new CameraStatusPublisher(sink, sites);
        }
        return statusPublisher;
    }

    /** The RTSP push server, or null when no camera is pushed. */
    public RtspPushServer pushServer() {
        return pushServer;
    }

    /** The Netty ingest of the RTSP cameras, or null when there are none. */
    public RtspIngest ingest() {
        return ingest;
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
     * Detection events go to the alerts desk; a zone "leave" is part of an activity the desk ends by
     * its gap, so it is only logged.
     */
    private void onDetection(DetectionEvent event) {
        if ("leave".equals(event.kind())) {
            log.info("camera {}: object {} left zone {} ({})", event.camera(), event.objectId(), event.zone(),
                    event.rule());
            return;
        }
        desk.onEvent(event);
    }

    /** The MQTT sink: {@code publish(payload)} sends any typed payload through the durable outbox. */
    public MqttAlertSink sink() {
        return sink;
    }

    /** The evidence side (clips, audit log, exports). */
    Evidence evidence() {
        return evidence;
    }

    /** The alerts desk (lifecycle, routing, escalation, acks). */
    public AlertDispatcher desk() {
        return desk;
    }

    private HttpRoutes routes() {
        return new HttpRoutes() {
            @Override
            public Health health() {
                return Health.of(sink.isConnected(), pipelines.size());
            }

            @Override
            public String metrics() {
                return registry.scrape();
            }

            @Override
            public Optional<Path> clip(String alertId) {
                return evidence.clip(alertId);
            }

            @Override
            public void clipViewed(String alertId, String client) {
                evidence.viewed(alertId, client);
            }

            @Override
            public Optional<Path> evidenceZip(String alertId, String client) throws IOException {
                return evidence.export(alertId, client);
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
