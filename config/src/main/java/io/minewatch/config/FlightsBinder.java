package io.minewatch.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates the top-level {@code flights} section and its {@code drones} map. */
final class FlightsBinder {
    static final List<String> KEYS = List.of("dir", "max_upload_gb", "detect_fps", "drones");
    static final List<String> DRONE_KEYS = List.of("hfov_deg", "vfov_deg", "aspect", "default_gimbal_pitch_deg");
    private static final Pattern RATIO = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*[:/x]\\s*(\\d+(?:\\.\\d+)?)\\s*");

    private FlightsBinder() {
    }

    static FlightsConfig flights(Section s, StorageConfig storage, Path baseDir) throws ConfigException {
        s.allowOnly(KEYS);
        Path dir = s.has("dir") && s.string("dir", null) != null
                ? ConfigBinder.resolve(s, "dir", s.nonBlank("dir", null), baseDir)
                : storage.dir().resolve("flights");
        double gb = s.number("max_upload_gb", FlightsConfig.DEFAULT_MAX_UPLOAD_BYTES / (double) (1L << 30));
        if (!(gb >= 0.001 && gb <= 1024)) {
            throw s.error("max_upload_gb", "must be between 0.001 and 1024 (GiB), got " + s.shown("max_upload_gb"));
        }
        double fps = s.number("detect_fps", FlightsConfig.DEFAULT_DETECT_FPS);
        if (!(fps >= 0.1 && fps <= 30)) {
            throw s.error("detect_fps", "must be between 0.1 and 30 frames a second, got " + s.shown("detect_fps"));
        }
        Map<String, DroneOptics> drones = new LinkedHashMap<>();
        Section d = s.section("drones");
        for (String model : d.keys()) {
            if (model.isBlank() || model.length() > 64) {
                throw d.error(model, "a drone model name is 1 to 64 characters");
            }
            drones.put(model, optics(d.section(model)));
        }
        return new FlightsConfig(dir, (long) (gb * (1L << 30)), fps, drones);
    }

    private static DroneOptics optics(Section s) throws ConfigException {
        s.allowOnly(DRONE_KEYS);
        double h = s.number("hfov_deg", null);
        if (!(h >= 1 && h <= 179)) {
            throw s.error("hfov_deg", "horizontal field of view must be between 1 and 179 degrees, got "
                    + s.shown("hfov_deg"));
        }
        Double pitch = null;
        if (s.string("default_gimbal_pitch_deg", null) != null) {
            pitch = s.number("default_gimbal_pitch_deg", null);
            if (!(pitch >= -90 && pitch <= 30)) {
                throw s.error("default_gimbal_pitch_deg", "must be between -90 (straight down) and 30 degrees "
                        + "(0 = horizon), got " + s.shown("default_gimbal_pitch_deg"));
            }
        }
        boolean v = s.string("vfov_deg", null) != null;
        boolean a = s.string("aspect", null) != null;
        if (v && a) {
            throw s.error("aspect", "give vfov_deg or aspect, not both");
        }
        if (v) {
            double vf = s.number("vfov_deg", null);
            if (!(vf >= 1 && vf <= 179)) {
                throw s.error("vfov_deg", "vertical field of view must be between 1 and 179 degrees, got "
                        + s.shown("vfov_deg"));
            }
            return new DroneOptics(h, vf, pitch);
        }
        return DroneOptics.fromAspect(h, a ? aspect(s) : DroneOptics.DEFAULT_ASPECT, pitch);
    }

    /** {@code aspect: 16:9} (also 16/9, 16x9) or a number, width over height, 0.2..5. */
    private static double aspect(Section s) throws ConfigException {
        YamlNode.Scalar sc = s.scalar("aspect", "a ratio");
        double r;
        // YAML 1.1 reads an unquoted 16:9 as a base-60 integer: the text decides.
        if ((sc.type() == YamlNode.Type.INTEGER || sc.type() == YamlNode.Type.FLOAT) && !sc.text().contains(":")) {
            r = sc.number().doubleValue();
        } else {
            Matcher m = RATIO.matcher(sc.text());
            if (!m.matches() || Double.parseDouble(m.group(2)) == 0) {
                throw s.error("aspect", "expected width:height such as 16:9 or a number such as 1.78, got "
                        + s.shown("aspect"));
            }
            r = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
        }
        if (!(r >= 0.2 && r <= 5)) {
            throw s.error("aspect", "width over height must be between 0.2 and 5, got " + s.shown("aspect"));
        }
        return r;
    }
}
