package io.minewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mqtt.embedded_ws_port}: MQTT over WebSocket on the embedded broker, off unless set. */
class MqttWebSocketConfigTest {
    @TempDir
    Path dir;

    @Test
    void offByDefaultAndOnWhenSet() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        assertEquals(0, f.load("").mqtt().embeddedWsPort());
        assertEquals(8083, f.load("mqtt:\n  embedded_ws_port: 8083\n").mqtt().embeddedWsPort());
    }

    @Test
    void aBadPortIsAnErrorNamingTheKey() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String bad = f.error("mqtt:\n  embedded_ws_port: 70000\n");
        assertTrue(bad.contains("mqtt.embedded_ws_port") && bad.contains("70000"), bad);
        String same = f.error("mqtt:\n  embedded_port: 1883\n  embedded_ws_port: 1883\n");
        assertTrue(same.contains("mqtt.embedded_ws_port") && same.contains("must differ from embedded_port"), same);
    }
}
