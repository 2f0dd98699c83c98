package io.minewatch.server.video;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Catalogue of live video's metrics: every meter name, tag and reason lives here. The camera tag
 * only takes ids of configured cameras (the endpoint refuses others before any meter is touched).
 */
public final class VideoMetrics {
    /** Gauge {@code video.viewers{camera}}: viewers connected to the camera's live video. */
    public static final String VIEWERS = "video.viewers";
    /** Gauge {@code video.sources}: cameras whose muxer runs now (one per camera, whatever its viewers). */
    public static final String SOURCES = "video.sources";
    /** Counter {@code video.sources.started{camera}}: muxers started (the first viewer of a camera starts one). */
    public static final String SOURCES_STARTED = "video.sources.started";
    /** Counter {@code video.fragments{camera}}: media segments made (once, whatever the number of viewers). */
    public static final String FRAGMENTS = "video.fragments";
    /** Counter {@code video.fragments.sent{camera}}: media segments written to viewers (one per viewer). */
    public static final String FRAGMENTS_SENT = "video.fragments.sent";
    /** Counter {@code video.bytes.sent{camera}}: bytes of init and media segments written to viewers. */
    public static final String BYTES_SENT = "video.bytes.sent";
    /** Counter {@code video.skips{camera,reason}}: a viewer skipped to the next key frame. */
    public static final String SKIPS = "video.skips";
    /** Counter {@code video.drops{camera,reason}}: a viewer closed or refused. */
    public static final String DROPS = "video.drops";
    /** Counter {@code video.fallbacks{camera,reason}}: viewers told to show snapshots instead. */
    public static final String FALLBACKS = "video.fallbacks";

    /** Skip reason: the viewer's connection was not writable (its send buffer above the high-water mark). */
    public static final String NOT_WRITABLE = "not_writable";
    /** Drop reason: the viewer stayed unwritable at key frames for longer than allowed; closed (1008). */
    public static final String TOO_SLOW = "too_slow";
    /** Drop reason: the camera already had its maximum of viewers; closed (1013). */
    public static final String TOO_MANY_VIEWERS = "too_many_viewers";
    /** Drop reason: the camera's ring closed (server stopping); closed (1001). */
    public static final String STOPPED = "stopped";

    private final MeterRegistry registry;
    private final AtomicInteger sources = new AtomicInteger();
    private final ConcurrentMap<String, AtomicInteger> viewers = new ConcurrentHashMap<>();

    public VideoMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge(SOURCES, sources);
    }

    /** Per camera meters, looked up once by a source. */
    Camera camera(String camera) {
        return new Camera(camera);
    }

    AtomicInteger viewers(String camera) {
        return viewers.computeIfAbsent(camera, c -> registry.gauge(VIEWERS,
                io.micrometer.core.instrument.Tags.of("camera", c), new AtomicInteger()));
    }

    AtomicInteger sources() {
        return sources;
    }

    void fallback(String camera, String reason) {
        Counter.builder(FALLBACKS).tags("camera", camera, "reason", reason).register(registry).increment();
    }

    void drop(String camera, String reason) {
        Counter.builder(DROPS).tags("camera", camera, "reason", reason).register(registry).increment();
    }

    /** One camera's counters. */
    final class Camera {
        final String camera;
        final Counter started;
        final Counter fragments;
        final Counter sent;
        final Counter bytes;
        final Counter skips;

        private Camera(String camera) {
            this.camera = camera;
            started = Counter.builder(SOURCES_STARTED).tag("camera", camera).register(registry);
            fragments = Counter.builder(FRAGMENTS).tag("camera", camera).register(registry);
            sent = Counter.builder(FRAGMENTS_SENT).tag("camera", camera).register(registry);
            bytes = Counter.builder(BYTES_SENT).tag("camera", camera).register(registry);
            skips = Counter.builder(SKIPS).tags("camera", camera, "reason", NOT_WRITABLE).register(registry);
        }

        void drop(String reason) {
            VideoMetrics.this.drop(camera, reason);
        }

        void fallback(String reason) {
            VideoMetrics.this.fallback(camera, reason);
        }
    }
}
