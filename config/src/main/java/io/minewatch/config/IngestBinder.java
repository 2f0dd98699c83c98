package io.minewatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Validates {@code cameras[].ingest} and the top-level {@code rtsp_server} section. */
final class IngestBinder {
    static final List<String> INGEST_KEYS = List.of("transport", "timeout_s", "no_data_timeout_s",
            "offline_debounce_s", "ring_seconds", "ring_mb");
    static final List<String> SERVER_KEYS = List.of("host", "port", "username", "password", "allow_anonymous",
            "idle_timeout_s");

    private IngestBinder() {
    }

    static IngestSettings ingest(Section s) throws ConfigException {
        s.allowOnly(INGEST_KEYS);
        IngestSettings d = IngestSettings.DEFAULTS;
        String t = s.nonBlank("transport", "auto").toLowerCase(Locale.ROOT);
        IngestSettings.Transport transport = switch (t) {
            case "tcp" -> IngestSettings.Transport.TCP;
            case "udp" -> IngestSettings.Transport.UDP;
            case "auto" -> IngestSettings.Transport.AUTO;
            default -> throw s.error("transport", "expected auto, tcp or udp, got " + s.shown("transport"));
        };
        Duration timeout = seconds(s, "timeout_s", d.timeout(), 0.5, 120);
        Duration noData = seconds(s, "no_data_timeout_s", d.noDataTimeout(), 1, 600);
        Duration debounce = seconds(s, "offline_debounce_s", d.offlineDebounce(), 0, 3600);
        double ring = s.number("ring_seconds", d.ringSeconds());
        if (!(ring >= 1 && ring <= 600)) {
            throw s.error("ring_seconds", "must be between 1 and 600, got " + s.shown("ring_seconds"));
        }
        double mb = s.number("ring_mb", (double) (d.ringBytes() >> 20));
        if (!(mb >= 1 && mb <= 4096)) {
            throw s.error("ring_mb", "must be between 1 and 4096 (MiB), got " + s.shown("ring_mb"));
        }
        return new IngestSettings(transport, timeout, noData, debounce, ring, (long) (mb * (1 << 20)));
    }

    private static Duration seconds(Section s, String key, Duration def, double min, double max)
            throws ConfigException {
        double v = s.number(key, def.toMillis() / 1000.0);
        if (!(v >= min && v <= max)) {
            throw s.error(key, "must be between " + fmt(min) + " and " + fmt(max) + " seconds, got " + s.shown(key));
        }
        return Duration.ofMillis(Math.round(v * 1000));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The {@code rtsp_server} section, or null when absent (no push server). */
    static RtspServerConfig server(Section top) throws ConfigException {
        if (!top.has("rtsp_server")) {
            return null;
        }
        Section s = top.section("rtsp_server");
        s.allowOnly(SERVER_KEYS);
        String host = s.nonBlank("host", "127.0.0.1");
        int port = s.integer("port", 8554);
        if (port < 0 || port > 65535) {
            throw s.error("port", "port must be between 0 and 65535 (0 = any free port), got " + s.shown("port"));
        }
        String user = s.string("username", null);
        String password = s.string("password", null);
        if ((user == null) != (password == null)) {
            throw s.error(user == null ? "username" : "password", "give both username and password, or neither");
        }
        boolean anonymous = s.bool("allow_anonymous", false);
        Duration idle = seconds(s, "idle_timeout_s", RtspServerConfig.DEFAULT_IDLE_TIMEOUT, RtspServerConfig.MIN_IDLE_S,
                RtspServerConfig.MAX_IDLE_S);
        RtspServerConfig c = new RtspServerConfig(host, port, user, password, anonymous, idle);
        if (c.anonymousOnNetwork()) {
            // Anyone on the network could push video as any camera (and raise alerts with it).
            throw s.error("host", "listening on " + host + " (not loopback) needs username and password, or "
                    + "allow_anonymous: true to accept pushes from anyone who can reach it");
        }
        return c;
    }
}
