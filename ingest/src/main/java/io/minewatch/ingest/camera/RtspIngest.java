package io.minewatch.ingest.camera;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.rtsp.RtspException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Netty ingest of every pulled camera: one small event-loop group shared by all, each camera
 * pinned to one of its loops. Built in one place, closed once (cameras first, then the loops). A camera
 * may be {@linkplain #add added} (and then started) or {@linkplain #remove removed} while the others run.
 */
public final class RtspIngest implements AutoCloseable {
    /** Most access units a ring holds, whatever its seconds (120 fps for 30 s). */
    private static final int UNITS_PER_SECOND = 120;
    /**
     * Each ingest loop selects at most once per this many ms and then reads all its sockets
     * ({@link PacedSelectStrategy}): fewer wake-ups than one per RTP packet, at most this much latency.
     */
    static final long SELECT_INTERVAL_MILLIS = 20;

    private final EventLoopGroup group;
    private final MeterRegistry registry;
    private final Map<String, CameraIngest> cameras = new LinkedHashMap<>();

    /** @param threads event-loop threads (each carries many cameras; ingest is cheap) */
    public RtspIngest(int threads, MeterRegistry registry) {
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("ingest", true),
                NioIoHandler.newFactory(SelectorProvider.provider(),
                        () -> new PacedSelectStrategy(TimeUnit.MILLISECONDS.toNanos(SELECT_INTERVAL_MILLIS))));
        this.registry = registry;
    }

    /**
     * Adds a camera pulled from an rtsp:// URL (not started yet).
     *
     * @throws RtspException when the URL is unusable (message masked)
     */
    public CameraIngest add(String camera, String url, IngestSettings settings, CameraStatusListener listener)
            throws RtspException {
        IngestMetrics metrics = new IngestMetrics(registry, camera);
        PreRollRing ring = new PreRollRing(settings.ringSeconds(), settings.ringBytes(),
                (int) Math.max(64, settings.ringSeconds() * UNITS_PER_SECOND), metrics::dropped);
        metrics.ring(ring);
        CameraIngest c = new CameraIngest(camera, url, settings, group.next(), ring, metrics, listener);
        synchronized (cameras) {
            if (cameras.containsKey(camera)) {
                throw new IllegalArgumentException("camera " + camera + " is already pulled");
            }
            cameras.put(camera, c);
        }
        return c;
    }

    /** Starts every camera added. */
    public void start() {
        List<CameraIngest> all;
        synchronized (cameras) {
            all = new ArrayList<>(cameras.values());
        }
        all.forEach(CameraIngest::start);
    }

    /** The camera with this id, or null. */
    public CameraIngest camera(String id) {
        synchronized (cameras) {
            return cameras.get(id);
        }
    }

    /**
     * Removes one camera at run time: TEARDOWN, connection closed, reconnects stopped, its ring closed;
     * the other cameras (and their loops) are not touched. Blocks up to 2 s: not on an event loop.
     *
     * @return whether the camera was there
     */
    public boolean remove(String id) {
        CameraIngest c;
        synchronized (cameras) {
            c = cameras.remove(id);
        }
        if (c == null) {
            return false;
        }
        c.close();
        c.ring().close();
        return true;
    }

    @Override
    public void close() {
        List<CameraIngest> all;
        synchronized (cameras) {
            all = new ArrayList<>(cameras.values());
        }
        all.forEach(CameraIngest::close);
        all.forEach(c -> c.ring().close());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
