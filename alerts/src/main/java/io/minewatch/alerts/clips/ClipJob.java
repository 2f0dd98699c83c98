package io.minewatch.alerts.clips;

import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.ingest.clip.AnnexBSets;
import io.minewatch.ingest.clip.ClipException;
import io.minewatch.ingest.clip.ClipWriter;
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
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clip being written on its own thread: from the ring reader's key frame until the capture time
 * passes the stop time, which stays open while any of its alerts is open. Reading the ring never
 * blocks ingest.
 *
 * <p>A camera that goes quiet does not leave the clip open: once the stop time is set, the thread's
 * timed wait on the ring also ends at a wall-clock deadline — the stop time mapped to this server's
 * clock (by the smallest capture-to-read delay seen) plus {@link #QUIET_GRACE_MICROS}.
 *
 * <p>However the clip ends ({@link Ending}), it is closed the same way: the file fsynced and hashed,
 * the audit entry appended, then the sidecar anchored at that entry. A clip whose writer failed, or
 * that ends more than {@link #SHORT_MICROS} before its stop time (camera quiet, stream closed, server
 * stopped), is {@code partial} with a reason, audited {@code clip_partial}; otherwise {@code complete},
 * audited {@code clip_created}. After a writer failure the stream is still there, so the recorder
 * continues the clip's alerts in a new clip ({@link #continuation()}).
 */
final class ClipJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClipJob.class);
    private static final long POLL_MILLIS = 200;
    /** How long after the stop time (mapped to this server's clock) a quiet camera is waited for. */
    static final long QUIET_GRACE_MICROS = 2_000_000;
    /** A clip that ends this much before its stop time is partial. */
    static final long SHORT_MICROS = 1_000_000;

    /** Why the clip stopped taking access units. */
    private enum Ending {
        /** The capture time passed the stop time: whole. */
        STOP_TIME,
        /** Cancelled (the server stops) or interrupted. */
        SERVER_STOPPED,
        /** The camera's ring closed. */
        STREAM_CLOSED,
        /** Nothing from the camera by the wall-clock deadline. */
        CAMERA_QUIET,
        /** The writer refused an access unit: partial whatever its length, continued in a new clip. */
        WRITE_FAILED
    }

    private final String camera;
    private final Path file;
    private final String relative;
    private final RingReader reader;
    private final AuditLog audit;
    private final Clock clock;
    private final ClipWriter.Opener opener;
    private final LongConsumer corrections;
    private final Runnable onFinish;
    /** For a continuation: the capture time it continues after (Long.MIN_VALUE for a first clip). */
    private final long continuesAfter;
    private final List<String> alerts = new ArrayList<>();
    private final List<String> open = new ArrayList<>();
    private long stopMicros = Long.MAX_VALUE;
    private volatile boolean cancelled;
    private long lastPts = Long.MIN_VALUE;
    private long ptsOffset;
    private int epoch = Integer.MIN_VALUE;
    private long written;
    /** The clip's first access unit (its time 0); unknown until the writer opens. */
    private ClipSidecar.Start start = ClipSidecar.Start.UNKNOWN;
    /** Capture time of the last access unit written. */
    private long lastWall = Long.MIN_VALUE;
    /** Smallest (server clock − capture time) seen: maps capture time to this server's clock. */
    private long delay = Long.MAX_VALUE;
    private Ending ending = Ending.SERVER_STOPPED;
    /** The writer's error message, for {@link Ending#WRITE_FAILED}. */
    private String failure = "";

    /**
     * A clip of these alerts (the first names the file; all start open).
     *
     * @param continuesAfter for a continuation, the capture time the clip it continues stopped at;
     *                       {@link Long#MIN_VALUE} for an alert's first clip
     * @param clock       the wall clock a quiet camera's clip is closed by
     * @param opener      opens the clip's writer at its first key frame
     * @param corrections told the writer's timestamp corrections once the clip is closed
     * @param onFinish    run on the clip thread once the clip is closed
     */
    ClipJob(String camera, List<String> firstAlerts, Path file, String relative, RingReader reader,
            long continuesAfter, AuditLog audit, Clock clock, ClipWriter.Opener opener, LongConsumer corrections,
            Runnable onFinish) {
        this.continuesAfter = continuesAfter;
        this.camera = camera;
        this.file = file;
        this.relative = relative;
        this.reader = reader;
        this.audit = audit;
        this.clock = clock;
        this.opener = opener;
        this.corrections = corrections;
        this.onFinish = onFinish;
        alerts.addAll(firstAlerts);
        open.addAll(firstAlerts);
        new ClipSidecar(alerts, ClipSidecar.RECORDING, "").write(file);
    }

    /** Another alert on this camera: the clip now also covers it and runs until it ends too. */
    synchronized void join(String alertId) {
        if (!alerts.contains(alertId)) {
            alerts.add(alertId);
            new ClipSidecar(alerts, ClipSidecar.RECORDING, "").startingAt(start).write(file);
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

    String camera() {
        return camera;
    }

    /** The file this clip is written to. */
    Path file() {
        return file;
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

    /**
     * What a new clip must continue after this one's writer failed: its alerts, from the capture time
     * of the last access unit written to the same stop time; null when the clip ended any other way, or
     * did not get past where the clip it continues stopped (an access unit the writer always refuses
     * would otherwise start continuations without end).
     */
    synchronized Continuation continuation() {
        if (ending != Ending.WRITE_FAILED || written == 0 || lastWall <= continuesAfter) {
            return null;
        }
        return new Continuation(List.copyOf(alerts), List.copyOf(open), lastWall, stopMicros, reason());
    }

    /** What a continuation clip needs to know; {@code open} are the alerts not ended yet. */
    record Continuation(List<String> alerts, List<String> open, long afterMicros, long stopMicros, String reason) {
    }

    @Override
    public void run() {
        ClipWriter writer = null;
        try {
            AccessUnit au;
            while (!cancelled) {
                long stop = stopMicros();
                long left = stop == Long.MAX_VALUE ? POLL_MILLIS : (deadline(stop) - nowMicros()) / 1000;
                au = reader.next(Math.max(1, Math.min(POLL_MILLIS, left)));
                if (au == null) {
                    if (reader.closed()) {
                        ending = Ending.STREAM_CLOSED;
                        break;
                    }
                    if (stop != Long.MAX_VALUE && nowMicros() >= deadline(stop)) {
                        ending = Ending.CAMERA_QUIET;
                        break;
                    }
                    continue;
                }
                delay = Math.min(delay, nowMicros() - au.wallMicros());
                if (au.wallMicros() > stopMicros()) {
                    ending = Ending.STOP_TIME;
                    break;
                }
                if (writer == null) {
                    if (!au.keyFrame()) {
                        continue;
                    }
                    writer = open(au);
                    started(au);
                }
                writer.write(au.data(), pts(au), au.keyFrame());
                written++;
                lastWall = au.wallMicros();
            }
        } catch (ClipException | RuntimeException e) {
            ending = Ending.WRITE_FAILED;
            failure = String.valueOf(e.getMessage());
            log.warn("camera {}: clip {} stopped short: {}", camera, relative, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish(writer);
        }
    }

    /** The first key frame is written: the sidecar records it (capture time, RTP time, connection), the file's time 0. */
    private synchronized void started(AccessUnit au) {
        start = new ClipSidecar.Start(au.wallMicros(), au.ptsMicros(), au.epoch());
        new ClipSidecar(alerts, ClipSidecar.RECORDING, "").startingAt(start).write(file);
    }

    private synchronized ClipSidecar.Start start() {
        return start;
    }

    /** When, on this server's clock, a quiet camera has had its chance to reach the stop time. */
    private long deadline(long stop) {
        return stop + (delay == Long.MAX_VALUE ? 0 : delay) + QUIET_GRACE_MICROS;
    }

    private long nowMicros() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /**
     * Why the clip is partial, or null when it is whole: it reached its stop time, or ended less than
     * {@link #SHORT_MICROS} before it. A failed write is always partial.
     */
    private synchronized String reason() {
        if (ending == Ending.STOP_TIME) {
            return null;
        }
        if (ending == Ending.WRITE_FAILED) {
            return "write failed: " + failure;
        }
        if (stopMicros != Long.MAX_VALUE && lastWall >= stopMicros - SHORT_MICROS) {
            return null;
        }
        return switch (ending) {
            case STREAM_CLOSED -> "the camera's stream closed";
            case CAMERA_QUIET -> "no video from the camera since " + (lastWall == Long.MIN_VALUE ? "the clip began"
                    : Instant.ofEpochSecond(0, lastWall * 1000).toString());
            default -> "server stopped";
        };
    }

    private ClipWriter open(AccessUnit key) throws ClipException {
        PictureSize size = PictureSize.of(key.codec(), key.data());
        if (size == null) {
            throw new ClipException(file + ": the first key frame carries no readable SPS");
        }
        return opener.open(file, key.codec(), AnnexBSets.parameterSets(key.codec(), key.data()),
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

    private void finish(ClipWriter writer) {
        String reason = reason();
        try {
            if (writer == null) {
                new ClipSidecar(alerts(), ClipSidecar.PARTIAL, "",
                        ending == Ending.WRITE_FAILED ? reason : "no key frame recorded", 0, "").write(file);
                return;
            }
            try {
                writer.close();
            } catch (ClipException | RuntimeException e) {
                log.warn("camera {}: clip {} not closed cleanly: {}", camera, relative, e.getMessage());
                if (reason == null) {
                    reason = "not closed cleanly: " + e.getMessage();
                }
            }
            corrections.accept(writer.timestampCorrections());
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
                    reason == null ? "" : reason, head, start()).write(file);
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
