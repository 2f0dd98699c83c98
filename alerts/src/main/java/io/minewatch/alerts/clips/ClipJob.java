package io.minewatch.alerts.clips;

import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.ingest.clip.AnnexBSets;
import io.minewatch.ingest.clip.ClipException;
import io.minewatch.ingest.clip.Mp4ClipWriter;
import io.minewatch.ingest.clip.PictureSize;
import io.minewatch.ingest.ring.RingReader;
import io.minewatch.ingest.rtp.AccessUnit;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clip being written on its own thread: from the ring reader's key frame until the capture time
 * passes the stop time, which stays open while any of its alerts is open. Reading the ring never
 * blocks ingest.
 *
 * <p>A camera that goes quiet does not leave the clip open: once the stop time is set, the thread's
 * timed wait on the ring also ends at a wall-clock deadline — the stop time mapped to this server's
 * clock (by the smallest capture-to-read delay seen) plus {@link #QUIET_GRACE_MICROS}. When the ring
 * has nothing for the clip by then, or the ring closes, or the server stops, the clip is closed
 * with what it has. A clip that ends more than {@link #SHORT_MICROS} before the stop time is
 * {@code partial} with a reason, audited {@code clip_partial}; otherwise {@code complete}, audited
 * {@code clip_created}. Either way the file is fsynced and hashed first.
 */
final class ClipJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClipJob.class);
    private static final long POLL_MILLIS = 200;
    /** How long after the stop time (mapped to this server's clock) a quiet camera is waited for. */
    static final long QUIET_GRACE_MICROS = 2_000_000;
    /** A clip that ends this much before its stop time is partial. */
    static final long SHORT_MICROS = 1_000_000;
    private static final String WRITE_FAILED = "write failed";

    private final String camera;
    private final Path file;
    private final String relative;
    private final RingReader reader;
    private final AuditLog audit;
    private final List<String> alerts = new ArrayList<>();
    private final List<String> open = new ArrayList<>();
    private final Runnable onFinish;
    private final Clock clock;
    private long stopMicros = Long.MAX_VALUE;
    private volatile boolean cancelled;
    private long lastPts = Long.MIN_VALUE;
    private long ptsOffset;
    private int epoch = Integer.MIN_VALUE;
    private long written;
    /** Capture time of the last access unit written. */
    private long lastWall = Long.MIN_VALUE;
    /** Smallest (server clock − capture time) seen: maps capture time to this server's clock. */
    private long delay = Long.MAX_VALUE;
    /** Why the clip ended before its stop time; null when it reached it. */
    private String cutShort = "server stopped";

    ClipJob(String camera, String firstAlert, Path file, String relative, RingReader reader, AuditLog audit,
            Clock clock, Runnable onFinish) {
        this.camera = camera;
        this.file = file;
        this.relative = relative;
        this.reader = reader;
        this.audit = audit;
        this.onFinish = onFinish;
        this.clock = clock;
        alerts.add(firstAlert);
        open.add(firstAlert);
        new ClipSidecar(alerts, ClipSidecar.RECORDING, "").write(file);
    }

    /** Another alert on this camera: the clip now also covers it and runs until it ends too. */
    synchronized void join(String alertId) {
        if (!alerts.contains(alertId)) {
            alerts.add(alertId);
            new ClipSidecar(alerts, ClipSidecar.RECORDING, "").write(file);
        }
        if (!open.contains(alertId)) {
            open.add(alertId);
        }
        stopMicros = Long.MAX_VALUE;
    }

    /** An alert ended; when none is left open the clip stops at {@code stopMicros} (end + post-roll). */
    synchronized void end(String alertId, long stopAtMicros) {
        open.remove(alertId);
        if (open.isEmpty()) {
            stopMicros = stopAtMicros;
        }
    }

    synchronized boolean finished() {
        return cancelled;
    }

    synchronized List<String> alerts() {
        return List.copyOf(alerts);
    }

    private synchronized long stopMicros() {
        return stopMicros;
    }

    /** Stops at the next access unit (shutdown): the clip is closed properly, shorter. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        Mp4ClipWriter writer = null;
        try {
            AccessUnit au;
            while (!cancelled) {
                long stop = stopMicros();
                long left = stop == Long.MAX_VALUE ? POLL_MILLIS : (deadline(stop) - nowMicros()) / 1000;
                au = reader.next(Math.max(1, Math.min(POLL_MILLIS, left)));
                if (au == null) {
                    if (reader.closed()) {
                        cutShort = "the camera's stream closed";
                        break;
                    }
                    if (stop != Long.MAX_VALUE && nowMicros() >= deadline(stop)) {
                        cutShort = "no video from the camera since " + since();
                        break;
                    }
                    continue;
                }
                delay = Math.min(delay, nowMicros() - au.wallMicros());
                if (au.wallMicros() > stopMicros()) {
                    cutShort = null;
                    break;
                }
                if (writer == null) {
                    if (!au.keyFrame()) {
                        continue;
                    }
                    writer = open(au);
                }
                writer.write(au.data(), pts(au), au.keyFrame());
                written++;
                lastWall = au.wallMicros();
            }
        } catch (ClipException | RuntimeException e) {
            cutShort = WRITE_FAILED;
            log.warn("camera {}: clip {} stopped: {}", camera, relative, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish(writer);
        }
    }

    /** When, on this server's clock, a quiet camera has had its chance to reach the stop time. */
    private long deadline(long stop) {
        return stop + (delay == Long.MAX_VALUE ? 0 : delay) + QUIET_GRACE_MICROS;
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private String since() {
        return lastWall == Long.MIN_VALUE ? "the clip began"
                : Instant.ofEpochSecond(0, lastWall * 1000).toString();
    }

    /**
     * Partial with this reason, or null when the clip reached its stop time (give or take a second);
     * a failed write is always partial.
     */
    private String shortBy() {
        long stop = stopMicros();
        if (cutShort == null || (!cutShort.equals(WRITE_FAILED) && stop != Long.MAX_VALUE
                && lastWall >= stop - SHORT_MICROS)) {
            return null;
        }
        return cutShort;
    }

    private Mp4ClipWriter open(AccessUnit key) throws ClipException {
        PictureSize size = PictureSize.of(key.codec(), key.data());
        if (size == null) {
            throw new ClipException(file + ": the first key frame carries no readable SPS");
        }
        return Mp4ClipWriter.create(file, key.codec(), AnnexBSets.parameterSets(key.codec(), key.data()),
                size.width(), size.height());
    }

    /**
     * 90 kHz presentation time, continuous across reconnects (a new epoch restarts RTP time) and
     * repaired where a camera sends none that grow (then taken from the capture clock).
     */
    private long pts(AccessUnit au) {
        long pts = au.rtpTimestamp();
        if (au.epoch() != epoch) {
            if (lastPts != Long.MIN_VALUE) {
                ptsOffset = lastPts + 3000 - pts;
            }
            epoch = au.epoch();
        }
        pts += ptsOffset;
        if (lastPts != Long.MIN_VALUE && pts <= lastPts - 90_000) {
            // Time went back by more than any B-frame reorder: the camera's clock is broken.
            // Carry on one nominal frame later so the file stays playable.
            pts = lastPts + 3000;
            ptsOffset = pts - au.rtpTimestamp();
        }
        lastPts = Math.max(lastPts, pts);
        return pts;
    }

    private void finish(Mp4ClipWriter writer) {
        String reason = shortBy();
        if (writer != null) {
            try {
                writer.close();
            } catch (ClipException e) {
                log.warn("camera {}: clip {} not closed cleanly: {}", camera, relative, e.getMessage());
                reason = "not closed cleanly";
            }
        }
        try {
            if (writer == null) {
                new ClipSidecar(alerts(), ClipSidecar.PARTIAL, "", "no key frame recorded", 0, "").write(file);
                return;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            String sha = Sha256.of(file);
            String action = reason == null ? "clip_created" : "clip_partial";
            AuditEntry head = null;
            for (String alert : alerts()) {
                head = audit.append("system", action, alert, relative, sha);
            }
            ClipSidecar.closed(alerts(), reason == null ? ClipSidecar.COMPLETE : ClipSidecar.PARTIAL, sha,
                    reason == null ? "" : reason, head).write(file);
            if (reason == null) {
                log.info("camera {}: clip {} written ({} access units)", camera, relative, written);
            } else {
                log.warn("camera {}: clip {} partial ({} access units): {}", camera, relative, written, reason);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("camera {}: clip {} not recorded: {}", camera, relative, e.toString());
        } finally {
            cancelled = true;
            onFinish.run();
        }
    }
}
