package io.minewatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Binds the {@code http} section: bind address, bounds, TLS files, sessions, metrics and console settings. */
final class HttpBinder {
    static final java.util.List<String> HTTP_KEYS = java.util.List.of("host", "port", "header_timeout_s",
            "max_requests_per_client", "export_queue", "tls", "session_minutes", "metrics_public", "console");
    static final java.util.List<String> TLS_KEYS = java.util.List.of("cert", "key");
    static final java.util.List<String> CONSOLE_KEYS = java.util.List.of("map_tiles", "map_attribution");
    /** A PEM file of a certificate chain or a key is a few kilobytes. */
    private static final long MAX_PEM = 1024 * 1024;

    private HttpBinder() {
    }

    static HttpConfig http(Section s, Path baseDir) throws ConfigException {
        s.allowOnly(HTTP_KEYS);
        String host = s.nonBlank("host", "127.0.0.1");
        int port = s.integer("port", 8080);
        if (port < 0 || port > 65535) {
            throw s.error("port", "port must be between 0 and 65535 (0 = any free port), got " + s.shown("port"));
        }
        TlsConfig tls = null;
        if (s.has("tls") && s.node("tls") != null && !(s.node("tls") instanceof YamlNode.Scalar sc
                && sc.type() == YamlNode.Type.NULL)) {
            Section t = s.section("tls");
            t.allowOnly(TLS_KEYS);
            Path cert = pem(t, "cert", "CERTIFICATE", baseDir);
            Path key = pem(t, "key", "PRIVATE KEY", baseDir);
            tls = new TlsConfig(cert, key);
        }
        Section console = s.section("console");
        console.allowOnly(CONSOLE_KEYS);
        return new HttpConfig(host, port,
                bounded(s, "header_timeout_s", HttpConfig.DEFAULT_HEADER_TIMEOUT_S, 1, 300),
                bounded(s, "max_requests_per_client", HttpConfig.DEFAULT_MAX_REQUESTS_PER_CLIENT, 1, 1000),
                bounded(s, "export_queue", HttpConfig.DEFAULT_EXPORT_QUEUE, 0, 1000), tls,
                bounded(s, "session_minutes", HttpConfig.DEFAULT_SESSION_MINUTES, HttpConfig.MIN_SESSION_MINUTES,
                        HttpConfig.MAX_SESSION_MINUTES),
                s.bool("metrics_public", false),
                console.nonBlank("map_tiles", null), console.nonBlank("map_attribution", null));
    }

    /** A PEM file under the key: it must exist, be readable and hold a {@code -----BEGIN ...<kind>-----} block. */
    private static Path pem(Section t, String key, String kind, Path baseDir) throws ConfigException {
        Path file = ConfigBinder.resolve(t, key, t.requiredString(key), baseDir);
        if (!Files.isRegularFile(file)) {
            throw t.error(key, "no such file: " + file);
        }
        String text;
        try {
            if (Files.size(file) > MAX_PEM) {
                throw t.error(key, "larger than " + MAX_PEM + " bytes, not a PEM file: " + file);
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw t.error(key, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        int begin = text.indexOf("-----BEGIN ");
        int end = begin < 0 ? -1 : text.indexOf("-----", begin + 11);
        if (begin < 0 || end < 0 || !text.substring(begin + 11, end).endsWith(kind)) {
            throw t.error(key, "not a PEM " + (kind.equals("CERTIFICATE") ? "certificate" : "private key")
                    + " (expected a -----BEGIN " + kind + "----- block): " + file);
        }
        return file;
    }

    private static int bounded(Section s, String key, int def, int min, int max) throws ConfigException {
        int v = s.integer(key, def);
        if (v < min || v > max) {
            throw s.error(key, key + " must be between " + min + " and " + max + ", got " + s.shown(key));
        }
        return v;
    }
}
