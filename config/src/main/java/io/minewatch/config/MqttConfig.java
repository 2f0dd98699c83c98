package io.minewatch.config;

/**
 * Where alerts go.
 *
 * @param url          external broker (tcp://host:port or ssl://host:port; the loader turns mqtt:// and
 *                     mqtts:// into these); null starts the embedded broker
 * @param username     external broker user name (may come from ${ENV}); null for none
 * @param password     external broker password, from ${ENV}; never logged (see {@link #toString()})
 * @param clientId     MQTT client id of the server (default "minewatch-server")
 * @param topicPrefix  prefix of every topic (default "minewatch/v1")
 * @param embeddedHost bind address of the embedded broker (default 127.0.0.1)
 * @param embeddedPort port of the embedded broker (default 1883)
 * @param anonymous    embedded broker: what clients without credentials may do, {@value #ANONYMOUS_OFF}
 *                     (default: nothing) or {@value #ANONYMOUS_READ} (subscribe to every topic, publish
 *                     nothing; for demos)
 * @param embeddedWsPort embedded broker: port of MQTT over WebSocket ({@code ws://embedded_host:port/mqtt},
 *                     the same logins and ACLs as TCP), or 0 (default) for none
 */
public record MqttConfig(
        String url,
        String username,
        String password,
        String clientId,
        String topicPrefix,
        String embeddedHost,
        int embeddedPort,
        String anonymous,
        int embeddedWsPort) {

    /** Anonymous clients may not connect. */
    public static final String ANONYMOUS_OFF = "off";
    /** Anonymous clients may subscribe to anything and publish nothing. */
    public static final String ANONYMOUS_READ = "read";

    public MqttConfig {
        anonymous = anonymous == null ? ANONYMOUS_OFF : anonymous;
    }

    /** Without MQTT over WebSocket. */
    public MqttConfig(String url, String username, String password, String clientId, String topicPrefix,
            String embeddedHost, int embeddedPort, String anonymous) {
        this(url, username, password, clientId, topicPrefix, embeddedHost, embeddedPort, anonymous, 0);
    }

    /** Without anonymous access. */
    public MqttConfig(String url, String username, String password, String clientId, String topicPrefix,
            String embeddedHost, int embeddedPort) {
        this(url, username, password, clientId, topicPrefix, embeddedHost, embeddedPort, ANONYMOUS_OFF);
    }

    /** True when no external broker is configured and the server starts its own. */
    public boolean embedded() {
        return url == null;
    }

    /** The URL clients connect to: the external one, or the embedded broker's. */
    public String effectiveUrl() {
        return embedded() ? "tcp://" + embeddedHost + ":" + embeddedPort : url;
    }

    @Override
    public String toString() {
        return "MqttConfig[url=" + Redact.text(url) + ", username=" + username
                + ", password=" + (password == null ? "null" : "****")
                + ", clientId=" + clientId + ", topicPrefix=" + topicPrefix
                + ", embeddedHost=" + embeddedHost + ", embeddedPort=" + embeddedPort + ", anonymous=" + anonymous
                + ", embeddedWsPort=" + embeddedWsPort + "]";
    }
}
