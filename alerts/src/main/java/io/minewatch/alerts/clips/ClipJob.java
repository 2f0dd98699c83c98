package io.minewatch.alerts.clips;

import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.ingest.clip.AnnexBSets;
import io.minewatch.ingest.clip.ClipException;
import io.minewatch.ingest.clip.Mp4ClipWriter;
import io.minewatch.ingest.clip.PictureSize;
import io.minewatch.ingest.ring.RingReader;
import io.minewatch.ingest.rtp.AccessUnit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clip being written on its own thread: from the ring reader's key frame until the capture time
 * passes the stop time, which stays open while any of its alerts is open. Reading the ring never
 * blocks ingest.
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
    private long stopMicros = Long.MAX_VALUE;
    private volatile boolean cancelled;
    private long lastPts = Long.MIN_VALUE;
    private long ptsOffset;
    private int epoch = Integer.MIN_VALUE;
    private long written;

    ClipJob(String camera, String firstAlert, Path file, String relative, RingReader reader, AuditLog audit,
            Runnable onFinish) {
        this.camera = camera;
        this.file = file;
        this.relative = relative;
        this.reader = reader;
        this.audit = audit;
        this.onFinish = onFinish;
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
                au = reader.next(POLL_MILLIS);
                if (au == null) {
                    if (reader.closed()) {
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
                written++;
            }
        } catch (ClipException | RuntimeException e) {
            log.warn("camera {}: clip {} stopped: {}", camera, relative, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish(writer);
        }
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
        String state = ClipSidecar.COMPLETE;
        if (writer != null) {
            try {
                writer.close();
            } catch (ClipException e) {
                log.warn("camera {}: clip {} not closed cleanly: {}", camera, relative, e.getMessage());
                state = ClipSidecar.PARTIAL;
            }
        }
        try {
            String sha = writer == null ? "" : Sha256.of(file);
            new ClipSidecar(alerts(), writer == null ? ClipSidecar.PARTIAL : state, sha).write(file);
            if (writer != null) {
                for (String alert : alerts()) {
                    audit.append("system", "clip_created", alert, relative, sha);
                }
                log.info("camera {}: clip {} written ({} access units)", camera, relative, written);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("camera {}: clip {} not recorded: {}", camera, relative, e.toString());
        } finally {
            cancelled = true;
            onFinish.run();
        }
    }
}
