package io.minewatch.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Validates {@code storage.clips}. */
final class ClipsBinder {
    static final List<String> KEYS = List.of("pre_s", "post_s", "max_age_days", "quota_mb", "camera_quota_mb",
            "min_free_mb", "retention_interval_s");

    private ClipsBinder() {
    }

    static ClipsConfig clips(Section s) throws ConfigException {
        s.allowOnly(KEYS);
        ClipsConfig d = ClipsConfig.DEFAULT;
        Duration pre = Duration.ofMillis(Math.round(range(s, "pre_s", 10, 0, 120) * 1000));
        Duration post = Duration.ofMillis(Math.round(range(s, "post_s", 20, 0, 600) * 1000));
        Duration maxAge = Duration.ofMinutes(Math.round(range(s, "max_age_days", 30, 0.001, 3650) * 24 * 60));
        long quota = mb(range(s, "quota_mb", 0, 0, 1e9));
        long minFree = mb(range(s, "min_free_mb", d.minFreeBytes() >> 20, 0, 1e9));
        Duration every = Duration.ofMillis(Math.round(range(s, "retention_interval_s", 60, 1, 86400) * 1000));
        Map<String, Long> perCamera = new HashMap<>();
        if (s.has("camera_quota_mb")) {
            Section q = s.section("camera_quota_mb");
            for (String camera : q.keys()) {
                perCamera.put(camera, mb(range(q, camera, 0, 1, 1e9)));
            }
        }
        return new ClipsConfig(pre, post, maxAge, quota, perCamera, minFree, every);
    }

    private static long mb(double v) {
        return (long) (v * (1 << 20));
    }

    private static double range(Section s, String key, double def, double min, double max) throws ConfigException {
        double v = s.number(key, def);
        if (!(v >= min && v <= max)) {
            throw s.error(key, "must be between " + min + " and " + max + ", got " + s.shown(key));
        }
        return v;
    }
}
