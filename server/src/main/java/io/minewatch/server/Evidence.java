package io.minewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.clips.ClipFile;
import io.minewatch.alerts.clips.ClipRecorder;
import io.minewatch.alerts.clips.ClipRetention;
import io.minewatch.alerts.clips.ClipStore;
import io.minewatch.alerts.clips.RetentionPolicy;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.dispatch.CaseFiles;
import io.minewatch.alerts.evidence.AuditAnchor;
import io.minewatch.alerts.evidence.AuditCheckpoint;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.DatabaseAnchor;
import io.minewatch.alerts.evidence.EvidenceExport;
import io.minewatch.alerts.lifecycle.Step;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.alerts.schema.PayloadEncoder;
import io.minewatch.alerts.schema.Payloads;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.ClipsConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.ingest.ring.PreRollRing;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence side, wired: the audit log (its head anchored in the checkpoint file, signed with
 * {@code MINEWATCH_AUDIT_KEY} when set, and in the database), clips recorded from each camera's ring as alerts start and
 * end, their retention on a schedule ({@code clip-retention}), and exports. Closed before the desk.
 */
final class Evidence implements AutoCloseable {
    /** Rule of the {@code server/alerts} notice sent when the disk is full of clips that must be kept. */
    static final String STORAGE_LOW = "storage_low";
    private static final Logger log = LoggerFactory.getLogger(Evidence.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path storage;
    private final AuditLog audit;
    private final ClipStore store;
    private final ClipRecorder recorder;
    private final CaseFiles cases;
    private final ScheduledExecutorService scheduler;

    private Evidence(Path storage, AuditLog audit, ClipStore store, ClipRecorder recorder, CaseFiles cases,
                     ScheduledExecutorService scheduler) {
        this.storage = storage;
        this.audit = audit;
        this.store = store;
        this.recorder = recorder;
        this.cases = cases;
        this.scheduler = scheduler;
    }

    static Evidence start(MinewatchConfig config, Database database, AlertDispatcher desk, MqttAlertSink sink,
                          Clock clock, MeterRegistry registry, Function<String, PreRollRing> rings) throws IOException {
        Path storage = config.storage().dir().toAbsolutePath().normalize();
        ClipsConfig clips = config.storage().clips();
        Path logFile = storage.resolve("evidence/audit.jsonl");
        Optional<AuditAnchor.Mark> anchored = DatabaseAnchor.read(database);
        String mismatch = anchored.isPresent() ? AuditLog.mismatch(logFile, anchored.get()) : null;
        if (mismatch != null) {
            throw new IOException(mismatch + "; run scripts/verify-evidence. To start a new log after the "
                    + "investigation, move the evidence folder aside and reset the anchor: "
                    + "UPDATE audit_anchor SET seq = 0, hash = '' WHERE id = 1");
        }
        AuditLog audit = AuditLog.open(logFile, clock, AuditCheckpoint.keyFromEnv());
        audit.addAnchor(new DatabaseAnchor(database, clock));
        ClipStore store = new ClipStore(storage);
        ClipRecorder recorder = new ClipRecorder(store, audit, rings, clips.pre(), clips.post());
        recorder.countWith(registry);
        for (ClipFile partial : recorder.recovered()) {
            // The alert's own history says its clip was cut short (the audit log says so too).
            for (String alertId : partial.alerts()) {
                database.tx(c -> {
                    desk.cases().event(c, alertId, "clip_partial", "system", clock.millis(), partial.relative());
                    return null;
                });
            }
        }
        desk.onLifecycle((step, camera) -> {
            if (Step.NEW.equals(step.kind())) {
                recorder.alertStarted(camera, step.alert().id(), step.alert().started());
            } else if (Step.END.equals(step.kind())) {
                recorder.alertEnded(camera, step.alert().id(), step.alert().time());
            }
        });
        CaseFiles cases = new CaseFiles(database, desk.cases());
        RetentionPolicy policy = new RetentionPolicy(clips.maxAge(), clips.quotaBytes(), clips.cameraQuotaBytes(),
                clips.minFreeBytes());
        ClipRetention retention = new ClipRetention(store, policy, cases::keepsEvidence,
                () -> storage.toFile().getUsableSpace(), audit, clock,
                () -> storageLow(sink, storage, clock), registry);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clip-retention");
            t.setDaemon(true);
            return t;
        });
        long every = clips.retentionEvery().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                retention.runOnce();
            } catch (RuntimeException e) {
                log.warn("clip retention failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new Evidence(storage, audit, store, recorder, cases, scheduler);
    }

    /** One {@code storage_low} notice on {@code <prefix>/server/alerts}: the disk is full of kept clips. */
    private static void storageLow(MqttAlertSink sink, Path storage, Clock clock) {
        sink.publish(new Payloads.ServerAlert(PayloadEncoder.newMessageId(), STORAGE_LOW, "tough", clock.instant(),
                storage.toFile().getUsableSpace()));
    }

    /** The alert with its history as JSON ("" for an unknown alert). */
    String alertHistory(String alertId) {
        return cases.caseJson(alertId).orElse("");
    }

    /** The clip covering an alert, when its file exists. */
    Optional<Path> clip(String alertId) {
        return store.find(alertId).map(ClipFile::file);
    }

    /** The clip covering an alert with its sidecar (its start, for the alert's track), when its file exists. */
    Optional<ClipFile> clipFile(String alertId) {
        return store.find(alertId);
    }

    /** Audits a playback that starts at the clip's first byte. */
    void viewed(String alertId, String actor) {
        store.find(alertId).ifPresent(c -> audit.append(actor, "clip_viewed", alertId, c.relative(), ""));
    }

    /** A registry change or camera probe: who, what, on which entry, the SHA-256 of the stored entry. */
    void registryEvent(String actor, String action, String subject, String sha256) {
        audit.append(actor, action, "", subject, sha256);
    }

    /** A sign-in event (login, login_failed, login_throttled, logout) in the audit log; no secret is ever passed. */
    void authEvent(String actor, String action, String address) {
        audit.append(actor, action, "", address, "");
    }

    /** An analyst's act in the audit log: a verdict on an alert, or an export of alerts or labels. */
    void audited(String actor, String action, String alert, String subject) {
        audit.append(actor, action, alert, subject, "");
    }

    /**
     * Writes the evidence zip of an alert to a new file under {@code exports/}; empty for an unknown
     * alert.
     */
    Optional<Path> export(String alertId, String actor) throws IOException {
        Optional<String> json = cases.caseJson(alertId);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        Path dir = storage.resolve("exports");
        Files.createDirectories(dir);
        Path zip = Files.createTempFile(dir, alertId + "-", ".zip");
        Optional<ClipFile> clip = store.find(alertId);
        List<Path> snapshots = snapshotsOf(json.get());
        try (OutputStream out = Files.newOutputStream(zip)) {
            EvidenceExport.write(out, alertId, json.get(), clip.map(ClipFile::file).orElse(null), snapshots, audit,
                    actor);
        }
        return Optional.of(zip);
    }

    /**
     * Snapshot files named in the alert's case JSON (every {@code snapshot} field, at any depth: the
     * alert's and those of its history), inside storage only.
     */
    private List<Path> snapshotsOf(String json) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (JsonNode n : JSON.readTree(json).findValues("snapshot")) {
            if (!n.isTextual() || n.asText().isEmpty()) {
                continue;
            }
            Path p = storage.resolve(n.asText()).normalize();
            if (p.startsWith(storage)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void close() throws IOException {
        scheduler.shutdownNow();
        recorder.close();
        audit.close();
    }
}
