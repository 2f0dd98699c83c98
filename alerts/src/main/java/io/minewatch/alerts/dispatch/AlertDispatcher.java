package io.minewatch.alerts.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.AlertFactory;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.broker.BrokerSecurity;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.lifecycle.AlertLifecycle;
import io.minewatch.alerts.lifecycle.Step;
import io.minewatch.alerts.outbox.Delivered;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.routing.LiveRouting;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.schema.Payloads;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.config.DepartmentConfig;
import io.minewatch.config.AlertsConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.event.TrackPoint;
import io.minewatch.alerts.track.TrackBook;
import io.minewatch.alerts.track.TrackStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts desk. Detection events (from camera threads) and acknowledgements (from the MQTT thread)
 * are queued to one thread, {@code alerts-dispatch}, which owns the lifecycle state and writes every
 * step through {@link CaseWriter}; a tick on the same thread ends quiet alerts and escalates overdue
 * ones. Escalation reads deadlines from the database, so it survives a restart.
 */
public final class AlertDispatcher implements DetectionListener, BrokerSecurity.RouteCheck, AutoCloseable {

    private static final long TICK_MS = 250;
    /** Frames' track points that may wait for the desk's thread (see {@link DeskTracks}). */
    static final int MAX_TRACKS_WAITING = DeskTracks.MAX_WAITING;
    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final AlertsConfig alerts;
    private final Outbox outbox;
    private final Topics topics;
    private final PayloadEncoder encoder;
    private final MeterRegistry registry;
    private final Clock clock;
    private final CaseStore cases;
    private final CaseWriter writer;
    private final AlertLifecycle lifecycle;
    private final ScheduledExecutorService executor;
    private final Instant startedAt;
    private final AtomicLong raised = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong escalations = new AtomicLong();
    private final AtomicLong whistles = new AtomicLong();
    private final RouteBook routes;
    private final DeskTracks tracks;
    private final MqttAcks mqttAcks;
    private volatile boolean closed;
    private final List<java.util.function.BiConsumer<Step, String>> lifecycleListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A desk with a route book of its own (tests, benchmarks). */
    public AlertDispatcher(AlertsConfig alerts, List<SiteConfig> sites, String topicPrefix, Outbox outbox,
                           MeterRegistry registry, Clock clock, Path storageDir) {
        this(alerts, sites, topicPrefix, new RouteBook(outbox.database()), outbox, registry, clock, storageDir);
    }

    /**
     * @param routes the route book the broker's authorizer also reads (built before the broker)
     */
    public AlertDispatcher(AlertsConfig alerts, List<SiteConfig> sites, String topicPrefix, RouteBook routes,
                           Outbox outbox, MeterRegistry registry, Clock clock, Path storageDir) {
        this(new LiveRouting(alerts, sites, List.of()), topicPrefix, routes, outbox, registry, clock, storageDir);
    }

