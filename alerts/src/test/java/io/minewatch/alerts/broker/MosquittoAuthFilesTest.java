package io.minewatch.alerts.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.schema.Topics;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.Desks;
import io.minewatch.alerts.testing.OwnMosquitto;
import io.minewatch.alerts.testing.TestSubscriber;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password and ACL files for an external Mosquitto, checked on a real one. */
class MosquittoAuthFilesTest {

    @TempDir
    Path dir;

    @Test
    void mosquittoWithTheGeneratedFilesKeepsOfficialsToTheirOwnTopics() throws Exception {
        String prefix = "mw-auth-" + UUID.randomUUID().toString().substring(0, 8);
        MinewatchConfig base = Desks.config(prefix, dir, Databases.sqlite(dir), 600, 0);
        MqttConfig m = base.mqtt();
        MinewatchConfig config = new MinewatchConfig(base.sites(), base.cameras(), base.officials(),
                new MqttConfig("tcp://127.0.0.1:1", "server", "server-secret", m.clientId(), prefix, m.embeddedHost(),
                        m.embeddedPort(), MqttConfig.ANONYMOUS_OFF), base.storage(), base.http(), base.database(),
                base.alerts());
        String acl = MosquittoAuthFiles.acl(config);
        assertTrue(acl.contains("user li\ntopic read " + prefix + "/officials/li/#\ntopic write " + prefix
                + "/alerts/+/ack\n"), acl);
        assertTrue(acl.contains("user cc\ntopic read " + prefix + "/#\n"), acl);
        assertTrue(MosquittoAuthFiles.passwords(config).contains("server:server-secret"));

        Path broker = Files.createDirectories(dir.resolve("broker"));
        Files.write(broker.resolve("passwd"), MosquittoAuthFiles.passwords(config));
        Process hash = new ProcessBuilder("mosquitto_passwd", "-U", broker.resolve("passwd").toString())
                .redirectErrorStream(true).start();
        assertEquals(0, hash.waitFor(), new String(hash.getInputStream().readAllBytes()));
        assertTrue(!Files.readString(broker.resolve("passwd")).contains("li-secret"), "hashed");
        Files.writeString(broker.resolve("acl"), acl);
        Topics topics = new Topics(prefix);
        try (OwnMosquitto mosquitto = OwnMosquitto.start(broker, "allow_anonymous false\npassword_file "
                + broker.resolve("passwd") + "\nacl_file " + broker.resolve("acl") + "\n");
                TestSubscriber server = TestSubscriber.persistent(mosquitto.url(), "server-" + prefix, "server",
                        "server-secret", null);
                TestSubscriber li = TestSubscriber.persistent(mosquitto.url(), "li-" + prefix, "li", "li-secret",
                        topics.official("li"))) {
            assertThrows(MqttException.class, () -> TestSubscriber.subscribe(mosquitto.url(), prefix + "/#"),
                    "anonymous refused");
            try {
                li.subscribe(topics.official("wang"));
                li.subscribe(prefix + "/alerts/#");
            } catch (MqttException refusedAtSubscribe) {
                // Either refused at SUBACK or granted and never delivered: checked below.
            }
            server.publish(topics.official("wang"), "{\"for\":\"wang\"}", false);
            server.publish(topics.alert("pit", "cam-1"), "{\"for\":\"command\"}", false);
            server.publish(topics.official("li"), "{\"for\":\"li\"}", false);
            TestSubscriber.Received r = li.poll(Duration.ofSeconds(5));
            assertEquals(topics.official("li"), r.topic());
            assertNull(li.poll(Duration.ofSeconds(1)), "li receives nothing of wang's or the command centre's");
        }
    }
}
