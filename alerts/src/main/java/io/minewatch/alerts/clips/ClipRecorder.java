package io.minewatch.alerts.clips;

import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.ingest.ring.PreRollRing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the clip of each alert from its camera's pre-roll ring: from the key frame at or before
 * {@code start − pre} until {@code end + post}, by stream copy. Alerts that overlap on one camera
 * extend one clip instead of writing two. Each clip has its own thread ({@code clip-<camera>}).
 *
 * <p>A clip whose camera goes quiet is closed by the wall clock shortly after its alerts' end +
 * post-roll (see {@link ClipJob}), partial when it ends early.
 *
 * <p>On start, clips a crash left in the recording state are marked partial, hashed and audited:
 * they play up to the moment of the crash.
 */
public final class ClipRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClipRecorder.class);

    private final ClipStore store;
    private final AuditLog audit;
    private final Function<String, PreRollRing> rings;
    private final Duration pre;
    private final Duration post;
    private final Clock clock;
    private final Map<String, ClipJob> active = new HashMap<>();
    private final Map<String, Thread> threads = new HashMap<>();
    private final java.util.List<ClipFile> recovered = new java.util.ArrayList<>();

    /**
     * @param rings the record ring of a camera, or null when it has none (file cameras)
     * @param pre   pre-roll before the alert's start (default 10 s)
     * @param post  post-roll after the alert's end (default 20 s)
     */
    public ClipRecorder(ClipStore store, AuditLog audit, Function<String, PreRollRing> rings, Duration pre,
                        Duration post) {
        this(store, audit, rings, pre, post, Clock.systemUTC());
    }

    /** @param clock the wall clock a quiet camera's clip is closed by */
    public ClipRecorder(ClipStore store, AuditLog audit, Function<String, PreRollRing> rings, Duration pre,
                        Duration post, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.audit = audit;
        this.rings = rings;
        this.pre = pre;
        this.post = post;
        recoverPartial();
    }

    private void recoverPartial() {
        for (ClipFile c : store.all()) {
            if (ClipSidecar.RECORDING.equals(c.state())) {
                try {
                    String sha = Sha256.of(c.file());
                    AuditEntry head = null;
                    for (String alert : c.alerts()) {
                        head = audit.append("system", "clip_partial", alert, c.relative(), sha);
                    }
                    ClipSidecar.closed(c.alerts(), ClipSidecar.PARTIAL, sha, "the server stopped while recording",
                            head).write(c.file());
                    recovered.add(c);
                    log.warn("clip {} was cut short by a stop; kept as partial", c.relative());
                } catch (IOException e) {
                    log.warn("clip {}: cannot hash: {}", c.relative(), e.toString());
                }
            }
        }
    }

    /** Clips a crash had left recording, found partial at start (their alerts should say so). */
    public java.util.List<ClipFile> recovered() {
        return java.util.List.copyOf(recovered);
    }

    /** An alert began: start its camera's clip, or extend the one being written. */
    public synchronized void alertStarted(String camera, String alertId, Instant start) {
        ClipJob job = active.get(camera);
        if (job != null && !job.finished()) {
            job.join(alertId);
            store.join(job.alerts().get(0), alertId);
            return;
        }
        PreRollRing ring = rings.apply(camera);
        if (ring == null) {
            return;
        }
        Path file = store.newClip(camera, alertId, start);
        long from = micros(start.minus(pre));
        ClipJob created = new ClipJob(camera, alertId, file, store.relative(file), ring.readerAt(from), audit,
                clock, () -> finished(camera));
        active.put(camera, created);
        Thread t = new Thread(created, "clip-" + camera);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> log.error("thread {} died", th.getName(), e));
        threads.put(camera, t);
        t.start();
    }

    /** An alert ended: its clip runs on for the post-roll unless another alert keeps it open. */
    public synchronized void alertEnded(String camera, String alertId, Instant end) {
        ClipJob job = active.get(camera);
        if (job != null && job.alerts().contains(alertId)) {
            job.end(alertId, micros(end.plus(post)));
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    private synchronized void finished(String camera) {
        active.remove(camera);
        threads.remove(camera);
    }

    /** The clip file an alert's clip is being or was written to. */
    public java.util.Optional<ClipFile> clipOf(String alertId) {
        return store.find(alertId);
    }

    /** Stops every clip at its next access unit and waits for the files to be closed. */
    @Override
    public void close() {
        Map<String, Thread> running;
        synchronized (this) {
            active.values().forEach(ClipJob::cancel);
            running = new HashMap<>(threads);
        }
        for (Thread t : running.values()) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
