package io.minewatch.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How one camera's RTSP stream is pulled and kept (the {@code cameras[].ingest} section).
 *
 * @param transport        RTP over the RTSP connection ({@code tcp}), over UDP ports ({@code udp}), or
 *                         {@code auto} (default): TCP first, UDP when the camera refuses TCP (461), back
 *                         to TCP when no packet arrives over UDP; what works is remembered per camera
 * @param timeout          how long each RTSP step (connect, OPTIONS, DESCRIBE, SETUP, PLAY) may take (default 10 s)
 * @param noDataTimeout    no RTP for this long while playing: reconnect (default 10 s)
 * @param offlineDebounce  offline for this long: raise a {@code camera_offline} alert (default 30 s)
 * @param ringSeconds      seconds of access units kept in the pre-roll ring (default 30)
 * @param ringBytes        bound on the ring's bytes (default 16 MiB; {@code ring_mb} in YAML)
 */
public record IngestSettings(Transport transport, Duration timeout, Duration noDataTimeout,
                             Duration offlineDebounce, double ringSeconds, long ringBytes) {

    /** The defaults: auto transport, 10 s step timeout, 10 s no-data timeout, 30 s debounce, 30 s / 16 MiB ring. */
    public static final IngestSettings DEFAULTS = new IngestSettings(Transport.AUTO, Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofSeconds(30), 30, 16L << 20);

    /** RTP transport. */
    public enum Transport { TCP, UDP, AUTO }

    public IngestSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(noDataTimeout, "noDataTimeout");
        Objects.requireNonNull(offlineDebounce, "offlineDebounce");
    }
}
