package io.minewatch.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.RegistryBinder;
import io.minewatch.config.SiteConfig;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.ingest.camera.CameraStatusListener;
import io.minewatch.server.cameras.CameraBoard;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras' run-time lifecycle: adds, replaces and removes one camera's pipeline while the others
 * run. Adding builds only the new camera's parts (its ingest connection and pre-roll ring, its detect
 * pipeline with its lane in the detector pool, its clip source, its row on the camera board, its live
 * video through the ring) and starts them; replacing removes then adds that one camera; removing
 * stops its pipeline, then its connection and ring (its alerts and clips stay in the store). Nothing
 * of another camera is touched: no shared loop, lane or ring is rebuilt.
 *
 * <p>Also holds the configuration in force ({@link #config()}: the YAML plus the registry), which
 * validation of the next change reads. Changes run one at a time (the methods are synchronized) on
 * a request worker, never on an event loop: removing waits up to a few seconds for TEARDOWN.
 */
public final class LiveCameras {
    private static final Logger log = LoggerFactory.getLogger(LiveCameras.class);

    private final Cameras cameras;
    private final CameraBoard board;
    private final Function<List<CameraConfig>, CameraStatusListener> statusOf;
    private final MeterRegistry meters;
    private volatile MinewatchConfig config;

    /**
     * @param statusOf the status listener (camera board plus MQTT publisher) of a camera added
     */
    LiveCameras(MinewatchConfig config, Cameras cameras, CameraBoard board,
                Function<List<CameraConfig>, CameraStatusListener> statusOf, MeterRegistry meters) {
        this.meters = meters;
        this.config = config;
        this.cameras = cameras;
        this.board = board;
        this.statusOf = statusOf;
    }

    /** The configuration in force: the YAML plus the registry's entries. */
    public MinewatchConfig config() {
        return config;
    }

    /** Adds a camera and, when enabled, starts its pipeline. */
    public synchronized void add(CameraConfig camera) throws Exception {
        List<CameraConfig> list = new ArrayList<>(config.cameras());
        list.add(camera);
        MinewatchConfig next = RegistryBinder.with(config, config.sites(), list, config.officials());
        if (camera.enabled()) {
            start(camera, next);
        }
        config = next;
    }

    /** Replaces a camera: stops only it, then starts it with its new settings. */
    public synchronized void replace(CameraConfig camera) throws Exception {
        MinewatchConfig before = config;
        CameraConfig old = before.cameras().stream().filter(c -> c.id().equals(camera.id())).findFirst().orElse(null);
        stop(camera.id());
        List<CameraConfig> list = new ArrayList<>(config.cameras());
        list.replaceAll(c -> c.id().equals(camera.id()) ? camera : c);
        MinewatchConfig next = RegistryBinder.with(config, config.sites(), list, config.officials());
        try {
            if (camera.enabled()) {
                start(camera, next);
            }
            config = next;
        } catch (Exception e) {
            // The new settings do not start: the camera goes back to its old ones.
            if (old != null && old.enabled()) {
                start(old, before);
            }
            throw e;
        }
    }

    /** Removes a camera: stops it; its alerts and clips stay. */
    public synchronized void remove(String id) {
        stop(id);
        List<CameraConfig> list = new ArrayList<>(config.cameras());
        list.removeIf(c -> c.id().equals(id));
        config = RegistryBinder.with(config, config.sites(), list, config.officials());
    }

    /** Adds or replaces a site in the configuration in force (new cameras at it may follow). */
    public synchronized void putSite(SiteConfig site) {
        List<SiteConfig> list = new ArrayList<>(config.sites());
        list.removeIf(s -> s.id().equals(site.id()));
        list.add(site);
        config = RegistryBinder.with(config, list, config.cameras(), config.officials());
    }

    /** Removes a site from the configuration in force; refused while a camera is at it. */
    public synchronized void removeSite(String id) {
        for (CameraConfig c : config.cameras()) {
            if (c.site().equals(id)) {
                throw new IllegalStateException("site " + id + " still has camera " + c.id());
            }
        }
        List<SiteConfig> list = new ArrayList<>(config.sites());
        list.removeIf(s -> s.id().equals(id));
        config = RegistryBinder.with(config, list, config.cameras(), config.officials());
    }

    /** Replaces the configuration's officials (the registry then applies them to routing, broker and sign-in). */
    public synchronized void officials(List<io.minewatch.config.OfficialConfig> officials) {
        config = RegistryBinder.with(config, config.sites(), config.cameras(), officials);
    }

    /** Replaces the alerts section's townships (the registry then applies them to routing). */
    public synchronized void townships(List<io.minewatch.config.TownshipConfig> townships) {
        config = RegistryBinder.withTownships(config, townships);
    }

    /** Replaces the configuration's patrol districts (the registry then hands them to the case desk). */
    public synchronized void districts(List<io.minewatch.config.DistrictConfig> districts) {
        config = RegistryBinder.withDistricts(config, districts);
    }

    private void start(CameraConfig camera, MinewatchConfig next) throws Exception {
        CameraSources sources = cameras.sources();
        CameraStatusListener status = statusOf.apply(List.of(camera));
        sources.addPulled(camera, status);
        CameraPipeline pipeline;
        try {
            pipeline = cameras.build(camera, next);
        } catch (Exception e) {
            sources.removePulled(camera.id());
            throw e;
        }
        board.put(camera, pipeline.latestFrame());
        cameras.add(pipeline);
        sources.startPulled(camera.id());
        log.info("camera {}: started at run time", camera.id());
    }

    private void stop(String id) {
        CameraPipeline p = cameras.remove(id);
        cameras.sources().removePulled(id);
        board.remove(id);
        // Gauges read the stopped camera's objects: drop them so a restart registers its own. Counters
        // stay (their totals go on counting across a restart of the camera).
        for (Meter m : meters.getMeters()) {
            if (id.equals(m.getId().getTag("camera")) && (m instanceof Gauge || m instanceof TimeGauge
                    || m instanceof FunctionCounter || m instanceof FunctionTimer)) {
                meters.remove(m);
            }
        }
        if (p != null) {
            log.info("camera {}: stopped at run time", id);
        }
    }
}
