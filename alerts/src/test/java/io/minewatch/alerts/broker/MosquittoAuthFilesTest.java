package io.minewatch.alerts.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.schema.Topics;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.Desks;
import io.minewatch.testkit.OwnMosquitto;
import io.minewatch.alerts.testing.TestSubscriber;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password, ACL and configuration files for an external Mosquitto, attacked on a real one (our own
 * process on a free port), in both {@code mqtt.anonymous} modes.
 */
class MosquittoAuthFilesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration NOTHING = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final String prefix = "mw-auth-" + UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = new Topics(prefix);
    private final List<AutoCloseable> open = new ArrayList<>();
    private OwnMosquitto mosquitto;
    private TestSubscriber server;

    private <T extends AutoCloseable> T keep(T c) {
        open.add(0, c);
        return c;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private MinewatchConfig config(String anonymous) throws Exception {
        MinewatchConfig base = Desks.config(prefix, dir, Databases.sqlite(dir), 600, 0);
        MqttConfig m = base.mqtt();
        return new MinewatchConfig(base.sites(), base.cameras(), base.officials(),
                new MqttConfig("tcp://127.0.0.1:1", "server", "server-secret", m.clientId(), prefix, m.embeddedHost(),
                        m.embeddedPort(), anonymous), base.storage(), base.http(), base.database(), base.alerts());
    }

    /** Writes the three files as scripts/mosquitto-auth does, hashes the passwords, starts Mosquitto on them. */
    private void start(MinewatchConfig config) throws Exception {
        Path files = Files.createDirectories(dir.resolve("auth"));
        Files.write(files.resolve("passwd"), MosquittoAuthFiles.passwords(config));
        Process hash = new ProcessBuilder("mosquitto_passwd", "-U", files.resolve("passwd").toString())
                .redirectErrorStream(true).start();
        assertEquals(0, hash.waitFor(), new String(hash.getInputStream().readAllBytes()));
        assertFalse(Files.readString(files.resolve("passwd")).contains("li-secret"), "hashed");
        Files.writeString(files.resolve("acl"), MosquittoAuthFiles.acl(config));
        mosquitto = keep(OwnMosquitto.start(Files.createDirectories(dir.resolve("broker")),
                MosquittoAuthFiles.conf(config, files)));
        server = keep(TestSubscriber.persistent(mosquitto.url(), "server-" + prefix, "server", "server-secret",
                topics.ackFilter()));
    }

    private TestSubscriber phone(String official, String clientId, String filter) throws MqttException {
        return keep(TestSubscriber.persistent(mosquitto.url(), clientId, official, Desks.SECRETS.get(official),
                filter));
    }

    /** Subscribes, tolerating a refusal at SUBACK: what matters is what gets delivered, checked after. */
    private static void trySubscribe(TestSubscriber s, String filter) {
        try {
            s.subscribe(filter);
        } catch (MqttException refusedAtSubscribe) {
            // Refused outright; Mosquitto may also grant it and deliver nothing.
        }
    }

    private static String ack(String official) {
        return "{\"schema\":\"minewatch.ack/1\",\"official\":\"" + official + "\",\"action\":\"ack\"}";
    }

    @Test
    void theFilesMatchTheEmbeddedRules() throws Exception {
        String off = MosquittoAuthFiles.acl(config(MqttConfig.ANONYMOUS_OFF));
        assertTrue(off.contains("user li\ntopic read " + prefix + "/officials/li/#\ntopic write " + prefix
                + "/alerts/+/ack/li\n"), off);
        assertTrue(off.contains("user cc\ntopic read " + prefix + "/#\n"), off);
        assertTrue(MosquittoAuthFiles.passwords(config(MqttConfig.ANONYMOUS_OFF)).contains("server:server-secret"));
        String read = MosquittoAuthFiles.acl(config(MqttConfig.ANONYMOUS_READ));
        // Regression (audit finding 5): the anonymous rule came after the last "user" line, so it was that
        // official's, not the anonymous clients'. Mosquitto gives anonymous clients the lines before any user.
        assertTrue(read.indexOf("topic read " + prefix + "/alerts/#") < read.indexOf("\nuser "), read);
        assertTrue(MosquittoAuthFiles.conf(config(MqttConfig.ANONYMOUS_OFF), dir)
                .contains("use_username_as_clientid true\n"));
        assertTrue(MosquittoAuthFiles.conf(config(MqttConfig.ANONYMOUS_READ), dir).contains("allow_anonymous true\n"));
    }

    @Test
    void anonymousOffRefusesAnonymousAndKeepsOfficialsToTheirOwnTopics() throws Exception {
        start(config(MqttConfig.ANONYMOUS_OFF));
        assertThrows(MqttException.class, () -> TestSubscriber.subscribe(mosquitto.url(), prefix + "/#").close(),
                "anonymous refused");
        officialsStayInTheirLane();
    }

    /** Regression (audit finding 1, on Mosquitto): without use_username_as_clientid any login took any id. */
    @Test
    void anonymousOffBindsClientIdsToLogins() throws Exception {
        start(config(MqttConfig.ANONYMOUS_OFF));
        // Session takeover: zhou connects with li's client id while li is on, then while li is off with an
        // alert queued for him. Mosquitto makes every client id its login (use_username_as_clientid).
        TestSubscriber li = phone("li", "li", topics.official("li"));
        TestSubscriber zhou = phone("zhou", "li", prefix + "/#");
        li.disconnect();
        server.publish(topics.official("li"), "{\"for\":\"li\",\"n\":1}", false);
        assertNull(zhou.poll(NOTHING), "zhou receives nothing of li's");
        assertTrue(zhou.isConnected());
        li.reconnect();
        assertEquals("{\"for\":\"li\",\"n\":1}", li.next(topics.official("li"), WAIT).text(),
                "li's session kept the alert queued while he was off");
        assertEquals(0, li.connectionsLost(), "nobody pushed li off");
        assertEquals(0, zhou.connectionsLost(), "and li did not push zhou off: they are two sessions");
    }

    @Test
    void anonymousReadLetsWatchersReadAlertsButNotTheOfficialsTopics() throws Exception {
        start(config(MqttConfig.ANONYMOUS_READ));
        TestSubscriber anon = keep(TestSubscriber.subscribe(mosquitto.url(), prefix + "/#"));
        server.publish(topics.official("li"), "{\"for\":\"li\"}", false);
        server.publish(topics.alert("pit", "cam-1"), "{\"for\":\"everyone\"}", false);
        TestSubscriber.Received r = anon.poll(WAIT);
        assertEquals(topics.alert("pit", "cam-1"), r.topic(), "the alert, and nothing of li's before it");
        anon.tryPublish(topics.ack("a1", "li"), ack("li"), NOTHING);
        assertNull(server.poll(NOTHING), "an anonymous ack never reaches the server");
        officialsStayInTheirLane();
    }

    /** li reads only his own topic, never all alerts, and acks only on his own ack topic. */
    private void officialsStayInTheirLane() throws Exception {
        TestSubscriber li = phone("li", "li-" + prefix, topics.official("li"));
        trySubscribe(li, topics.official("wang"));
        trySubscribe(li, prefix + "/alerts/#");
        trySubscribe(li, prefix + "/#");
        server.publish(topics.official("wang"), "{\"for\":\"wang\"}", false);
        server.publish(topics.alert("pit", "cam-1"), "{\"for\":\"command\"}", false);
        server.publish(topics.official("li"), "{\"for\":\"li\"}", false);
        assertEquals(topics.official("li"), li.next(topics.official("li"), WAIT).topic());
        TestSubscriber.Received extra = li.poll(NOTHING);
        assertNull(extra, "li receives nothing of wang's or the command centre's: " + extra);

        // On wang's ack topic the publish is dropped; on his own it arrives (in order after the first).
        li.publish(topics.ack("a1", "wang"), ack("wang"), false);
        li.publish(topics.ack("a1", "li"), ack("li"), false);
        TestSubscriber.Received got = server.poll(WAIT);
        assertEquals(topics.ack("a1", "li"), got.topic(), "li's ack on wang's topic was dropped");
        li.close();
    }
}
