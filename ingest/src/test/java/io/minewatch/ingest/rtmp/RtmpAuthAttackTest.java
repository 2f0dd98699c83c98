package io.minewatch.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtmpConfig;
import io.minewatch.ingest.push.PushLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Guessing an RTMP publish password over real sockets: each wrong guess closes its connection, and
 * guesses from one address are answered only after a delay that doubles with each failure (the RTSP
 * push server's throttle), one after another even when sent on parallel connections; the right
 * password still gets in afterwards; the answer never echoes the password.
 */
class RtmpAuthAttackTest {
    /** The default limits with delays shortened so the test runs in seconds. */
    private static final PushLimits FAST = new PushLimits(3, Duration.ofSeconds(60), Duration.ofMillis(50),
            Duration.ofMillis(400), Duration.ofMinutes(10), Duration.ofSeconds(3));

    @Test
    void guessesAreSlowedPerAddressAcrossConnections() throws Exception {
        try (RtmpServer server = new RtmpServer(new RtmpConfig("127.0.0.1", 0, "drone", "pa55-word"),
                new SimpleMeterRegistry(), FAST)) {
            server.add("drone-1", IngestSettings.DEFAULTS, e -> { });
            server.start();
            long start = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                try (RawRtmpClient c = new RawRtmpClient(server.port(), 5_000)) {
                    String answer = c.publish("drone-1?user=drone&pass=guess-" + i);
                    assertTrue(answer.startsWith("NetStream.Publish.Unauthorized: wrong or missing credentials"), answer);
                    assertTrue(!answer.contains("guess-"), "the answer echoes the guess: " + answer);
                    assertEquals("closed", c.publish("drone-1?user=drone&pass=pa55-word"),
                            "a second try on a refused connection");
                }
            }
            long sequential = (System.nanoTime() - start) / 1_000_000;
            // 0 + 50 + 100 + 200 + 400 + 400 ms of delays at least.
            assertTrue(sequential >= 1_100, "6 guesses answered in " + sequential + " ms");

            // Four at once on parallel connections: answered one after another, each 400 ms later.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                long t0 = System.nanoTime();
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int k = i;
                    answers.add(pool.submit(() -> {
                        try (RawRtmpClient c = new RawRtmpClient(server.port(), 10_000)) {
                            return c.publish("drone-1?user=drone&pass=parallel-" + k);
                        }
                    }));
                }
                for (Future<String> a : answers) {
                    String s = a.get();
                    assertTrue(s.startsWith("NetStream.Publish.Unauthorized") || s.equals("closed"), s);
                }
                long parallel = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(parallel >= 1_500, "4 parallel guesses answered in " + parallel + " ms");
            } finally {
                pool.shutdownNow();
            }
            try (RawRtmpClient c = new RawRtmpClient(server.port(), 5_000)) {
                assertEquals("NetStream.Publish.Start: publishing camera drone-1", c.publish("drone-1?user=drone&pass=pa55-word"));
            }
            double refused = server.metrics().count("ingest.rtmp.auth.refused", "wrong_credentials")
                    + server.metrics().count("ingest.rtmp.closed", "throttled");
            assertEquals(10.0, refused);
        }
    }
}
