package io.minewatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Validates the {@code mqtt} section: broker URL, credentials, client id, topic prefix, embedded broker. */
final class MqttBinder {
    static final List<String> KEYS = List.of("url", "username", "password", "client_id", "topic_prefix",
            "embedded_host", "embedded_port", "anonymous", "embedded_ws_port");
    /** mqtt:// and mqtts:// are accepted as spellings of Paho's tcp:// and ssl://, and stored as those. */
    private static final Map<String, String> SCHEMES = Map.of("tcp", "tcp", "ssl", "ssl", "mqtt", "tcp", "mqtts", "ssl");
    private static final int MAX_CLIENT_ID = 128;
    private static final int MAX_PREFIX = 256;

    private MqttBinder() {
    }

    static MqttConfig mqtt(Section s) throws ConfigException {
        s.allowOnly(KEYS);
        String url = s.string("url", null);
        if (url != null) {
            url = url(s, url);
        }
        // The password is read but never shown, checked or echoed: only its type is validated.
        String username = s.string("username", null);
        String password = s.string("password", null);
        String clientId = s.nonBlank("client_id", "minewatch-server");
        if (clientId.length() > MAX_CLIENT_ID) {
            throw s.error("client_id", "client id longer than " + MAX_CLIENT_ID + " characters");
        }
        String prefix = topicPrefix(s);
        String host = s.nonBlank("embedded_host", "127.0.0.1");
        int port = s.integer("embedded_port", 1883);
        if (port < 1 || port > 65535) {
            throw s.error("embedded_port", "port must be between 1 and 65535, got " + s.shown("embedded_port"));
        }
        String anonymous = s.string("anonymous", MqttConfig.ANONYMOUS_OFF);
        if (!anonymous.equals(MqttConfig.ANONYMOUS_OFF) && !anonymous.equals(MqttConfig.ANONYMOUS_READ)) {
            throw s.error("anonymous", "expected off or read, got " + s.shown("anonymous"));
        }
        int wsPort = s.integer("embedded_ws_port", 0);
        if (wsPort < 0 || wsPort > 65535) {
            throw s.error("embedded_ws_port", "port must be between 1 and 65535 (or 0: off), got "
                    + s.shown("embedded_ws_port"));
        }
        if (wsPort != 0 && wsPort == port) {
            throw s.error("embedded_ws_port", "must differ from embedded_port " + port);
        }
        return new MqttConfig(url, username, password, clientId, prefix, host, port, anonymous, wsPort);
    }

    /** The broker URL with its scheme normalised to tcp:// or ssl://; it must have a host and a port. */
    static String url(Section s, String value) throws ConfigException {
        String shown = s.substituted("url") ? "(URL from the environment, not shown)" : Problems.quote(value);
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw s.error("url", "not a valid URL (" + e.getReason() + " at index " + e.getIndex() + "): " + shown);
        }
        String scheme = SCHEMES.get(uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT));
        if (scheme == null || uri.isOpaque()) {
            throw s.error("url", "expected tcp://, ssl://, mqtt:// or mqtts:// host:port, got " + shown);
        }
        if (uri.getUserInfo() != null) {
            throw s.error("url", "put credentials in mqtt.username and mqtt.password, not in the URL: " + shown);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw s.error("url", "URL has no valid host: " + shown);
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            throw s.error("url", "URL needs a port between 1 and 65535: " + shown);
        }
        String rest = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(rest.isEmpty() || rest.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw s.error("url", "URL must be only scheme://host:port: " + shown);
        }
        String host = uri.getHost();
        return scheme + "://" + host + ":" + uri.getPort();
    }

    /** The topic prefix: levels separated by '/', no wildcards, no empty level, no leading '$'. */
    private static String topicPrefix(Section s) throws ConfigException {
        String prefix = s.nonBlank("topic_prefix", "minewatch/v1");
        String problem = null;
        if (prefix.length() > MAX_PREFIX) {
            problem = "longer than " + MAX_PREFIX + " characters";
        } else if (prefix.indexOf('#') >= 0 || prefix.indexOf('+') >= 0) {
            problem = "must not contain the wildcards # or +";
        } else if (prefix.startsWith("/") || prefix.endsWith("/")) {
            problem = "must not start or end with '/'";
        } else if (prefix.contains("//")) {
            problem = "must not contain an empty level (\"//\")";
        } else if (prefix.startsWith("$")) {
            problem = "must not start with '$' (reserved for broker topics)";
        } else if (prefix.chars().anyMatch(Character::isISOControl)) {
            problem = "must not contain control characters";
        }
        if (problem != null) {
            throw s.error("topic_prefix", "topic prefix " + s.shown("topic_prefix") + " " + problem);
        }
        return prefix;
    }
}
