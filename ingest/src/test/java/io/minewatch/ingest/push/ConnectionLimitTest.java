package io.minewatch.ingest.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtspServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One host opening sockets without end (issue 10, limits): past 16 connections from one address the
 * push server closes new ones at once; a slot frees when a connection closes.
 */
class ConnectionLimitTest {

    @Test
    void oneAddressGetsSixteenConnections() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RtspPushServer server = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, "gw", "pw"), registry)) {
            server.add("drone-1", IngestSettings.DEFAULTS, e -> { });
            server.start();
            List<RawRtspClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < ConnectionLimiter.PER_ADDRESS; i++) {
                    RawRtspClient c = new RawRtspClient(server.port(), 5_000);
                    held.add(c);
                    assertEquals(200, c.request("OPTIONS", c.url("drone-1"), null, null, null).status(), "connection " + i);
                }
                try (RawRtspClient extra = new RawRtspClient(server.port(), 5_000)) {
                    assertTrue(extra.closedByServer(), "a 17th connection from one address was kept open");
                }
                assertEquals(1, registry.counter("ingest.push.closed", "reason", "too_many_connections").count());
                held.remove(0).close();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (server.limiter().open() >= ConnectionLimiter.PER_ADDRESS && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                try (RawRtspClient again = new RawRtspClient(server.port(), 5_000)) {
                    assertEquals(200, again.request("OPTIONS", again.url("drone-1"), null, null, null).status(),
                            "the freed slot was not given back");
                }
            } finally {
                for (RawRtspClient c : held) {
                    c.close();
                }
            }
        }
    }
}
