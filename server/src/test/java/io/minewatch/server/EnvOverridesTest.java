package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The environment overrides change the MQTT and HTTP settings and nothing else: the demo's case loop
 * (catalogue, districts) was lost when scripts/demo moved a port, because the overrides rebuilt the
 * configuration from an older constructor.
 */
class EnvOverridesTest {
    private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    @Test
    void overridesChangeThePortsAndKeepEverythingElse() throws Exception {
        MinewatchConfig loaded = ConfigLoader.load(SCRIPTS.resolve("demo.yaml"), Map.of());
        MinewatchConfig moved = EnvOverrides.apply(loaded,
                Map.of("MINEWATCH_HTTP_PORT", "18181", "MINEWATCH_MQTT_PORT", "18383"));
        assertEquals(18181, moved.http().port());
        assertEquals(18383, moved.mqtt().embeddedPort());
        assertEquals(loaded.cases(), moved.cases());
        assertEquals(loaded.withMqtt(moved.mqtt()).withHttp(moved.http()), moved);
    }
}
