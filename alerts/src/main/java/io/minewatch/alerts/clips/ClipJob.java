package io.minewatch.alerts.clips;

import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.ingest.clip.AnnexBSets;
import io.minewatch.ingest.clip.ClipException;
import io.minewatch.ingest.clip.ClipWriter;
import io.minewatch.ingest.clip.Mp4ClipWriter;
import io.minewatch.ingest.clip.PictureSize;
import io.minewatch.ingest.ring.RingReader;
import io.minewatch.ingest.rtp.AccessUnit;
import java.io.IOException;
import java.nio.file.Path;
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
 * <p>A clip that ends before its stop time (a writer error, the camera's ring closed) is marked
 * {@code partial} with the reason and audited {@code clip_partial}; the recorder then continues its
 * alerts in a new clip from the next key frame ({@link #continuation()}).
 */
final class ClipJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClipJob.class);
    private static final long POLL_MILLIS = 200;

    private final String camera;
    private final Path file;
    private final String relative;
    private final RingReader reader;
    private final AuditLog audit;
    private final List<String> alerts = new ArrayList<>();
    private final List<String> open = new ArrayList<>();
    private final Runnable onFinish;
    private final ClipWriter.Opener opener;
    private final LongConsumer corrections;
    private volatile String partialReason;
    private volatile long lastWallMicros = Long.MIN_VALUE;
    private long stopMicros = Long.MAX_VALUE;
    private volatile boolean cancelled;
    private volatile boolean cancelledByStop;
    private volatile boolean writerFailed;
    private long lastPts = Long.MIN_VALUE;
    private long ptsOffset;
    private int epoch = Integer.MIN_VALUE;
    private volatile long written;

    ClipJob(String camera, String firstAlert, Path file, String relative, RingReader reader, AuditLog audit,
            Runnable onFinish) {
        this(camera, List.of(firstAlert), file, relative, reader, audit, onFinish, Mp4ClipWriter::create,
                n -> { });
    }

    /** A clip of these alerts (the first names the file), written with {@code opener}. */
    ClipJob(String camera, List<String> firstAlerts, Path file, String relative, RingReader reader, AuditLog audit,
            Runnable onFinish, ClipWriter.Opener opener, LongConsumer corrections) {
        this.opener = opener;
        this.corrections = corrections;
        this.camera = camera;
        this.file = file;
        this.relative = relative;
        this.reader = reader;
        this.audit = audit;
        this.onFinish = onFinish;
        alerts.addAll(firstAlerts);
        open.addAll(firstAlerts);
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

    /**
     * After a clip ended short by a writer error: the alerts a new clip must continue (still open, or whose post-roll
     * was not reached), the capture time to continue after, and until when; null when the clip ended
     * whole or was cancelled.
     */
    synchronized Continuation continuation() {
        if (!writerFailed || cancelledByStop || written == 0) {
            return null;
        }
        List<String> still = open.isEmpty() ? List.copyOf(alerts) : List.copyOf(open);
        return new Continuation(still, List.copyOf(open), lastWallMicros, stopMicros, partialReason);
    }

    /** What a continuation clip needs to know; {@code open} are the alerts not ended yet. */
    record Continuation(List<String> alerts, List<String> open, long afterMicros, long stopMicros, String reason) {
    }

    /** Stops at the next access unit (shutdown): the clip is closed properly, shorter. */
    void cancel() {
        cancelledByStop = true;
        cancelled = true;
    }

    @Override
    public void run() {
        ClipWriter writer = null;
        try {
            AccessUnit au;
            while (!cancelled) {
                au = reader.next(POLL_MILLIS);
                if (au == null) {
                    if (reader.closed()) {
                        partialReason = "the camera's stream ended before the clip's end";
                        break;
                    }
                    continue;
                }
                if (au.wallMicros() > stopMicros()) {
                    break;
                }
                if (writer == null) {
                    if (!au.keyFrame()) {
                        continue;
                    }
                    writer = open(au);
                }
                writer.write(au.data(), pts(au), au.keyFrame());
                lastWallMicros = au.wallMicros();
                written++;
            }
        } catch (ClipException | RuntimeException e) {
            partialReason = "writer error: " + e.getMessage();
            writerFailed = true;
            log.warn("camera {}: clip {} stopped short: {}", camera, relative, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish(writer);
        }
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
        if (writer != null) {
            try {
                writer.close();
            } catch (ClipException | RuntimeException e) {
                log.warn("camera {}: clip {} not closed cleanly: {}", camera, relative, e.getMessage());
                if (partialReason == null) {
                    partialReason = "writer error at close: " + e.getMessage();
                }
            }
            corrections.accept(writer.timestampCorrections());
        }
        if (writer == null && partialReason == null) {
            partialReason = "no key frame written";
        }
        String reason = partialReason;
        try {
            String sha = writer == null ? "" : Sha256.of(file);
            String state = reason == null ? ClipSidecar.COMPLETE : ClipSidecar.PARTIAL;
            new ClipSidecar(alerts(), state, sha, reason == null ? "" : reason).write(file);
            if (writer != null) {
                // Evidence never claims to be whole when it is not: a short clip is audited as partial.
                String action = reason == null ? "clip_created" : "clip_partial";
                for (String alert : alerts()) {
                    audit.append("system", action, alert, relative, sha);
                }
                log.info("camera {}: clip {} written ({} access units){}", camera, relative, written,
                        reason == null ? "" : ", partial: " + reason);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("camera {}: clip {} not recorded: {}", camera, relative, e.toString());
        } finally {
            cancelled = true;
            onFinish.run();
        }
    }
}
