package io.minewatch.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.alerts.broker.BrokerSecurity;
import io.minewatch.alerts.broker.EmbeddedBroker;
import io.minewatch.alerts.cameras.CameraStatusPublisher;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.dispatch.RouteBook;
import io.minewatch.alerts.routing.LiveRouting;
import io.minewatch.alerts.mqtt.MqttAlertSink;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.store.Database;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import io.minewatch.ingest.camera.CameraStatusListener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging stage: the embedded broker (when no external one is configured), the MQTT
 * connection, the durable outbox, the alerts desk subscribed to acks, and the sink everything else
 * publishes through. {@link #start()} connects and starts the outbox and the desk once the evidence
 * side listens to the desk. Closes the desk (open alerts end into the outbox), the outbox, the
 * connection, then the broker.
 *
 * @param broker the embedded broker, or null when an external one is used
 * @param url    the broker URL the connection uses
 * @param routes who each alert is routed to (the broker's authorizer, the desk and the live feed read it)
 * @param routing  the sites and officials routing reads (the registry swaps them while the server runs)
 * @param security the embedded broker's logins and ACLs, or null with an external broker
 */
record Messaging(EmbeddedBroker broker, String url, MqttConnection connection, Outbox outbox,
                 AlertDispatcher desk, MqttAlertSink sink, RouteBook routes, LiveRouting routing,
                 BrokerSecurity security) implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Messaging.class);

    static Messaging assemble(MinewatchConfig config, Database database, Path storage, MeterRegistry registry,
                              Clock clock) throws Exception {
        MqttConfig mqtt = config.mqtt();
        // The broker's authorizer and the desk share the route book, so neither waits for the other.
        RouteBook routes = new RouteBook(database);
        LiveRouting routing = new LiveRouting(config.alerts(), config.sites(), config.officials());
        return Stages.assemble(built -> {
            EmbeddedBroker broker = null;
            BrokerSecurity security = null;
            MqttConnection connection;
            if (mqtt.embedded()) {
                security = new BrokerSecurity(mqtt.topicPrefix(), mqtt.anonymous(), mqtt.clientId(),
                        config.officials(), routes);
                broker = built.add(EmbeddedBroker.start(mqtt.embeddedHost(), mqtt.embeddedPort(), security,
                        mqtt.embeddedWsPort()));
                log.info("mqtt: embedded broker on {}{} (anonymous: {})", broker.url(),
                        broker.webSocketUrl() == null ? "" : " and " + broker.webSocketUrl(), mqtt.anonymous());
                connection = new MqttConnection(broker.url(), mqtt.clientId(), security.serverUser(),
                        security.serverSecret(), mqtt.topicPrefix(), clock);
            } else {
                char[] password = mqtt.password() == null ? null : mqtt.password().toCharArray();
                connection = new MqttConnection(pahoUrl(mqtt.effectiveUrl()), mqtt.clientId(), mqtt.username(),
                        password, mqtt.topicPrefix(), clock);
            }
            built.add(connection);
            Outbox outbox = built.add(new Outbox(new OutboxStore(database), connection, registry, clock));
            AlertDispatcher desk = built.add(new AlertDispatcher(routing, mqtt.topicPrefix(), routes, outbox,
                    registry, clock, storage));
            for (String filter : desk.topics().ackFilters()) {
                connection.subscribe(filter, desk::onAck);
            }
            MqttAlertSink sink = new MqttAlertSink(connection, outbox, mqtt.topicPrefix(), registry);
            String url = broker == null ? pahoUrl(mqtt.effectiveUrl()) : broker.url();
            return new Messaging(broker, url, connection, outbox, desk, sink, routes, routing, security);
        });
    }

    /** Paho speaks tcp:// and ssl://; the config also accepts the mqtt:// and mqtts:// spellings. */
    static String pahoUrl(String url) {
        if (url.startsWith("mqtt://")) {
            return "tcp://" + url.substring("mqtt://".length());
        }
        if (url.startsWith("mqtts://")) {
            return "ssl://" + url.substring("mqtts://".length());
        }
        return url;
    }

    /** Connects, then starts the outbox's delivery and the desk's tick. */
    void start() {
        connection.start();
        outbox.start();
        desk.start();
    }

    /** Puts the cameras' availability on MQTT through the sink. */
    CameraStatusListener cameraStatus(List<CameraConfig> cameras) {
        Map<String, String> sites = new HashMap<>();
        cameras.forEach(c -> sites.put(c.id(), c.site()));
        return new CameraStatusPublisher(sink, sites);
    }

    @Override
    public void close() {
        Stages.closeInOrder(desk, outbox, connection, broker);
    }
}
