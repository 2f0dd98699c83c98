package io.minewatch.config;

import java.time.Duration;
import java.util.List;

/** Validates the top-level {@code rtmp} (RTMP publish server) and {@code drone_osd} (DJI OSD broker) sections. */
final class RtmpBinder {
    static final List<String> RTMP_KEYS = List.of("enabled", "host", "port", "username", "password",
            "allow_anonymous", "idle_timeout_s");
    static final List<String> OSD_KEYS = List.of("url", "username", "password", "client_id", "max_age_s");

    private RtmpBinder() {
    }

    /** The {@code rtmp} section, or null when absent (no RTMP server). */
    static RtmpConfig rtmp(Section top) throws ConfigException {
        if (!top.has("rtmp")) {
            return null;
        }
        Section s = top.section("rtmp");
        s.allowOnly(RTMP_KEYS);
        boolean enabled = s.bool("enabled", true);
        String host = s.nonBlank("host", "127.0.0.1");
        int port = s.integer("port", RtmpConfig.DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw s.error("port", "port must be between 0 and 65535 (0 = any free port), got " + s.shown("port"));
        }
        String user = s.string("username", null);
        String password = s.string("password", null);
        if ((user == null) != (password == null)) {
            throw s.error(user == null ? "username" : "password", "give both username and password, or neither");
        }
        if (user != null && (user.isEmpty() || !user.chars().allMatch(RtmpBinder::urlSafe))) {
            // It is typed into a drone app's URL field: ?user=...&pass=...
            throw s.error("username", "use letters, digits and - . _ ~ only (it goes in the publish URL)");
        }
        if (password != null && (password.isEmpty() || !password.chars().allMatch(RtmpBinder::urlSafe))) {
            throw s.error("password", "use letters, digits and - . _ ~ only (it goes in the publish URL; "
                    + "the value is not shown)");
        }
        boolean anonymous = s.bool("allow_anonymous", false);
        double idle = s.number("idle_timeout_s", RtspServerConfig.DEFAULT_IDLE_TIMEOUT.toMillis() / 1000.0);
        if (!(idle >= RtspServerConfig.MIN_IDLE_S && idle <= RtspServerConfig.MAX_IDLE_S)) {
            throw s.error("idle_timeout_s", "must be between 2 and 300 seconds, got " + s.shown("idle_timeout_s"));
        }
        RtmpConfig c = new RtmpConfig(enabled, host, port, user, password, anonymous,
                Duration.ofMillis(Math.round(idle * 1000)));
        if (enabled && c.anonymousOnNetwork()) {
            // Anyone on the network could publish video as any RTMP camera (and raise alerts with it).
            throw s.error("host", "listening on " + host + " (not loopback) needs username and password, or "
                    + "allow_anonymous: true to accept publishers from anyone who can reach it");
        }
        return c;
    }

    /** The {@code drone_osd} section, or null when absent (no live drone positions). */
    static DroneOsdConfig osd(Section top) throws ConfigException {
        if (!top.has("drone_osd")) {
            return null;
        }
        Section s = top.section("drone_osd");
        s.allowOnly(OSD_KEYS);
        String url = MqttBinder.url(s, s.requiredString("url"));
        String user = s.string("username", null);
        String password = s.string("password", null);
        String clientId = s.nonBlank("client_id", "minewatch-osd");
        if (clientId.length() > 128) {
            throw s.error("client_id", "client id longer than 128 characters");
        }
        double age = s.number("max_age_s", DroneOsdConfig.DEFAULT_MAX_AGE.toMillis() / 1000.0);
        if (!(age >= 0.5 && age <= 60)) {
            throw s.error("max_age_s", "must be between 0.5 and 60 seconds, got " + s.shown("max_age_s"));
        }
        return new DroneOsdConfig(url, user, password, clientId, Duration.ofMillis(Math.round(age * 1000)));
    }

    private static boolean urlSafe(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
