package io.minewatch.ingest.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtspServerConfig;
import io.minewatch.ingest.push.RawRtspClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the push server's Digest authentication, over real sockets (issue 10: 3,000 guesses on
 * one connection and one nonce took 0.8 s, the nonce lived as long as the connection, and the {@code uri}
 * and {@code realm} of the answer were not checked against the request).
 */
class PushAuthAttackTest {
    private static final String USER = "gateway";
    private static final String PASSWORD = "pa55-word";
    /** The default limits, with delays and the nonce lifetime shortened so the test runs in seconds. */
    private static final PushLimits FAST = new PushLimits(3, Duration.ofSeconds(1), Duration.ofMillis(100),
            Duration.ofMillis(800), Duration.ofMinutes(10), Duration.ofSeconds(3));

    private static RtspPushServer server(SimpleMeterRegistry registry) throws InterruptedException {
        RtspPushServer s = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, USER, PASSWORD), registry, FAST);
        s.add("drone-1", IngestSettings.DEFAULTS, e -> { });
        s.start();
        return s;
    }

    private static String guess(RawRtspClient c, String nonce, int i) {
        String uri = c.url("drone-1");
        return RawRtspClient.digest(USER, "minewatch", "guess-" + i, "ANNOUNCE", uri, nonce, uri);
    }

    @Test
    void guessingIsSlowedPerAddressAndCutOffPerConnection() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RtspPushServer server = server(registry)) {
            long start = System.nanoTime();
            // Three wrong guesses on one connection, each with the fresh nonce of the previous 401:
            // the third is the last; the server then closes the connection.
            try (RawRtspClient c = new RawRtspClient(server.port(), 5_000)) {
                Answer a = c.request("ANNOUNCE", c.url("drone-1"), null, null, RawRtspClient.SDP);
                for (int i = 0; i < 3; i++) {
                    String nonce = a.nonce();
                    a = c.request("ANNOUNCE", c.url("drone-1"), guess(c, nonce, i), null, RawRtspClient.SDP);
                    assertEquals(401, a.status());
                    assertNotEquals(nonce, a.nonce(), "a refused nonce was offered again");
                }
                assertTrue(c.closedByServer(), "connection still open after 3 failed attempts");
            }
            // Seven more, each on a fresh connection (the per-connection cut-off does not reset the address).
            for (int i = 0; i < 7; i++) {
                try (RawRtspClient c = new RawRtspClient(server.port(), 5_000)) {
                    String nonce = c.request("ANNOUNCE", c.url("drone-1"), null, null, RawRtspClient.SDP).nonce();
                    assertEquals(401, c.request("ANNOUNCE", c.url("drone-1"), guess(c, nonce, 10 + i), null,
                            RawRtspClient.SDP).status());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Delays before the answers to guesses 1..10: 0, 0.1, 0.2, 0.4, then 0.8 s each = 5.5 s.
            // The old server answered ten guesses on one connection in 0.58 s, 3,000 in 0.8 s.
            System.out.printf("10 wrong guesses took %.2f s%n", seconds);
            assertTrue(seconds >= 5.4, "10 wrong guesses took only " + seconds + " s");
            assertEquals(10, registry.counter("ingest.push.auth.refused", "reason", "wrong_credentials").count());
            assertEquals(1, registry.counter("ingest.push.auth.cut_off").count());

            // Eight guesses sent at once on eight connections: the address's answers come one after
            // another, at least the maximum delay apart, and those that would queue past four maximum
            // delays are cut off unheard, so parallel connections buy nothing.
            List<RawRtspClient> many = new ArrayList<>();
            try {
                List<String> nonces = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    RawRtspClient c = new RawRtspClient(server.port(), 15_000);
                    many.add(c);
                    nonces.add(c.request("ANNOUNCE", c.url("drone-1"), null, null, RawRtspClient.SDP).nonce());
                }
                long burst = System.nanoTime();
                for (int i = 0; i < 8; i++) {
                    many.get(i).send("ANNOUNCE", many.get(i).url("drone-1"), guess(many.get(i), nonces.get(i), 20 + i),
                            null, RawRtspClient.SDP);
                }
                int answered = 0;
                for (RawRtspClient c : many) {
                    int status = c.read().status();
                    assertTrue(status == 401 || status == -1, "status " + status);
                    answered += status == 401 ? 1 : 0;
                }
                double burstSeconds = (System.nanoTime() - burst) / 1e9;
                System.out.printf("8 parallel guesses: %d judged in %.2f s, %d cut off unheard%n", answered,
                        burstSeconds, 8 - answered);
                assertTrue(answered >= 1 && answered <= AuthThrottle.QUEUE_DELAYS, answered + " judged");
                assertTrue(burstSeconds >= 0.8 * answered - 0.1, answered + " judged in " + burstSeconds + " s");
                assertEquals(8 - answered, registry.counter("ingest.push.closed", "reason", "throttled").count());
            } finally {
                for (RawRtspClient c : many) {
                    c.close();
                }
            }

            // The right password from the same address still gets in, after the same delay.
            try (RawRtspClient c = new RawRtspClient(server.port(), 5_000)) {
                long t = System.nanoTime();
                Answer a = c.announceAndRecord("drone-1", USER, PASSWORD);
                assertEquals(200, a.status());
                assertTrue(System.nanoTime() - t >= Duration.ofMillis(750).toNanos(), "the right guess was not delayed");
            }
        }
    }

    @Test
    void realmUriAndReusedOrStaleNoncesAreRefused() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RtspPushServer server = server(registry)) {
            String captured;
            try (RawRtspClient c = new RawRtspClient(server.port(), 5_000)) {
                String uri = c.url("drone-1");
                String nonce = c.request("ANNOUNCE", uri, null, null, RawRtspClient.SDP).nonce();
                // realm: the right password, but the answer names another realm (the old server ignored it).
                String right = RawRtspClient.digest(USER, "minewatch", PASSWORD, "ANNOUNCE", uri, nonce, uri);
                Answer a = c.request("ANNOUNCE", uri, right.replace("realm=\"minewatch\"", "realm=\"elsewhere\""), null,
                        RawRtspClient.SDP);
                assertEquals(401, a.status(), "realm mismatch accepted");
                // uri: a valid answer for another camera's URI replayed onto this request.
                String other = c.url("other-camera");
                a = c.request("ANNOUNCE", uri, RawRtspClient.digest(USER, "minewatch", PASSWORD, "ANNOUNCE", other,
                        a.nonce(), other), null, RawRtspClient.SDP);
                assertEquals(401, a.status(), "uri mismatch accepted");
                // reuse: the first nonce drew a refusal, so it is dead even with the right password.
                a = c.request("ANNOUNCE", uri, right, null, RawRtspClient.SDP);
                assertEquals(401, a.status(), "a nonce that drew a refusal was accepted");
            }
            assertEquals(1, registry.counter("ingest.push.auth.refused", "reason", "realm_mismatch").count());
            assertEquals(1, registry.counter("ingest.push.auth.refused", "reason", "uri_mismatch").count());
            assertEquals(1, registry.counter("ingest.push.auth.refused", "reason", "unknown_nonce").count());

            try (RawRtspClient c = new RawRtspClient(server.port(), 5_000)) {
                String uri = c.url("drone-1");
                Answer a = c.request("ANNOUNCE", uri, null, null, RawRtspClient.SDP);
                long issued = System.nanoTime();
                String nonce = a.nonce();
                captured = RawRtspClient.digest(USER, "minewatch", PASSWORD, "ANNOUNCE", uri, nonce, uri);
                assertEquals(200, c.request("ANNOUNCE", uri, captured, null, RawRtspClient.SDP).status());
                // The nonce lives 1 s here (60 s by default): wait out its lifetime, which is the
                // condition under test, then answer correctly with it.
                while (System.nanoTime() - issued < Duration.ofMillis(1_100).toNanos()) {
                    Thread.sleep(20);
                }
                String track = uri + "/streamid=0";
                String transport = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record\r\n";
                a = c.request("SETUP", track, RawRtspClient.digest(USER, "minewatch", PASSWORD, "SETUP", track, nonce,
                        track), transport, null);
                assertEquals(401, a.status(), "an expired nonce was accepted");
                assertTrue(a.stale(), "no stale=true on an expired nonce: " + a.headers());
                a = c.request("SETUP", track, RawRtspClient.digest(USER, "minewatch", PASSWORD, "SETUP", track,
                        a.nonce(), track), transport, null);
                assertEquals(200, a.status(), "the fresh nonce was refused");
            }
            // replay: a header that worked on one connection is worthless on another.
            try (RawRtspClient c = new RawRtspClient(server.port(), 5_000)) {
                c.request("ANNOUNCE", c.url("drone-1"), null, null, RawRtspClient.SDP);
                assertEquals(401, c.request("ANNOUNCE", c.url("drone-1"), captured, null, RawRtspClient.SDP).status(),
                        "a replayed Authorization header was accepted");
            }
            assertEquals(0, registry.counter("ingest.push.errors").count());
        }
    }
}
