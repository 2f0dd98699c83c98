package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.MqttConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** scripts/demo.yaml stays loadable, and lets mosquitto_sub watch without credentials. */
class DemoConfigTest {

    @Test
    void demoConfigLoads() throws Exception {
        String shared = System.getProperty("minewatch.shared");
        Path demo = Path.of(System.getProperty("user.dir")).resolve("../scripts/demo.yaml").normalize();
        MinewatchConfig c = ConfigLoader.load(demo, Map.of("MINEWATCH_SHARED", shared));
        assertEquals(MqttConfig.ANONYMOUS_READ, c.mqtt().anonymous());
        assertTrue(c.official("li-wei").secret() != null);
        assertEquals("tough", c.alerts().level("heavy_vehicle"));
        // One user per role besides the officials, passwords overridable from the environment.
        assertEquals(java.util.List.of("admin:admin:demo-admin", "analyst:analyst:demo-analyst"), c.users().stream()
                .map(u -> u.id() + ":" + u.role() + ":" + u.password()).toList());
    }
}
