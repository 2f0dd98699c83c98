package io.minewatch.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.detect.decode.AccessUnitFrameSource;
import io.minewatch.detect.decode.FrameSource;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.ingest.camera.CameraStatusListener;
import io.minewatch.ingest.camera.RtspIngest;
import io.minewatch.ingest.push.RtspPushServer;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.rtmp.RtmpServer;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The cameras' sources: the Netty ingest of the RTSP cameras, the RTSP push server and the RTMP
 * publish server (each made only when a camera needs it, none started yet), each network camera's pre-roll ring (which the
 * clip recorder reads, so this stage is built before the evidence side), and the one factory of
 * every camera's detect-path frame source.
 *
 * <p>Stopping the sources closes the rings, which ends the clip writers' reads: so {@link Cameras}
 * stops them right after its pipelines, before the evidence side closes (stop sources first). The
 * root also closes this stage in its place, which covers a start-up that fails before the cameras
 * stage exists; closing is idempotent.
 */
final class CameraSources implements AutoCloseable {
    private volatile RtspIngest ingest;
    private final RtspPushServer pushServer;
    private final RtmpServer rtmpServer;
    private final Map<String, PreRollRing> rings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean ingestStarted;

    private CameraSources(RtspIngest ingest, RtspPushServer pushServer, RtmpServer rtmpServer,
                          Map<String, PreRollRing> rings, Clock clock, MeterRegistry registry) {
        this.ingest = ingest;
        this.pushServer = pushServer;
        this.rtmpServer = rtmpServer;
        this.rings = new ConcurrentHashMap<>(rings);
        this.clock = clock;
        this.registry = registry;
    }

    private static int ingestThreads() {
        // One small event-loop group for every pulled camera.
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
    }

    /**
     * Adds one pulled RTSP camera at run time (the ingest is made on first need): its ring is listed at
     * once; its connection starts with {@link #startPulled} (at once when the ingest already runs).
     */
    synchronized PreRollRing addPulled(CameraConfig c, CameraStatusListener status) throws Exception {
        if (closed.get()) {
            throw new IllegalStateException("camera sources are closed");
        }
        if (ingest == null) {
            ingest = new RtspIngest(ingestThreads(), registry);
        }
        PreRollRing ring = ingest.add(c.id(), c.detect(), c.ingest(), status).ring();
        rings.put(c.id(), ring);
        return ring;
    }

    /** Starts pulling one camera added by {@link #addPulled}, when the ingest has been started. */
    synchronized void startPulled(String camera) {
        if (ingestStarted && ingest != null && ingest.camera(camera) != null) {
            ingest.camera(camera).start();
        }
    }

    /** Stops pulling one camera and closes its ring (blocks up to 2 s); the others are untouched. */
    synchronized void removePulled(String camera) {
        rings.remove(camera);
        if (ingest != null) {
            ingest.remove(camera);
        }
    }

    /**
     * @param status told of each network camera going offline and online
     * @param clock  the clock file sources take their start time from
     */
    static CameraSources assemble(MinewatchConfig config, CameraStatusListener status, MeterRegistry registry,
                                  Clock clock) throws Exception {
        List<CameraConfig> pulled = config.cameras().stream()
                .filter(c -> c.enabled() && !c.isPushed() && !c.isRtmp()
                        && SourceSpecs.detect(c).kind() == SourceSpec.Kind.RTSP)
                .toList();
        List<CameraConfig> pushed = config.cameras().stream().filter(c -> c.enabled() && c.isPushed()).toList();
        List<CameraConfig> published = config.cameras().stream().filter(c -> c.enabled() && c.isRtmp()).toList();
        return Stages.assemble(built -> {
            Map<String, PreRollRing> rings = new HashMap<>();
            RtspIngest ingest = null;
            if (!pulled.isEmpty()) {
                ingest = built.add(new RtspIngest(ingestThreads(), registry));
                for (CameraConfig c : pulled) {
                    rings.put(c.id(), ingest.add(c.id(), c.detect(), c.ingest(), status).ring());
                }
            }
            RtspPushServer pushServer = null;
            if (!pushed.isEmpty()) {
                pushServer = built.add(new RtspPushServer(config.rtspServer(), registry));
                for (CameraConfig c : pushed) {
                    rings.put(c.id(), pushServer.add(c.id(), c.ingest(), status).ring());
                }
            }
            RtmpServer rtmpServer = null;
            if (!published.isEmpty()) {
                rtmpServer = built.add(new RtmpServer(config.rtmp(), registry));
                for (CameraConfig c : published) {
                    rings.put(c.id(), rtmpServer.add(c.id(), c.ingest(), status).ring());
                }
            }
            return new CameraSources(ingest, pushServer, rtmpServer, rings, clock, registry);
        });
    }

    /**
     * Makes a fresh, unopened detect-path source for each (re)connect: a network camera's decodes
     * the access units of its ring; any other camera's grabs its file or device.
     */
    Supplier<FrameSource> frameSource(CameraConfig camera, SourceSpec spec) {
        PreRollRing ring = rings.get(camera.id());
        if (ring == null) {
            return () -> new GrabberFrameSource(spec, camera.fps(), camera.width(), camera.height(), clock);
        }
        return () -> new AccessUnitFrameSource(camera.id(), ring, camera.fps(), camera.width(), camera.height(),
                camera.detection().decodeThreads());
    }

    /** A network camera's pre-roll ring, or null (file cameras have none). */
    PreRollRing ring(String camera) {
        return rings.get(camera);
    }

    /**
     * Binds the push servers' ports and starts accepting pushes: RTSP when a camera is pushed, RTMP when
     * one is published.
     */
    void startPushServer() throws InterruptedException {
        if (pushServer != null) {
            pushServer.start();
        }
        if (rtmpServer != null) {
            rtmpServer.start();
        }
    }

    /** Starts pulling the RTSP cameras (when there are any). */
    synchronized void startIngest() {
        ingestStarted = true;
        if (ingest != null) {
            ingest.start();
        }
    }

    /** The Netty ingest of the RTSP cameras, or null when there are none. */
    RtspIngest ingest() {
        return ingest;
    }

    /** The RTSP push server, or null when no camera is pushed. */
    RtspPushServer pushServer() {
        return pushServer;
    }

    /** The RTMP publish server, or null when no camera is published over RTMP. */
    RtmpServer rtmpServer() {
        return rtmpServer;
    }

    /** Stops the push servers, then the ingest; each closes its cameras' rings. */
    @Override
    public synchronized void close() {
        if (closed.compareAndSet(false, true)) {
            Stages.closeInOrder(rtmpServer, pushServer, ingest);
        }
    }
}
