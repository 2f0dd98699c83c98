package io.minewatch.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minewatch.alerts.cases.CaseService;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.alerts.query.AlertQueries;
import io.minewatch.alerts.track.AlertTracks;
import io.minewatch.alerts.track.TrackStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.verdict.VerdictStore;
import io.minewatch.server.cameras.CameraBoard;
import io.minewatch.server.flights.FlightReports;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.server.drones.DroneOsdListener;
import java.util.stream.Collectors;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.camera.RtspIngest;
import io.minewatch.ingest.push.RtspPushServer;
import io.minewatch.server.api.ApiRoutes;
import io.minewatch.server.flights.upload.FlightUploads;
import io.minewatch.server.flights.upload.UploadLimits;
import io.minewatch.server.auth.Accounts;
import io.minewatch.server.auth.Authenticator;
import io.minewatch.server.auth.SessionResolver;
import io.minewatch.server.http.HttpServer;
import io.minewatch.server.http.WebSocketUpgrades;
import io.minewatch.server.live.LiveFeed;
import io.minewatch.server.live.LiveFeedEndpoint;
import io.minewatch.server.video.LiveVideo;
import io.minewatch.server.video.VideoEndpoint;
import io.minewatch.server.video.VideoMetrics;
import io.netty.channel.WriteBufferWaterMark;
import io.minewatch.server.http.Router;
import io.minewatch.server.flights.FlightService;
import io.minewatch.server.registry.CameraProbe;
import io.minewatch.server.registry.CredentialSeal;
import io.minewatch.server.registry.Registry;
import io.minewatch.server.registry.RegistryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every stage of the server in one place, in the order below, and
 * closes them in reverse.
 *
 * <ol>
 *   <li>metrics registry (closed last);</li>
 *   <li>database (Flyway migrations), the storage folder, and the run-time {@link Registry}: the
 *       configuration in force is the YAML plus the registry's sites, cameras and officials;</li>
 *   <li>{@link Detectors}: models checked and loaded before any port is bound, and the detector pool
 *       (closed after everything that uses it; the models' native memory is freed last);</li>
 *   <li>{@link Messaging}: embedded broker, MQTT connection, outbox, alerts desk, sink;</li>
 *   <li>the live feed hub (listens to the outbox's commits);</li>
 *   <li>{@link CameraSources}: the RTSP ingest, the push server and the cameras' pre-roll rings;</li>
 *   <li>{@link Evidence}: audit log, clip recorder and retention (it listens to the desk, so the
 *       messaging stage starts after it); then the case desk (issue 18), on the outbox and the audit log;</li>
 *   <li>{@link Cameras}: a pipeline per camera (on close the pipelines stop, then the sources), and
 *       {@link LiveCameras}, which adds, replaces or removes one camera while the rest run;</li>
 *   <li>the push server's port, then the accounts (plain-text passwords hashed), the sign-in
 *       ({@link Authenticator}, auditing to the evidence side's log) and HTTP with its route table
 *       ({@link ApiRoutes}) and the live feed's WebSocket route.</li>
 * </ol>
 *
 * <p>Every component reads the one clock given to {@link #create(MinewatchConfig, Path, Clock)}.
 */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    /** Live video: viewers of one camera at once, how far behind one may fall, the GOP kept for joiners, segment length. */
    private static final int VIDEO_VIEWERS_PER_CAMERA = 16;
    private static final Duration VIDEO_MAX_BEHIND = Duration.ofSeconds(10);
    private static final long VIDEO_MAX_GOP_BYTES = 16L << 20;
    private static final Duration VIDEO_BATCH = Duration.ofMillis(100);

    private final Stages stages;
    private final PrometheusMeterRegistry registry;
    private final Messaging messaging;
    private final Evidence evidence;
    private final Cameras cameras;
    private final Authenticator auth;
    private final Router router;
    private final HttpServer http;
    private final CameraBoard cameraBoard;
    private final AlertQueries alertQueries;
    private final Registry cameraRegistry;
    private final LiveCameras liveCameras;
    private final FlightService flights;

    private Application(MinewatchConfig bootstrap, Path modelCard, Clock clock, Stages stages) throws Exception {
        this.stages = stages;
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        stages.add(registry::close);

        Database database = stages.add(Database.open(bootstrap.database()));
        log.info("alerts database: {}", database.safeUrl());
        Path storage = Files.createDirectories(bootstrap.storage().dir());
        Evidence[] audited = new Evidence[1];
        cameraRegistry = new Registry(new RegistryStore(database, clock),
                CredentialSeal.open(storage, System.getenv(CredentialSeal.KEY_ENV)), bootstrap,
                (actor, action, subject, sha) -> audited[0].registryEvent(actor, action, subject, sha));
        MinewatchConfig config = cameraRegistry.effective();
        Detectors detectors = stages.add(Detectors.load(modelCard, config.cameras(), registry));

        messaging = stages.add(Messaging.assemble(config, database, storage, registry, clock));
        // The live feed listens to the outbox before anything is published, and starts from its table.
        LiveFeed live = stages.add(LiveFeed.start(messaging.outbox(), messaging.routes()::officials, registry,
                LiveFeed.Limits.DEFAULT));
        cameraBoard = new CameraBoard(config.cameras(), registry, clock);
        CameraSources sources = stages.add(CameraSources.assemble(config,
                cameraBoard.alongside(messaging.cameraStatus(config.cameras())), registry, clock));
        evidence = stages.add(Evidence.start(config, database, messaging.desk(), messaging.sink(), clock, registry,
                sources::ring));
        audited[0] = evidence;
        messaging.start();
        // The case loop (issue 18): steps through the outbox, audited to the evidence log, whistles escalated on
        // its own thread (closed before messaging and evidence); a case from an alert takes the live site's township.
        CaseService cases = stages.add(CaseService.start(database, config,
                site -> messaging.routing().view().sites().stream().filter(s -> s.id().equals(site)).findFirst(),
                messaging.outbox(), config.mqtt().topicPrefix(), clock, storage,
                (actor, action, caseId, detail) -> evidence.audited(actor, action, "", caseId + ": " + detail),
                registry));

        // Live drones' positions (DJI Cloud OSD) place their cameras' detections; closed after the cameras stop.
        DroneOsdListener osd = config.droneOsd() == null ? null : stages.add(new DroneOsdListener(config.droneOsd(),
                config.cameras().stream().filter(c -> c.enabled() && c.droneSn() != null)
                        .map(CameraConfig::droneSn).collect(Collectors.toSet()), registry));
        if (osd != null) {
            osd.start();
        }
        cameras = stages.add(Cameras.assemble(config, sources, detectors, messaging.desk(),
                new SnapshotWriter(storage), registry,
                camera -> osd == null || camera.droneSn() == null ? null : osd.geotagger(camera.droneSn())));
        cameraBoard.attach(sources::ring, cameras.latestFrames());
        liveCameras = new LiveCameras(config, cameras, cameraBoard,
                list -> cameraBoard.alongside(messaging.cameraStatus(list)), registry);
        // Drone flights: the shared pool's background lanes, the desk, geofences from the sites in force.
        flights = stages.add(Flights.assemble(database, config.flights(), detectors, messaging,
                new SnapshotWriter(storage), clock, registry));
        CameraProbe probe = stages.add(new CameraProbe(Duration.ofSeconds(8), registry));
        alertQueries = new AlertQueries(database, storage, messaging.routing(), id -> evidence.clip(id).isPresent());
        sources.startPushServer();
        auth = new Authenticator(Accounts.of(config), clock, Duration.ofMinutes(config.http().sessionMinutes()),
                config.http().tls() != null, evidence::authEvent, registry);
        // Registry changes apply live: cameras (LiveCameras), and sites and officials to routing, broker, sign-in.
        // Registry districts (issue 18) go to the case desk: dispatch and team access read them at each step.
        cameraRegistry.attach(liveCameras, new LiveDirectory(messaging.routing(), messaging.security(),
                messaging.broker(), auth, cases::districts));
        ServerRoutes routes = new ServerRoutes(messaging.sink(), cameras.pipelines().size(), registry, evidence,
                messaging.desk());
        Router.Builder table = ApiRoutes.withData(ApiRoutes.builder(routes, auth, config.http()), alertQueries,
                messaging.desk(), cameraBoard, config.http(), cameras::overlay);
        ApiRoutes.withVerdicts(table, new VerdictStore(database, messaging.desk().cases()), alertQueries,
                evidence::audited, clock, storage.resolve("exports"));
        ApiRoutes.withTracks(table, alertQueries, new AlertTracks(new TrackStore(database), evidence::clipFile));
        ApiRoutes.withFlights(table, flights, evidence::audited);
        // The flight report (issue 16) reads the flights' store: FlightService.
        ApiRoutes.withFlightReports(table, flights, storage, evidence::audited);
        ApiRoutes.withCaseStats(table, database, config, cases::casesInForce, evidence::audited);
        // Flight uploads (issue 16), under flights.dir, bounded by flights.max_upload_gb; a checked upload becomes
        // a flight of FlightService (which moves its files into flights.dir/<id>/).
        FlightUploads.open(config.flights().dir(), new UploadLimits(config.flights().maxUploadBytes(),
                UploadLimits.DEFAULT_OPEN_PER_USER), flights, clock).register(table);
        // The case loop's routes (issue 18): an official's cases are their teams'; photos arrive under cases/incoming/.
        ApiRoutes.withCases(table, cases,
                cases::teamsOf,
                storage.resolve("cases").resolve("incoming"), config.cases().maxPhotoBytes(), evidence::audited);
        router = ApiRoutes.withAdmin(table, cameraRegistry, probe).build();
        // Live video: one muxer per watched camera, shared by its viewers (closed after HTTP).
        VideoMetrics videoMetrics = new VideoMetrics(registry);
        LiveVideo video = stages.add(new LiveVideo(videoMetrics, VIDEO_VIEWERS_PER_CAMERA, VIDEO_MAX_BEHIND,
                VIDEO_MAX_GOP_BYTES, VIDEO_BATCH));
        VideoEndpoint videoEndpoint = new VideoEndpoint(id -> cameraBoard.visible(id, site -> true), sources::ring,
                (caller, id) -> (caller.seesAll() || caller.official()) && cameraBoard.visible(id,
                        site -> alertQueries.siteVisible(site, caller.official() ? caller.id() : null)),
                video, videoMetrics, new WriteBufferWaterMark(512 << 10, 2 << 20));
        // The WebSocket routes: the sign-in's sessions, checked at the upgrade.
        http = stages.add(HttpServer.start(config.http(), router, auth, registry,
                new WebSocketUpgrades(auth).register(LiveFeedEndpoint.PATH, new LiveFeedEndpoint(live))
                        .register(VideoEndpoint.PATH, videoEndpoint)));
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
        return create(config, modelCard, Clock.systemUTC());
    }

    /**
     * Like {@link #create(MinewatchConfig, Path)} with the clock every component reads (file sources
     * take their start time from it; tests of schedules use a fixed one).
     *
     * @param modelCard the default model card folder; cameras name others beside it
     */
    public static Application create(MinewatchConfig config, Path modelCard, Clock clock) throws Exception {
        return Stages.assemble(stages -> new Application(config, modelCard, clock, stages));
    }

    /** Starts every camera's pipeline, and the Netty ingest of the RTSP cameras. */
    public void startCameras() {
        cameras.start();
    }

    /** Waits until every camera's source has ended (file sources that do not loop). */
    public boolean awaitCameras(Duration timeout) throws InterruptedException {
        return cameras.awaitFinished(timeout);
    }

    /** The RTSP push server, or null when no camera is pushed. */
    public RtspPushServer pushServer() {
        return cameras.sources().pushServer();
    }

    /** The Netty ingest of the RTSP cameras, or null when there are none. */
    public RtspIngest ingest() {
        return cameras.sources().ingest();
    }

    /**
     * The MQTT sink: {@code publish(topicSuffix, payload, retained)} sends any message (e.g. camera
     * status) through the durable outbox.
     */
    public MqttAlertSink sink() {
        return messaging.sink();
    }

    /** The alerts desk (lifecycle, routing, escalation, acks). */
    public AlertDispatcher desk() {
        return messaging.desk();
    }

    /** The cameras as API v1 shows them (status, codec, rate, drops, latest frame as JPEG). */
    public CameraBoard cameraBoard() {
        return cameraBoard;
    }

    /** The alert read models of API v1 (list, detail, sites, snapshot file). */
    public AlertQueries alertQueries() {
        return alertQueries;
    }

    /** The cameras' run-time lifecycle and the configuration in force (YAML plus registry). */
    public LiveCameras liveCameras() {
        return liveCameras;
    }

    /** Drone flights: intake (the upload routes hand checked files to it), processing, reports. */
    public FlightService flights() {
        return flights;
    }

    /** The evidence side (clips, audit log, exports). */
    Evidence evidence() {
        return evidence;
    }

    /** Who is signed in, by a request's session cookie (for the WebSocket upgrades). */
    public SessionResolver sessions() {
        return auth;
    }

    /** The HTTP route table (for the contract and security tests, which enumerate it). */
    Router router() {
        return router;
    }

    /** The metrics registry, for tests and the HTTP endpoint. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The broker URL alerts go to (the embedded broker's when none is configured). */
    public String mqttUrl() {
        return messaging.url();
    }

    /** The HTTP port bound (useful when configured as 0). */
    public int httpPort() {
        return http.port();
    }

    /** Closes every stage in reverse order of building; idempotent. */
    @Override
    public void close() {
        stages.close();
    }
}
