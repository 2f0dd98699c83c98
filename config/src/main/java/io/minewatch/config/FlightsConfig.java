package io.minewatch.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Drone flights ({@code flights:}): where uploads and their results live, how large an upload may be, how many
 * frames a second of footage are sent to the detector, and each drone model's camera.
 *
 * @param dir            where flights are stored (default {@code <storage.dir>/flights})
 * @param maxUploadBytes the largest upload accepted (default 8 GiB; {@code max_upload_gb}, 0.001..1024)
 * @param detectFps      frames a second of footage sent to the detector (default 5, 0.1..30)
 * @param drones         camera optics by drone model, as named in the config (lookup ignores case), in
 *                       document order
 */
public record FlightsConfig(Path dir, long maxUploadBytes, double detectFps, Map<String, DroneOptics> drones) {
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 8L << 30;
    public static final double DEFAULT_DETECT_FPS = 5;
    /** The {@code drones:} entry used for a model without its own. */
    public static final String DEFAULT_MODEL = "default";

    public FlightsConfig {
        if (dir == null) {
            throw new IllegalArgumentException("flights.dir is required");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("flights.max_upload_gb must be positive");
        }
        if (!(detectFps >= 0.1 && detectFps <= 30)) {
            throw new IllegalArgumentException("flights.detect_fps must be 0.1..30, got " + detectFps);
        }
        drones = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(drones == null ? Map.of() : drones));
    }

    /** The defaults for a server storing under {@code storageDir}. */
    public static FlightsConfig defaults(Path storageDir) {
        return new FlightsConfig(storageDir.resolve("flights"), DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_DETECT_FPS, Map.of());
    }

    /**
     * The optics of a drone model: its own entry (case ignored), else the {@code default} entry, else null (then
     * detections are placed at the drone's position).
     */
    public DroneOptics optics(String model) {
        if (model != null) {
            DroneOptics exact = drones.get(model);
            if (exact != null) {
                return exact;
            }
            String lower = model.strip().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, DroneOptics> e : drones.entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                    return e.getValue();
                }
            }
        }
        return drones.get(DEFAULT_MODEL);
    }
}
