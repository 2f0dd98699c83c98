package io.minewatch.ingest.push;

import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.camera.CameraStatus;
import io.minewatch.ingest.camera.CameraStatusListener;
import io.minewatch.ingest.camera.IngestMetrics;
import io.minewatch.ingest.ring.PreRollRing;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A camera whose stream is pushed to us (ANNOUNCE/RECORD): its ring, metrics and availability. At
 * most one pusher at a time, and it holds the camera only while its media flows: a new pusher replaces
 * one that has sent no media for the stale time. State changes run on the camera's event loop.
 */
public final class PushedCamera {
    /** The connection that pushes to a camera. */
    interface Holder {
        /** {@link System#nanoTime} of its last access unit (or of its connection, before any). */
        long lastMedia();

        /** Closes the connection because another pusher took the camera over. */
        void evict(String reason);
    }

    /** The outcome of a claim: the epoch for the depacketizer, and the stale pusher replaced, if any. */
    record Claim(int epoch, Holder replaced) {
    }

    private final String camera;
    private final IngestSettings settings;
    private final EventLoop loop;
    private final PreRollRing ring;
    private final IngestMetrics metrics;
    private final CameraStatusListener listener;
    private final long staleNanos;
    private volatile Holder pusher;
    private int epoch;
    private boolean online;
    private boolean offlineAlerted;
    private Instant offlineSince = Instant.now();
    private ScheduledFuture<?> debounce;

    PushedCamera(String camera, IngestSettings settings, EventLoop loop, PreRollRing ring, IngestMetrics metrics,
                 CameraStatusListener listener, Duration staleHolder) {
        this.staleNanos = staleHolder.toNanos();
        this.camera = camera;
        this.settings = settings;
        this.loop = loop;
        this.ring = ring;
        this.metrics = metrics;
        this.listener = listener;
    }

    void start() {
        loop.execute(this::scheduleDebounce);
    }

    public String camera() {
        return camera;
    }

    public PreRollRing ring() {
        return ring;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    IngestSettings settings() {
        return settings;
    }

    /**
     * Claims the camera for a pusher; returns null when another pusher holds it and has sent media
     * within the stale time. A stale holder is replaced, and evicted once the lock is released.
     */
    Claim claim(Holder who, long now) {
        Holder old;
        int e;
        synchronized (this) {
            old = pusher == who ? null : pusher;
            if (old != null && now - old.lastMedia() < staleNanos) {
                return null;
            }
            pusher = who;
            e = ++epoch;
        }
        if (old != null) {
            old.evict("replaced by a new pusher after " + (now - old.lastMedia()) / 1_000_000 + " ms without media");
        }
        return new Claim(e, old);
    }

    /** Whether this pusher holds the camera (a replaced one's late packets are dropped). */
    boolean holds(Holder who) {
        return pusher == who;
    }

    /** Releases the camera (the pusher disconnected). */
    void release(Holder who, String reason) {
        synchronized (this) {
            if (pusher != who) {
                return;
            }
            pusher = null;
        }
        loop.execute(() -> {
            metrics.state(IngestMetrics.OFFLINE);
            if (online) {
                online = false;
                offlineSince = Instant.now();
                listener.statusChanged(new CameraStatus(camera, CameraStatus.Kind.OFFLINE, offlineSince, reason,
                        Duration.ZERO));
                scheduleDebounce();
            }
        });
    }

    /** Media arrived from the current pusher. */
    void media() {
        if (online) {
            return;
        }
        loop.execute(() -> {
            if (online) {
                return;
            }
            online = true;
            metrics.state(IngestMetrics.ONLINE);
            if (debounce != null) {
                debounce.cancel(false);
            }
            Instant now = Instant.now();
            listener.statusChanged(new CameraStatus(camera, CameraStatus.Kind.ONLINE, now, "", Duration.ZERO));
            if (offlineAlerted) {
                offlineAlerted = false;
                listener.statusChanged(new CameraStatus(camera, CameraStatus.Kind.ONLINE_ALERT, now, "",
                        Duration.between(offlineSince, now)));
            }
        });
    }

    private void scheduleDebounce() {
        if (debounce != null) {
            debounce.cancel(false);
        }
        debounce = loop.schedule(() -> {
            if (!online && !offlineAlerted) {
                offlineAlerted = true;
                listener.statusChanged(new CameraStatus(camera, CameraStatus.Kind.OFFLINE_ALERT, Instant.now(),
                        "no stream pushed since " + offlineSince, Duration.ZERO));
            }
        }, settings.offlineDebounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        loop.execute(() -> {
            if (debounce != null) {
                debounce.cancel(false);
            }
        });
    }
}
