package io.minewatch.config;

import java.time.Duration;

/**
 * Live drone positions from DJI Cloud API OSD telemetry (the optional top-level {@code drone_osd}
 * section): the server subscribes to {@code thing/product/<sn>/osd} on this broker for every camera
 * with a {@code drone_sn}.
 *
 * @param url      the broker, {@code tcp://host:port} or {@code ssl://host:port} (mqtt:// and mqtts://
 *                 are accepted and turned into these)
 * @param username broker user name, or null
 * @param password broker password (use ${ENV}); never shown
 * @param clientId MQTT client id (default "minewatch-osd")
 * @param maxAge   a position older than this is not used to place a detection (default 3 s, 0.5..60)
 */
public record DroneOsdConfig(String url, String username, String password, String clientId, Duration maxAge) {
    /** Default {@code drone_osd.max_age_s}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(3);

    /** Checks the fields; nulls take the defaults. */
    public DroneOsdConfig {
        java.util.Objects.requireNonNull(url, "url");
        clientId = clientId == null ? "minewatch-osd" : clientId;
        maxAge = maxAge == null ? DEFAULT_MAX_AGE : maxAge;
        if (maxAge.toMillis() < 500 || maxAge.toMillis() > 60_000) {
            throw new IllegalArgumentException("max age must be between 0.5 and 60 seconds");
        }
    }

    @Override
    public String toString() {
        return "DroneOsdConfig[url=" + Redact.url(url) + ", username=" + username + ", password="
                + (password == null ? "null" : Redact.MASK) + ", clientId=" + clientId + ", maxAge=" + maxAge + "]";
    }
}
