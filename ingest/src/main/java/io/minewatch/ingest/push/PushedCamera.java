package io.minewatch.ingest.push;

import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.camera.CameraAvailability;
import io.minewatch.ingest.camera.CameraStatusListener;
import io.minewatch.ingest.camera.IngestMetrics;
import io.minewatch.ingest.ring.PreRollRing;
import io.netty.channel.EventLoop;
import java.time.Duration;

/**
 * A camera whose stream is pushed to us (ANNOUNCE/RECORD): its ring, metrics and availability. At
 * most one pusher at a time, and it holds the camera only while its media flows: a new pusher replaces
 * one that has sent no media for the stale time. State changes run on the camera's event loop.
 */
public final class PushedCamera {
    /** The connection that pushes to a camera. */
    public interface Holder {
        /** {@link System#nanoTime} of its last access unit (or of its connection, before any). */
        long lastMedia();

        /** Closes the connection because another pusher took the camera over. */
        void evict(String reason);
    }

    /** The outcome of a claim: the epoch for the depacketizer, and the stale pusher replaced, if any. */
    public record Claim(int epoch, Holder replaced) {
    }

    private final String camera;
    private final IngestSettings settings;
    private final EventLoop loop;
    private final PreRollRing ring;
    private final IngestMetrics metrics;
    private final CameraAvailability availability;
    private final long staleNanos;
    private volatile Holder pusher;
    private int epoch;

    /** A pushed camera; its state runs on {@code loop} (shared by the RTSP push and RTMP servers). */
    public PushedCamera(String camera, IngestSettings settings, EventLoop loop, PreRollRing ring, IngestMetrics metrics,
                 CameraStatusListener listener, Duration staleHolder) {
        this.staleNanos = staleHolder.toNanos();
        this.camera = camera;
        this.settings = settings;
        this.loop = loop;
        this.ring = ring;
        this.metrics = metrics;
        this.availability = new CameraAvailability(camera, loop, settings.offlineDebounce(),
                "no stream pushed since ", listener);
    }

    /** Starts its availability tracking. */
    public void start() {
        loop.execute(availability::start);
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
    public Claim claim(Holder who, long now) {
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
    public boolean holds(Holder who) {
        return pusher == who;
    }

    /** Releases the camera (the pusher disconnected). */
    public void release(Holder who, String reason) {
        synchronized (this) {
            if (pusher != who) {
                return;
            }
            pusher = null;
        }
        loop.execute(() -> {
            metrics.state(IngestMetrics.OFFLINE);
            availability.wentOffline(reason);
        });
    }

    /** Media arrived from the current pusher. */
    public void media() {
        if (availability.online()) {
            return;
        }
        loop.execute(() -> {
            if (availability.online()) {
                return;
            }
            metrics.state(IngestMetrics.ONLINE);
            availability.cameOnline();
        });
    }

    /** Stops its availability tracking. */
    public void stop() {
        loop.execute(availability::stop);
    }
}
