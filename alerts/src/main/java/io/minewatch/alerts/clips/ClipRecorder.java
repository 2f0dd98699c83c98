package io.minewatch.alerts.clips;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.ingest.clip.ClipWriter;
import io.minewatch.ingest.clip.Mp4ClipWriter;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.ring.RingReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the clip of each alert from its camera's pre-roll ring: from the key frame at or before
 * {@code start − pre} until {@code end + post}, by stream copy. Alerts that overlap on one camera
 * extend one clip instead of writing two. Each clip has its own thread ({@code clip-<camera>}).
 *
 * <p>A clip whose camera goes quiet is closed by the wall clock shortly after its alerts' end +
 * post-roll (see {@link ClipJob}), partial with the reason when it ends early (camera quiet, stream
 * closed, server stopped). A clip cut short by a writer error is partial too, and its alerts go on in a
 * new clip ({@code <alert>-2.mp4}, ...) from the key frame before where it stopped, so the evidence
 * covers the alert whole and never claims a short clip is complete.
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
    private final ClipWriter.Opener opener;
    /** Per camera, the clip a new alert joins. */
    private final Map<String, ClipJob> active = new HashMap<>();
    /** Every clip being written (a continuation can run beside a newer clip of its camera). */
    private final Map<ClipJob, Thread> threads = new HashMap<>();
    private final List<ClipFile> recovered = new ArrayList<>();
    private volatile MeterRegistry registry;
    private boolean closing;

    /**
     * @param rings the record ring of a camera, or null when it has none (file cameras)
     * @param pre   pre-roll before the alert's start (default 10 s)
     * @param post  post-roll after the alert's end (default 20 s)
     */
    public ClipRecorder(ClipStore store, AuditLog audit, Function<String, PreRollRing> rings, Duration pre,
                        Duration post) {
        this(store, audit, rings, pre, post, Clock.systemUTC(), Mp4ClipWriter::create);
    }

    /**
     * @param clock  the wall clock a quiet camera's clip is closed by
     * @param opener opens a clip's writer (tests make one fail)
     */
    ClipRecorder(ClipStore store, AuditLog audit, Function<String, PreRollRing> rings, Duration pre,
                 Duration post, Clock clock, ClipWriter.Opener opener) {
        this.clock = clock;
        this.opener = opener;
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
                            head, c.sidecar().start()).write(c.file());
                    recovered.add(c);
                    log.warn("clip {} was cut short by a stop; kept as partial", c.relative());
                } catch (IOException e) {
                    log.warn("clip {}: cannot hash: {}", c.relative(), e.toString());
                }
            }
        }
    }

    /** Clips a crash had left recording, found partial at start (their alerts should say so). */
    public List<ClipFile> recovered() {
        return List.copyOf(recovered);
    }

    /** An alert began: start its camera's clip, or extend the one being written. */
    public synchronized void alertStarted(String camera, String alertId, Instant start) {
        ClipJob job = active.get(camera);
        if (job != null && !job.finished()) {
            job.join(alertId);
            store.join(job.file(), alertId);
            return;
        }
        PreRollRing ring = rings.apply(camera);
        if (ring == null) {
            return;
        }
        Path file = store.newClip(camera, alertId, start);
        long from = micros(start.minus(pre));
        active.put(camera, launch(camera, List.of(alertId), file, ring.readerAt(from), Long.MIN_VALUE));
    }

    /**
     * Counts per camera {@code clips.timestamp_corrections} (timestamps a clip writer changed to keep
     * the file muxable) and {@code clips.partial} (clips cut short by a writer error and continued).
     */
    public void countWith(MeterRegistry meters) {
        this.registry = meters;
    }

    private void count(String name, String camera, long n) {
        MeterRegistry r = registry;
        if (r != null && n > 0) {
            Counter.builder(name).tag("camera", camera).register(r).increment(n);
        }
    }

    private ClipJob launch(String camera, List<String> alertIds, Path file, RingReader reader, long continuesAfter) {
        ClipJob[] self = new ClipJob[1];
        ClipJob created = new ClipJob(camera, alertIds, file, store.relative(file), reader, continuesAfter, audit,
                clock, opener, n -> count("clips.timestamp_corrections", camera, n), () -> finished(camera, self[0]));
        self[0] = created;
        Thread t = new Thread(created, "clip-" + camera);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> log.error("thread {} died", th.getName(), e));
        threads.put(created, t);
        t.start();
        return created;
    }

    /** An alert ended: its clip runs on for the post-roll unless another alert keeps it open. */
    public synchronized void alertEnded(String camera, String alertId, Instant end) {
        for (ClipJob job : threads.keySet()) {
            if (job.camera().equals(camera) && job.alerts().contains(alertId)) {
                job.end(alertId, micros(end.plus(post)));
            }
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    /** A clip was closed (on its thread): after a writer error, its alerts go on in a new clip. */
    private synchronized void finished(String camera, ClipJob job) {
        threads.remove(job);
        if (active.get(camera) == job) {
            active.remove(camera);
        }
        ClipJob.Continuation c = job.continuation();
        PreRollRing ring = rings.apply(camera);
        if (c == null || closing || ring == null || c.afterMicros() >= c.stopMicros()) {
            return;
        }
        count("clips.partial", camera, 1);
        Path file = continuationFile(camera, c.alerts().get(0), c.afterMicros());
        log.warn("camera {}: clip of {} cut short ({}); continuing in {}", camera, c.alerts(), c.reason(),
                store.relative(file));
        ClipJob next = launch(camera, c.alerts(), file, ring.readerAt(c.afterMicros()), c.afterMicros());
        for (String alert : c.alerts()) {
            if (!c.open().contains(alert)) {
                next.end(alert, c.stopMicros());
            }
        }
        // New alerts join the continuation, unless one already began a clip of its own meanwhile.
        active.putIfAbsent(camera, next);
    }

    /** {@code <alert>-2.mp4}, {@code -3}, ...: the first name not taken, in the folder of the day it continues. */
    private Path continuationFile(String camera, String alertId, long afterMicros) {
        Instant day = Instant.ofEpochSecond(0, afterMicros * 1000);
        for (int part = 2; ; part++) {
            Path file = store.newClip(camera, alertId + "-" + part, day);
            if (!Files.exists(file) && !Files.exists(ClipSidecar.of(file))) {
                return file;
            }
        }
    }

    /** The clip file an alert's clip is being or was written to. */
    public Optional<ClipFile> clipOf(String alertId) {
        return store.find(alertId);
    }

    /** Stops every clip at its next access unit and waits for the files to be closed. */
    @Override
    public void close() {
        List<Thread> running;
        synchronized (this) {
            closing = true;
            threads.keySet().forEach(ClipJob::cancel);
            running = List.copyOf(threads.values());
        }
        for (Thread t : running) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
