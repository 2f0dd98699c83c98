package io.minewatch.ingest.camera;

import java.time.Duration;
import java.time.Instant;

/**
 * A change in a camera's availability.
 *
 * @param camera    camera id
 * @param kind      what happened
 * @param time      when
 * @param reason    why it went offline (no credentials), or "" when it came online
 * @param downtime  for {@link Kind#ONLINE_ALERT}: how long it was offline; otherwise zero
 * @param transport for {@link Kind#ONLINE} of a pulled camera: how RTP arrives ({@code tcp} or
 *                  {@code udp}, as configured or as {@code auto} found); otherwise ""
 */
public record CameraStatus(String camera, Kind kind, Instant time, String reason, Duration downtime,
                           String transport) {

    public CameraStatus {
        transport = transport == null ? "" : transport;
    }

    /** A change with no transport to report. */
    public CameraStatus(String camera, Kind kind, Instant time, String reason, Duration downtime) {
        this(camera, kind, time, reason, downtime, "");
    }

    /** The kinds of change, in the order a camera outage produces them. */
    public enum Kind {
        /** Media flows (again): publish status {@code online}. */
        ONLINE,
        /** The connection failed or media stopped: publish status {@code offline}. */
        OFFLINE,
        /** Still offline after the debounce: raise {@code camera_offline} (once per outage). */
        OFFLINE_ALERT,
        /** Back after an {@link #OFFLINE_ALERT}: raise {@code camera_online}. */
        ONLINE_ALERT
    }
}
