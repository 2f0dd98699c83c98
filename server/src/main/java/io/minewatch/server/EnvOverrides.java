package io.minewatch.server;

import io.minewatch.config.ConfigException;
import io.minewatch.config.HttpConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.config.Redact;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;

/**
 * Environment variables that override configuration keys, so one config file serves several
 * machines: {@code MINEWATCH_MQTT_URL}, {@code MINEWATCH_MQTT_USERNAME}, {@code MINEWATCH_MQTT_PASSWORD},
 * {@code MINEWATCH_MQTT_PORT} (embedded broker port) and {@code MINEWATCH_HTTP_PORT}.
 */
final class EnvOverrides {
    private static final Set<String> MQTT_SCHEMES = Set.of("tcp", "ssl", "mqtt", "mqtts");

    private EnvOverrides() {
    }

    static MinewatchConfig apply(MinewatchConfig config, Map<String, String> env) throws ConfigException {
        MqttConfig m = config.mqtt();
        String url = nonEmpty(env.get("MINEWATCH_MQTT_URL"));
        String password = nonEmpty(env.get("MINEWATCH_MQTT_PASSWORD"));
        Redact.remember(password);
        Redact.rememberCredentials(url);
        if (url != null) {
            checkMqttUrl(url);
        }
        String user = nonEmpty(env.get("MINEWATCH_MQTT_USERNAME"));
        int brokerPort = port(env, "MINEWATCH_MQTT_PORT", m.embeddedPort(), 1);
        MqttConfig mqtt = new MqttConfig(url != null ? url : m.url(), user != null ? user : m.username(),
                password != null ? password : m.password(), m.clientId(), m.topicPrefix(),
                m.embeddedHost(), brokerPort, m.anonymous(), m.embeddedWsPort());
        HttpConfig http = config.http().withPort(port(env, "MINEWATCH_HTTP_PORT", config.http().port(), 0));
        // Only these two parts change; everything else (the case loop too) is kept as loaded.
        return config.withMqtt(mqtt).withHttp(http);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int port(Map<String, String> env, String name, int fallback, int min) throws ConfigException {
        String v = nonEmpty(env.get(name));
        if (v == null) {
            return fallback;
        }
        try {
            int p = Integer.parseInt(v);
            if (p >= min && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + ": not a port number (" + min + "..65535): " + v);
    }

    private static void checkMqttUrl(String url) throws ConfigException {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && MQTT_SCHEMES.contains(uri.getScheme()) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new ConfigException("MINEWATCH_MQTT_URL: not an MQTT URL (tcp://host:port or ssl://host:port): "
                + Redact.text(url));
    }
}
