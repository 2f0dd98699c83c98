package io.minewatch.alerts.testing;

import io.minewatch.config.AlertsConfig;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.DepartmentConfig;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.config.OfficialConfig;
import io.minewatch.config.SiteConfig;
import io.minewatch.config.SiteRouting;
import io.minewatch.config.StorageConfig;
import io.minewatch.config.TownshipConfig;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A county for desk tests: site {@code pit} of township Xinhe, responsible official {@code li},
 * township team {@code wang}, escalation chain {@code zhao → cc}; command centre {@code cc};
 * {@code dredging} is emergency and belongs to department {@code water}.
 */
public final class Desks {

    public static final Map<String, String> SECRETS = Map.of("li", "li-secret", "wang", "wang-secret",
            "zhao", "zhao-secret", "cc", "cc-secret", "zhou", "zhou-secret");

    private Desks() {
    }

    public static MinewatchConfig config(String prefix, Path storage, DatabaseConfig db, double emergencyDeadlineS,
            int port) {
        List<OfficialConfig> officials = List.of(official("li", OfficialConfig.ROLE_OFFICIAL),
                official("wang", OfficialConfig.ROLE_OFFICIAL), official("zhao", OfficialConfig.ROLE_OFFICIAL),
                official("zhou", OfficialConfig.ROLE_OFFICIAL), official("cc", OfficialConfig.ROLE_COMMAND));
        SiteConfig pit = new SiteConfig("pit", "Sand pit", "Xinhe", 30.5, 114.3,
                new SiteRouting(List.of("li"), List.of("zhao", "cc")));
        AlertsConfig alerts = new AlertsConfig(60, 0, 0.7, 3600, "quick",
                Map.of("dredging", "emergency", "heavy_vehicle", "tough"),
                Map.of("quick", 1800.0, "tough", 600.0, "emergency", emergencyDeadlineS), 3, false, 0, List.of(),
                List.of(new TownshipConfig("Xinhe", List.of("wang"), List.of("heavy_vehicle"))),
                List.of(new DepartmentConfig("water", "Water Bureau", List.of("dredging"))));
        return new MinewatchConfig(List.of(pit), List.of(), officials,
                new MqttConfig(null, null, null, "minewatch-server", prefix, "127.0.0.1", port, MqttConfig.ANONYMOUS_OFF),
                new StorageConfig(storage), new HttpConfig("127.0.0.1", 0), db, alerts);
    }

    private static OfficialConfig official(String id, String role) {
        return new OfficialConfig(id, id, "Xinhe", SECRETS.get(id), role);
    }

    /** A detection event of camera {@code cam-1} at site {@code pit}. */
    public static DetectionEvent event(String rule, long object, Instant time, float score) {
        return new DetectionEvent(rule, "cam-1", "pit", object, time, 1.0, "heavy_vehicle", "truck", score,
                new Box(10 + object * 50, 100, 60 + object * 50, 200), 640, 360, "snapshots/cam-1/" + object + ".jpg");
    }
}
