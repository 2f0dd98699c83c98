package io.minewatch.server.cameras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.CameraConfig;
import io.minewatch.detect.snapshot.LatestFrame;
import io.minewatch.ingest.camera.CameraStatus;
import io.minewatch.ingest.camera.CameraStatusListener;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The read model of {@code GET /api/v1/cameras} and {@code GET /api/v1/cameras/{id}/snapshot}.
 *
 * <p>Hears every camera status change beside the MQTT publisher ({@link #alongside}); reads each
 * camera's {@link LatestFrame} (last frame time, detect rate, JPEG), its pre-roll ring (codec of the
 * newest access unit) and the drop counters of the registry. A network camera's status is its last
 * published one ({@code unknown} before the first); a file or device camera, which publishes none, is
 * {@code online} while frames arrive (the last within {@value #FILE_ONLINE_S} s), {@code offline}
 * after, {@code unknown} before the first. Status changes arrive on camera event loops and only update
 * a map; the reads are cheap but {@link #snapshot} encodes a JPEG: call it on a worker thread.
 */
public final class CameraBoard implements CameraStatusListener {

    /** Seconds after its last frame a camera without availability reports counts as online. */
    public static final long FILE_ONLINE_S = 5;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final java.util.Set<String> DROP_COUNTERS = java.util.Set.of(
            io.minewatch.detect.pipeline.DetectMetrics.FRAMES_DROPPED, "ingest.dropped");

    private record Known(String status, String transport) {
    }

    private volatile List<CameraConfig> cameras;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Known> statuses = new ConcurrentHashMap<>();
    private volatile Function<String, PreRollRing> rings = id -> null;
    private final Map<String, LatestFrame> frames = new ConcurrentHashMap<>();

    /** @param cameras the configured cameras (disabled ones are not listed) */
    public CameraBoard(List<CameraConfig> cameras, MeterRegistry registry, Clock clock) {
        this.cameras = cameras.stream().filter(CameraConfig::enabled).toList();
        this.registry = registry;
        this.clock = clock;
    }

    /** A listener telling both this board and {@code publisher} (the MQTT status) of every change. */
    public CameraStatusListener alongside(CameraStatusListener publisher) {
        return s -> {
            statusChanged(s);
            publisher.statusChanged(s);
        };
    }

    /** Once the cameras are built: their rings (null for cameras without one) and latest frames. */
    public void attach(Function<String, PreRollRing> rings, Map<String, LatestFrame> frames) {
        this.rings = rings;
        this.frames.putAll(frames);
    }

    /** Lists a camera added at run time (or replaces the one with its id, keeping its place). */
    public synchronized void put(CameraConfig camera, LatestFrame frame) {
        java.util.List<CameraConfig> next = new java.util.ArrayList<>(cameras);
        int at = -1;
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).id().equals(camera.id())) {
                at = i;
            }
        }
        if (at >= 0) {
            next.set(at, camera);
        } else {
            next.add(camera);
        }
        statuses.remove(camera.id());
        frames.put(camera.id(), frame);
        cameras = List.copyOf(next);
    }

    /** Unlists a camera removed at run time. */
    public synchronized void remove(String camera) {
        cameras = cameras.stream().filter(c -> !c.id().equals(camera)).toList();
        frames.remove(camera);
        statuses.remove(camera);
    }

    @Override
    public void statusChanged(CameraStatus s) {
        switch (s.kind()) {
            case ONLINE -> statuses.put(s.camera(), new Known("online", s.transport().isEmpty()
                    ? transportOf(s.camera()) : s.transport()));
            case OFFLINE, OFFLINE_ALERT -> statuses.compute(s.camera(), (k, old) -> new Known("offline",
                    old == null ? transportOf(k) : old.transport()));
            case ONLINE_ALERT -> statuses.compute(s.camera(), (k, old) -> new Known("online",
                    old == null ? transportOf(k) : old.transport()));
            default -> { }
        }
    }

    /**
     * {@code {"cameras":[{"id","site","status","transport","last_frame_at","detect_fps","drops","codec",
     * "video","snapshot"}]}}, in configuration order, the cameras of the sites {@code siteVisible} accepts.
     */
    public ObjectNode cameras(Predicate<String> siteVisible) {
        ObjectNode out = JSON.objectNode();
        ArrayNode list = out.putArray("cameras");
        Map<String, Long> drops = drops();
        for (CameraConfig c : cameras) {
            if (!siteVisible.test(c.site())) {
                continue;
            }
            LatestFrame f = frames.get(c.id());
            Optional<Instant> last = f == null ? Optional.empty() : f.lastFrameAt();
            ObjectNode o = list.addObject();
            o.put("id", c.id());
            o.put("site", c.site());
            o.put("status", status(c, last));
            Known k = statuses.get(c.id());
            o.put("transport", k == null ? transportOf(c.id()) : k.transport());
            if (last.isPresent()) {
                o.put("last_frame_at", last.get().toString());
            } else {
                o.putNull("last_frame_at");
            }
            o.put("detect_fps", f == null ? 0.0 : Math.round(f.fps() * 10) / 10.0);
            o.put("drops", drops.getOrDefault(c.id(), 0L));
            o.put("codec", codec(c.id()));
            o.put("video", "/api/v1/cameras/" + c.id() + "/video");
            o.put("snapshot", "/api/v1/cameras/" + c.id() + "/snapshot");
        }
        return out;
    }

    /** Whether the camera is listed (configured, enabled) and of a site {@code siteVisible} accepts. */
    public boolean visible(String camera, Predicate<String> siteVisible) {
        return cameras.stream().anyMatch(k -> k.id().equals(camera) && siteVisible.test(k.site()));
    }

    /** What {@link #snapshot} found. */
    public enum Found { JPEG, NO_FRAME, UNKNOWN_CAMERA }

    /** The answer of {@link #snapshot}: the JPEG when {@code found} is {@link Found#JPEG}. */
    public record Snapshot(Found found, LatestFrame.Jpeg jpeg) {
    }

    /**
     * The camera's latest frame as JPEG: {@link Found#UNKNOWN_CAMERA} (404) for a camera not configured,
     * disabled or of a site {@code siteVisible} refuses; {@link Found#NO_FRAME} (503) before its first frame.
     */
    public Snapshot snapshot(String camera, Predicate<String> siteVisible) {
        CameraConfig c = cameras.stream().filter(k -> k.id().equals(camera)).findFirst().orElse(null);
        if (c == null || !siteVisible.test(c.site())) {
            return new Snapshot(Found.UNKNOWN_CAMERA, null);
        }
        LatestFrame f = frames.get(camera);
        Optional<LatestFrame.Jpeg> j = f == null ? Optional.empty() : f.jpeg();
        return j.map(jpeg -> new Snapshot(Found.JPEG, jpeg)).orElseGet(() -> new Snapshot(Found.NO_FRAME, null));
    }

    private String status(CameraConfig c, Optional<Instant> last) {
        Known k = statuses.get(c.id());
        if (k != null) {
            return k.status();
        }
        if (rings.apply(c.id()) != null || c.isPushed() || c.isRtmp()) {
            return "unknown";
        }
        if (last.isEmpty()) {
            return "unknown";
        }
        return Duration.between(last.get(), clock.instant()).getSeconds() < FILE_ONLINE_S ? "online" : "offline";
    }

    /** Configured transport: {@code push}, {@code rtmp}, {@code tcp}/{@code udp}/{@code auto} for pulled RTSP, else the source kind. */
    private String transportOf(String camera) {
        CameraConfig c = cameras.stream().filter(k -> k.id().equals(camera)).findFirst().orElse(null);
        if (c == null) {
            return "unknown";
        }
        if (c.isPushed()) {
            return "push";
        }
        if (c.isRtmp()) {
            return "rtmp";
        }
        SourceSpec spec = SourceSpecs.detect(c);
        if (spec.kind() == SourceSpec.Kind.RTSP) {
            return c.ingest().transport().name().toLowerCase(Locale.ROOT);
        }
        return spec.kind().name().toLowerCase(Locale.ROOT);
    }

    private String codec(String camera) {
        PreRollRing ring = rings.apply(camera);
        if (ring == null) {
            return null;
        }
        AccessUnit[] units = ring.snapshot();
        if (units.length == 0) {
            return null;
        }
        return units[units.length - 1].codec().name().toLowerCase(Locale.ROOT);
    }

    /** The drop counters summed per camera: {@code detect.frames.dropped} and {@code ingest.dropped}, all reasons. */
    private Map<String, Long> drops() {
        Map<String, Long> out = new java.util.HashMap<>();
        for (Meter m : registry.getMeters()) {
            String camera = m.getId().getTag("camera");
            if (camera != null && m instanceof Counter counter && DROP_COUNTERS.contains(m.getId().getName())) {
                out.merge(camera, (long) counter.count(), Long::sum);
            }
        }
        return out;
    }
}
