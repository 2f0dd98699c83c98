package io.minewatch.alerts.testing;

import io.minewatch.alerts.schema.Alert;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alerts with every field set, for tests. */
public final class SampleAlerts {

    private SampleAlerts() {
    }

    /** An alert of camera {@code camera} at site {@code site}; {@code n} varies the object id. */
    public static Alert alert(String site, String camera, long n) {
        Instant t = Instant.parse("2024-05-01T06:30:12.250Z").plusSeconds(n);
        return new Alert(UUID.randomUUID().toString(), "new",
                "heavy_vehicle", "tough", camera, site, t, t, 12.5 + n, "heavy_vehicle", "truck",
                0.87f, List.of(10, 20, 110, 220), List.of(0.0156, 0.0556, 0.1719, 0.6111), n, 1,
                "snapshots/" + camera + "/" + n + ".jpg");
    }
}
