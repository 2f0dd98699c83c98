package io.minewatch.alerts.broker;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Moquette 0.17 MQTT broker: TCP, optionally MQTT over WebSocket, in memory; with a {@link BrokerSecurity}, clients
 * authenticate and are authorised per topic, otherwise anonymous clients may do anything.
 *
 * <p>With security, clients connect to a {@link BrokerFrontDoor} on the given address, which checks
 * anonymous clients' client ids and relays to Moquette on a loopback port of its own, where anonymous
 * access is off (every client there logs in, and its client id is checked against its login).
 *
 * <p>Retained messages and sessions live in memory and are lost when it stops; the server republishes
 * its retained status on every connect, so nothing needs to survive a restart.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Default bind address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Largest MQTT message accepted, bytes (Moquette's default is 8092). */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;

    /** Free ports tried for a port-0 start before giving up. */
    private static final int PICK_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Server server;
    private final BrokerFrontDoor door;
    private final BrokerFrontDoor wsDoor;
    private final String host;
    private final int port;
    private final int wsPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(Server server, BrokerFrontDoor door, BrokerFrontDoor wsDoor, String host, int port,
            int wsPort) {
        this.server = server;
        this.door = door;
        this.wsDoor = wsDoor;
        this.host = host;
        this.port = port;
        this.wsPort = wsPort;
    }

    /** Starts a broker on {@link #DEFAULT_HOST}; port 0 picks a free port. */
    public static EmbeddedBroker start(int port) {
        return start(DEFAULT_HOST, port);
    }

    /**
     * Starts a broker bound to {@code host:port}; port 0 lets the system pick a free port, which
     * {@link #port()} then reports.
     *
     * @throws UncheckedIOException if the broker cannot bind or start
     */
    public static EmbeddedBroker start(String host, int port) {
        return start(host, port, null);
    }

    /**
     * Starts a broker bound to {@code host:port} that authenticates and authorises with
     * {@code security}; null allows anonymous clients everything (tests of the transport only).
     *
     * @throws UncheckedIOException if the broker cannot bind or start
     */
    public static EmbeddedBroker start(String host, int port, BrokerSecurity security) {
        return start(host, port, security, 0);
    }

    /**
     * Like {@link #start(String, int, BrokerSecurity)}, also accepting MQTT over WebSocket on
     * {@code ws://host:wsPort/mqtt} (0: not at all). With security, WebSocket clients go through the
     * same front door as TCP clients (the same anonymous rule, login, client-id binding and ACLs),
     * relayed to the same Moquette port; Moquette's own WebSocket port stays off.
     */
    public static EmbeddedBroker start(String host, int port, BrokerSecurity security, int wsPort) {
        Objects.requireNonNull(host, "host");
        if (wsPort < 0 || wsPort > 65_535) {
            throw new IllegalArgumentException("embedded broker WebSocket port " + wsPort + " is not in 0..65535");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("embedded broker port " + port + " is not in 0..65535");
        }
        if (port != 0) {
            return startOn(host, port, security, wsPort);
        }
        // Moquette records a port-0 bind in a plain HashMap from its event loop, and its getPort()
        // writes to that map too: polling it from here races (seen: the port never showing up, under
        // load). So pick a free port here, and another if something takes it before Moquette binds.
        UncheckedIOException last = null;
        for (int attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
            try {
                return startOn(host, freePort(host), security, wsPort);
            } catch (UncheckedIOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static EmbeddedBroker startOn(String host, int port, BrokerSecurity security, int wsPort) {
        Server server = new Server();
        BrokerFrontDoor door = null;
        BrokerFrontDoor wsDoor = null;
        try {
            if (security == null) {
                Properties p = properties(host, port);
                if (wsPort != 0) {
                    p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, Integer.toString(wsPort));
                }
                server.startServer(new MemoryConfig(p));
            } else {
                int innerPort = freePort(DEFAULT_HOST);
                Properties p = properties(DEFAULT_HOST, innerPort);
                // Every client logs in: anonymous ones through the front door, which checks their client id.
                p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
                // A reopened persistent session's subscriptions are authorised again (defence in depth).
                p.setProperty(BrokerConstants.REAUTHORIZE_SUBSCRIPTIONS_ON_CONNECT, "true");
                server.startServer(new MemoryConfig(p), List.of(), null, security, security);
                door = BrokerFrontDoor.start(host, port, DEFAULT_HOST, innerPort, security, MAX_MESSAGE_BYTES);
                if (wsPort != 0) {
                    wsDoor = BrokerFrontDoor.start(host, wsPort, DEFAULT_HOST, innerPort, security, MAX_MESSAGE_BYTES,
                            true);
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (door != null) {
                door.close();
            }
            server.stopServer();
            throw new UncheckedIOException("cannot start the embedded MQTT broker on " + host + ":" + port
                    + (wsPort == 0 ? "" : " (WebSocket " + wsPort + ")"),
                    e instanceof IOException io ? io : new IOException(e));
        }
        if (wsPort != 0) {
            log.info("embedded MQTT broker listening on {}:{} and ws://{}:{}{}", host, port, host, wsPort,
                    BrokerFrontDoor.WEBSOCKET_PATH);
        } else {
            log.info("embedded MQTT broker listening on {}:{}", host, port);
        }
        return new EmbeddedBroker(server, door, wsDoor, host, port, wsPort);
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host + " for the embedded MQTT broker", e);
        }
    }

    static Properties properties(String host, int port) {
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, host);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        // mosquitto_sub (the README's way to watch) connects with an empty client id.
        p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        // In memory: h2-mvstore is not on the classpath, and nothing needs to outlive the process.
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        // Moquette otherwise reports usage to its authors over the network at start-up.
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        // Dropwizard metrics and Bugsnag are excluded from the classpath.
        p.setProperty(BrokerConstants.METRICS_ENABLE_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.BUGSNAG_ENABLE_PROPERTY_NAME, "false");
        // Plain NIO: the same on every platform, no native transport to load.
        p.setProperty(BrokerConstants.NETTY_EPOLL_PROPERTY_NAME, "false");
        // Flush every write at once: alerts must not wait in a socket buffer.
        p.setProperty(IConfig.BUFFER_FLUSH_MS_PROPERTY_NAME, "immediate");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        return p;
    }

    /** The address the broker is bound to. */
    public String host() {
        return host;
    }

    /** The TCP port the broker listens on (the picked one when started with port 0). */
    public int port() {
        return port;
    }

    /** The URL clients connect to, {@code tcp://host:port}. */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    /** The MQTT-over-WebSocket URL, {@code ws://host:port/mqtt}, or null when it is off. */
    public String webSocketUrl() {
        return wsPort == 0 ? null : "ws://" + host + ":" + wsPort + BrokerFrontDoor.WEBSOCKET_PATH;
    }

    /**
     * Closes every connection of this official (client id {@code <official>} or {@code <official>.<device>}),
     * e.g. after the registry removed it; returns how many were closed.
     */
    public int disconnectOfficial(String official) {
        int n = 0;
        for (io.moquette.broker.ClientDescriptor c : server.listConnectedClients()) {
            String id = c.getClientID();
            if (id != null && (id.equals(official) || id.startsWith(official + BrokerSecurity.CLIENT_ID_SEPARATOR))
                    && server.disconnectClient(id)) {
                n++;
            }
        }
        return n;
    }

    /** Stops the broker and frees its port; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (wsDoor != null) {
                wsDoor.close();
            }
            if (door != null) {
                door.close();
            }
            server.stopServer();
            log.info("embedded MQTT broker on {}:{} stopped", host, port);
        }
    }
}
