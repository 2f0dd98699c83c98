package io.minewatch.server.flights;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.AlertSink;
import io.minewatch.alerts.schema.Payloads;
import io.minewatch.alerts.store.Database;
import io.minewatch.detect.decode.FlightFrameSource;
import io.minewatch.detect.decode.SourceException;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.geo.SiteLocator;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.pipeline.FlightPipeline;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.telemetry.TelemetryPoint;
import io.minewatch.ingest.telemetry.TelemetryTrack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drone flights: takes them in ({@link FlightIntake}), processes them one at a time on its own thread
 * ({@code flight-runner}) through a {@link FlightPipeline} on a background lane of the shared detector
 * pool (live cameras first), routes their detections by geofence ({@link GeofenceRouting}) to the alerts
 * desk, and shows them ({@link FlightReports}, {@link #list}, {@link #status}).
 *
 * <p>Progress is stored and published (a {@link Payloads.FlightProgress} on the outbox, so the live feed
 * carries it) every {@value #TICK_S} s and at each state change. A flight never disappears silently: on
 * {@link #start} every flight a previous run left queued or running is queued again and resumes where its
 * judged frames end ({@code done_s}; alerts it raised before stay), or, when its video is gone, is marked
 * failed with that reason. {@link #close} leaves the running flight in state running for the next start.
 */
public final class FlightService implements FlightIntake, FlightReports, AutoCloseable {
    /** Rule of the alert raised by a flight detection outside every site. */
    public static final String UNREGISTERED_SITE = "unregistered_site";
    /** The pseudo-site of those alerts: no official's; the command centre's. */
    public static final String UNREGISTERED = "unregistered";
    /** Seconds between progress writes and messages while a flight runs. */
    static final double TICK_S = 2;
    private static final Logger log = LoggerFactory.getLogger(FlightService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlightStore store;
    private final FlightSettings settings;
    private final DetectorPool pool;
    private final String model;
    private final DetectionListener desk;
    private final SnapshotWriter snapshots;
    private final AlertSink sink;
    private final Supplier<SiteLocator> sites;
    private final TelemetryReader telemetry;
    private final FlightGeotaggers geotaggers;
    private final Clock clock;
    private final MeterRegistry registry;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Thread runner;
    private final ScheduledExecutorService ticker;
    private volatile Running running;
    private volatile boolean closing;

    /** The flight being processed and its progress. */
    private record Running(String id, FlightProgress progress) {
    }

    /**
     * @param pool      the server's detector pool; flights take a background lane on {@code model}
     * @param desk      the alerts desk
     * @param sink      where progress messages go (the outbox)
     * @param sites     the site boundaries in force
     * @param telemetry reads a flight's {@code .SRT}
     */
    public FlightService(Database db, FlightSettings settings, DetectorPool pool, String model,
                         DetectionListener desk, SnapshotWriter snapshots, AlertSink sink,
                         Supplier<SiteLocator> sites, TelemetryReader telemetry, FlightGeotaggers geotaggers,
                         Clock clock, MeterRegistry registry) {
        if (!pool.models().contains(model)) {
            throw new IllegalArgumentException("flights: no model " + model + " in the pool (have " + pool.models()
                    + ")");
        }
        this.store = new FlightStore(db);
        this.settings = settings;
        this.pool = pool;
        this.model = model;
        this.desk = desk;
        this.snapshots = snapshots;
        this.sink = sink;
        this.sites = sites;
        this.telemetry = telemetry;
        this.geotaggers = geotaggers;
        this.clock = clock;
        this.registry = registry;
        this.runner = new Thread(this::runLoop, "flight-runner");
        runner.setDaemon(true);
        runner.setUncaughtExceptionHandler((t, e) -> log.error("thread {} died", t.getName(), e));
        ScheduledThreadPoolExecutor tick = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "flight-progress");
            t.setDaemon(true);
            return t;
        });
        tick.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.ticker = tick;
    }

    /** Queues again what a previous run left unfinished (or fails it with the reason), then starts processing. */
    public FlightService start() {
        try {
            Files.createDirectories(settings.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("flights: cannot create " + settings.dir(), e);
        }
        for (FlightRecord f : store.unfinished()) {
            if (!Files.isRegularFile(f.video())) {
                fail(f.id(), f.name(), "video file missing after restart: " + f.video().getFileName());
                continue;
            }
            log.info("flight {}: {} at restart, resumes at {} s", f.id(), f.state(), f.doneS());
            store.state(f.id(), FlightRecord.QUEUED, null, clock.instant());
            queue.add(f.id());
        }
        long ms = Math.round(TICK_S * 1000);
        ticker.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
        runner.start();
        return this;
    }

    @Override
    public String submit(UploadedFlight f) {
        if (f.video() == null || !Files.isRegularFile(f.video())) {
            throw new IllegalArgumentException("flight video " + f.video() + " is not a file");
        }
        TelemetryTrack track = f.telemetry() == null ? new TelemetryTrack(List.of())
                : telemetry.read(f.telemetry(), f.video());
        if (f.telemetry() != null && track.isEmpty()) {
            throw new IllegalArgumentException("telemetry " + f.telemetry().getFileName()
                    + " holds no valid position");
        }
        if (track.isEmpty() && f.site() == null) {
            throw new IllegalArgumentException("flight " + f.name() + " has no telemetry and no site: its detections"
                    + " could be placed nowhere; give its .SRT or a site");
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Path dir = settings.dir().resolve(id);
        try {
            Files.createDirectories(dir);
            Path video = move(f.video(), dir, "video");
            Path srt = f.telemetry() == null ? null : move(f.telemetry(), dir, "telemetry");
            JSON.writeValue(dir.resolve("track.json").toFile(), track.points());
            String name = f.name() == null || f.name().isBlank() ? f.video().getFileName().toString() : f.name();
            store.insert(new FlightRecord(id, name, f.site(), f.droneModel(), FlightRecord.QUEUED, 0, 0, 0, 0, video,
                    srt, f.uploadedBy(), null, clock.instant(), null, null));
            publish(id, name, FlightRecord.QUEUED, 0, null, 0, null);
        } catch (IOException e) {
            throw new UncheckedIOException("flight " + id + ": cannot store its files in " + dir, e);
        }
        log.info("flight {}: queued ({} by {}, {} telemetry points)", id, f.video().getFileName(), f.uploadedBy(),
                track.points().size());
        queue.add(id);
        return id;
    }

    private static Path move(Path from, Path dir, String base) throws IOException {
        String file = from.getFileName().toString();
        int dot = file.lastIndexOf('.');
        Path to = dir.resolve(base + (dot > 0 ? file.substring(dot).toLowerCase(java.util.Locale.ROOT) : ""));
        try {
            return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(from);
            return to;
        }
    }

    /** Every flight (newest first, at most {@value FlightStore#MAX_LIST}). */
    public List<FlightStatus> list() {
        return store.list().stream().map(this::status).toList();
    }

    /** One flight's status, or empty. */
    public Optional<FlightStatus> status(String id) {
        return store.find(id).map(this::status);
    }

    private FlightStatus status(FlightRecord f) {
        Running r = running;
        double progress = f.progress();
        long frames = f.frames();
        Double eta = null;
        if (r != null && r.id().equals(f.id()) && FlightRecord.RUNNING.equals(f.state())) {
            progress = r.progress().share();
            frames = r.progress().frames();
            eta = r.progress().etaS(System.nanoTime());
        }
        return new FlightStatus(f.id(), f.name(), f.site(), f.droneModel(), f.state(), progress, eta, frames,
                store.findingsCount(f.id()), f.durationS(), f.uploadedBy(), f.error(), f.created(), f.started(),
                f.finished());
    }

    @Override
    public Optional<FlightView> view(String id) {
        return store.find(id).map(f -> {
            FlightStatus s = status(f);
            return new FlightView(f.id(), f.name(), f.site(), f.droneModel(), f.state(), s.progress(), f.created(),
                    f.started(), f.finished(), f.durationS(), f.uploadedBy(), f.error(), track(f.id()),
                    store.findings(f.id()));
        });
    }

    /** What a cancel did. */
    public enum Cancel { CANCELLED, NOT_FOUND, ALREADY_OVER }

    /** Cancels a queued or running flight (alerts it raised stay). */
    public Cancel cancel(String id, String by) {
        Optional<FlightRecord> f = store.find(id);
        if (f.isEmpty()) {
            return Cancel.NOT_FOUND;
        }
        if (f.get().finishedState()) {
            return Cancel.ALREADY_OVER;
        }
        cancelled.add(id);
        log.info("flight {}: cancel asked by {}", id, by);
        Running r = running;
        if (r == null || !r.id().equals(id)) {
            if (queue.remove(id)) {
                store.state(id, FlightRecord.CANCELLED, null, clock.instant());
                publish(id, f.get().name(), FlightRecord.CANCELLED, f.get().progress(), null, f.get().frames(), null);
            }
        }
        return Cancel.CANCELLED;
    }

    private List<TelemetryPoint> track(String id) {
        Path file = settings.dir().resolve(id).resolve("track.json");
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), new TypeReference<List<TelemetryPoint>>() { })
                    : List.of();
        } catch (IOException e) {
            log.warn("flight {}: track unreadable: {}", id, e.toString());
            return List.of();
        }
    }

    private void runLoop() {
        try {
            while (!closing) {
                String id = queue.take();
                Optional<FlightRecord> f = store.find(id);
                if (f.isEmpty() || f.get().finishedState()) {
                    continue;
                }
                if (cancelled.contains(id)) {
                    store.state(id, FlightRecord.CANCELLED, null, clock.instant());
                    continue;
                }
                process(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(FlightRecord f) throws InterruptedException {
        String camera = "flight-" + f.id();
        TelemetryTrack track = new TelemetryTrack(track(f.id()));
        GeofenceRouting routing = new GeofenceRouting(f.id(), f.site(), sites, desk);
        // Resume on the detect-rate grid: the next pick after the last judged frame, less a quarter step of jitter.
        long resumeMicros = f.doneS() > 0 ? Math.round((f.doneS() + 0.75 / settings.detectFps()) * 1e6) : 0;
        try (FlightPipeline pipeline = new FlightPipeline(camera, f.site(), pool.backgroundLane(camera, model),
                geotaggers.of(track, f.droneModel()), routing, snapshots, registry);
             FlightFrameSource source = new FlightFrameSource(f.video(), f.id(), settings.detectFps(),
                     settings.detectWidth(), f.created(), resumeMicros)) {
            source.open();
            store.started(f.id(), FlightRecord.RUNNING, source.durationS(), clock.instant());
            FlightProgress progress = new FlightProgress(source.durationS(), f.doneS(), f.frames(), System.nanoTime());
            running = new Running(f.id(), progress);
            publish(f.id(), f.name(), FlightRecord.RUNNING, progress.share(), null, progress.frames(), null);
            pipeline.run(source, () -> closing || cancelled.contains(f.id()), progress::judged);
            pipeline.awaitIdle(Duration.ofMinutes(5));
            store.progress(f.id(), progress.share(), progress.doneS(), progress.frames());
            running = null;
            if (closing) {
                log.info("flight {}: stopped by shutdown at {} s; resumes at the next start", f.id(), progress.doneS());
                return;
            }
            String state = cancelled.contains(f.id()) ? FlightRecord.CANCELLED : FlightRecord.DONE;
            double share = FlightRecord.DONE.equals(state) ? 1.0 : progress.share();
            if (FlightRecord.DONE.equals(state)) {
                store.progress(f.id(), 1.0, progress.doneS(), progress.frames());
            }
            store.state(f.id(), state, null, clock.instant());
            publish(f.id(), f.name(), state, share, null, progress.frames(), null);
            log.info("flight {}: {} ({} frames, {} findings)", f.id(), state, progress.frames(),
                    store.findingsCount(f.id()));
        } catch (InterruptedException e) {
            Running r = running;
            if (r != null) {
                store.progress(f.id(), r.progress().share(), r.progress().doneS(), r.progress().frames());
            }
            running = null;
            throw e;
        } catch (SourceException | RuntimeException e) {
            running = null;
            log.warn("flight {}: failed: {}", f.id(), e.getMessage());
            fail(f.id(), f.name(), e.getMessage());
        }
    }

    private void fail(String id, String name, String reason) {
        store.state(id, FlightRecord.FAILED, reason, clock.instant());
        FlightRecord f = store.find(id).orElseThrow();
        publish(id, name, FlightRecord.FAILED, f.progress(), null, f.frames(), reason);
    }

    /** Stores and publishes the running flight's progress. */
    private void tick() {
        Running r = running;
        if (r == null) {
            return;
        }
        try {
            FlightProgress p = r.progress();
            store.progress(r.id(), p.share(), p.doneS(), p.frames());
            store.find(r.id()).ifPresent(f -> publish(f.id(), f.name(), FlightRecord.RUNNING, p.share(),
                    p.etaS(System.nanoTime()), p.frames(), null));
        } catch (RuntimeException e) {
            log.warn("flight {}: progress not stored: {}", r.id(), e.toString());
        }
    }

    private void publish(String id, String name, String state, double progress, Double etaS, long frames,
                         String error) {
        Payloads.FlightProgress p = new Payloads.FlightProgress(id, name, state, Math.min(1, Math.max(0, progress)),
                etaS, frames, store.findingsCount(id), error, clock.instant());
        sink.publish(p).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("flight {}: progress not delivered: {}", id, failure.getMessage());
            }
        });
    }

    /** Stops processing: the running flight stops reading and stays {@code running}, to resume at the next start. */
    @Override
    public void close() {
        closing = true;
        ticker.shutdownNow();
        if (running == null) {
            runner.interrupt(); // waiting for a flight: nothing to save
        }
        try {
            runner.join(30_000);
            if (runner.isAlive()) {
                runner.interrupt();
                runner.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