    /**
     * @param routing the sites (officials, escalation chains, time zones) in force, which the registry
     *                swaps while the server runs: each new alert and each escalation step reads them then
     * @param routes  the route book the broker's authorizer also reads (built before the broker)
     */
    public AlertDispatcher(LiveRouting routing, String topicPrefix, RouteBook routes, Outbox outbox,
                           MeterRegistry registry, Clock clock, Path storageDir) {
        AlertsConfig alerts = routing.view().alerts();
        this.alerts = alerts;
        this.outbox = outbox;
        this.topics = new Topics(topicPrefix);
        this.encoder = new PayloadEncoder(topics);
        this.registry = registry;
        this.clock = clock;
        this.routes = routes;
        this.cases = new CaseStore(outbox.database());
        this.writer = new CaseWriter(outbox, cases, () -> routing.view().router(), topics, alerts,
                storageDir.toAbsolutePath().normalize(), routes::add);
        // Suppression windows are read in each camera's site time zone, as its schedules are (it was the JVM's).
        this.lifecycle = new AlertLifecycle(alerts, new AlertFactory(), site -> routing.view().zone(site));
        this.mqttAcks = new MqttAcks(topics, writer, registry, clock, acks);
        this.tracks = new DeskTracks(new TrackBook(new TrackStore(outbox.database()), registry), registry);
        this.startedAt = clock.instant();
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "alerts-dispatch");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("alerts dispatcher failed", e));
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = ex;
        outbox.onDelivered(this::delivered);
    }

    /** Starts the tick (lifecycle ends, escalation, stats). Subscribe {@link #onAck} to {@link Topics#ackFilters()}. */
    public void start() {
        executor.scheduleWithFixedDelay(this::guarded, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        double stats = alerts.statsIntervalS();
        if (stats > 0) {
            long ms = Math.round(stats * 1000);
            executor.scheduleWithFixedDelay(this::stats, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Also tells this listener of every alert that starts ({@link Step#NEW}) or ends ({@link Step#END}),
     * with its camera, on the dispatcher's thread after the step is stored (the clip recorder).
     */
    public void onLifecycle(java.util.function.BiConsumer<Step, String> listener) {
        lifecycleListeners.add(listener);
    }

    /** The topic layout in use. */
    public Topics topics() {
        return topics;
    }

    /** The case store (audit trail), for tests and the HTTP API. */
    public CaseStore cases() {
        return cases;
    }

    /** Whether the alert is routed to the official (see {@link RouteBook}). */
    @Override
    public boolean routed(String alertId, String official) {
        return routes.routed(alertId, official);
    }

    @Override
    public void onEvent(DetectionEvent event) {
        if (closed) {
            log.warn("alerts dispatcher closed: event {} of camera {} dropped", event.rule(), event.camera());
            return;
        }
        executor.execute(() -> handle(event));
    }

    /**
     * One detect frame's points of reported objects, handed to the desk's thread without waiting
     * ({@link DeskTracks}: bounded, drops counted).
     */
    @Override
    public void onTrack(List<TrackPoint> points) {
        if (!closed) {
            tracks.offer(points, executor, lifecycle::openAlertsWith);
        }
    }

    /**
     * Inbound message on an ack topic ({@link Topics#ackFilters()}); validated on the dispatcher's
     * thread. The sender is the official in the topic, never the payload's {@code official}.
     */
    public void onAck(String topic, byte[] payload) {
        if (!closed) {
            byte[] copy = payload.clone();
            executor.execute(() -> mqttAcks.apply(topic, copy));
        }
    }

    /**
     * An ack from a signed-in caller (API v1), applied on the dispatcher's thread through the same path
     * as an MQTT ack: the same {@code alert_event} rows ({@code acknowledged}, or {@code ack_refused} when
     * an official acks an alert not routed to them), the same event message on the outbox, the same
     * counter ({@code alerts.acks{channel=http}}). Malformed input completes at once with BAD_INPUT.
     */
    public CompletableFuture<AckOutcome> ack(CallerAck ack) {
        String problem = ack.problem();
        if (problem != null) {
            registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_HTTP,
                    AlertMetrics.TAG_RESULT, AlertMetrics.ACK_BAD_INPUT).increment();
            return CompletableFuture.completedFuture(AckOutcome.bad(problem));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("alerts desk closed"));
        }
        CompletableFuture<AckOutcome> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    done.complete(apply(ack));
                } catch (RuntimeException e) {
                    registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_HTTP,
                            AlertMetrics.TAG_RESULT, "error").increment();
                    log.error("alert {}: {} by {} failed: {}", ack.alertId(), ack.action(), ack.actor(), e.toString());
                    done.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("alerts desk closed"));
        }
        return done;
    }

    private AckOutcome apply(CallerAck ack) {
        CaseWriter.AckResult r = writer.ack(new Payloads.Ack(Payloads.ACK, ack.actor(), ack.action(), ack.note(),
                ack.alertId()), ack.anyAlert(), clock.millis());
        registry.counter(AlertMetrics.ACKS, AlertMetrics.TAG_CHANNEL, AlertMetrics.CHANNEL_HTTP,
                AlertMetrics.TAG_RESULT, r.name().toLowerCase(java.util.Locale.ROOT)).increment();
        return switch (r) {
            case ACCEPTED -> {
                acks.incrementAndGet();
                log.info("alert {}: {} by {} (console)", ack.alertId(), ack.action(), ack.actor());
                yield AckOutcome.accepted(CaseWriter.stateAfter(ack.action()));
            }
            case REFUSED -> {
                log.warn("alert {}: {} from {} (console) refused: the alert is not routed to them", ack.alertId(),
                        ack.action(), ack.actor());
                yield AckOutcome.of(AckOutcome.Result.NOT_ROUTED);
            }
            case UNKNOWN_ALERT -> AckOutcome.of(AckOutcome.Result.UNKNOWN_ALERT);
        };
    }

    private void handle(DetectionEvent e) {
        try {
            for (Step step : lifecycle.onEvent(e, clock.instant())) {
                apply(step, e.camera(), e.rule());
            }
        } catch (RuntimeException ex) {
            log.error("camera {}: detection event {} could not be turned into an alert: {}", e.camera(), e.rule(),
                    ex.toString(), ex);
        }
    }

    private void apply(Step step, String camera, String rule) {
        registry.counter(AlertMetrics.LIFECYCLE, AlertMetrics.TAG_CAMERA, camera, AlertMetrics.TAG_RULE, rule,
                AlertMetrics.TAG_STEP, step.kind()).increment();
        if (!step.publishes()) {
            return;
        }
        long now = clock.millis();
        switch (step.kind()) {
            case Step.NEW -> {
                raised.incrementAndGet();
                log.info("alert {}: new {} ({}) on camera {}, score {}", step.alert().id(), rule, step.alert().level(),
                        camera, String.format(java.util.Locale.ROOT, "%.2f", step.alert().score()));
                DepartmentConfig d = writer.created(step.alert(), now);
                if (d != null) {
                    whistles.incrementAndGet();
                    registry.counter(AlertMetrics.WHISTLES, AlertMetrics.TAG_DEPARTMENT, d.id(),
                            AlertMetrics.TAG_LEVEL, step.alert().level()).increment();
                }
            }
            case Step.UPDATE -> writer.updated(step.alert(), now);
            case Step.END -> {
                log.info("alert {}: ended on camera {}", step.alert().id(), camera);
                writer.ended(step.alert(), now);
                tracks.flush(step.alert().id());
            }
            default -> throw new IllegalStateException("unexpected step " + step.kind());
        }
        if (!Step.UPDATE.equals(step.kind())) {
            for (var listener : lifecycleListeners) {
                try {
                    listener.accept(step, camera);
                } catch (RuntimeException e) {
                    log.warn("alert {}: lifecycle listener failed: {}", step.alert().id(), e.toString());
                }
            }
        }
    }

    private void guarded() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("alerts tick failed: {}", e.toString(), e);
        }
    }

    private void tick() {
        tracks.flush(null);
        Instant now = clock.instant();
        for (Step step : lifecycle.tick(now)) {
            apply(step, step.alert().camera(), step.alert().rule());
        }
        List<CaseStore.Case> due = outbox.database().tx(c -> cases.due(c, now.toEpochMilli()));
        for (CaseStore.Case k : due) {
            String added = writer.escalate(k, now.toEpochMilli());
            escalations.incrementAndGet();
            registry.counter(AlertMetrics.ESCALATIONS, AlertMetrics.TAG_LEVEL, k.level()).increment();
            log.warn("alert {}: not acknowledged within its {} deadline; escalation step {}{}", k.id(), k.level(),
                    k.escalations() + 1, added == null ? "" : ", now also routed to " + added);
        }
    }

    private void stats() {
        try {
            Payloads.ServerStats s = new Payloads.ServerStats(clock.instant(),
                    (clock.millis() - startedAt.toEpochMilli()) / 1000.0, lifecycle.openCount(),
                    outbox.store().pendingCount(), raised.get(), acks.get(), escalations.get(), whistles.get());
            outbox.append(encoder.message(s, null));
        } catch (RuntimeException e) {
            log.warn("server stats not published: {}", e.toString());
        }
    }

    /** Records {@code delivered} in the audit trail for alert messages and routed copies. */
    private void delivered(List<Delivered> batch) {
        List<Delivered> relevant = batch.stream().filter(d -> d.alertId() != null
                && (d.kind().equals("alert") || d.kind().equals("routed"))).toList();
        if (relevant.isEmpty()) {
            return;
        }
        outbox.database().tx(c -> {
            for (Delivered d : relevant) {
                cases.event(c, d.alertId(), "delivered", "broker", d.atMs(), d.topic());
            }
            return null;
        });
    }

    /** Waits until everything queued so far has been handled (tests, benchmarks). */
    public void awaitIdle(long timeoutMs) throws InterruptedException, ExecutionException, TimeoutException {
        executor.submit(() -> { }).get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Ends the open activity periods (their {@code end} messages go to the outbox) and stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            executor.submit(() -> {
                for (Step step : lifecycle.endAll(clock.instant())) {
                    apply(step, step.alert().camera(), step.alert().rule());
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("alerts dispatcher: open alerts not ended on close: {}", e.toString());
        }
        executor.shutdownNow();
    }
}
