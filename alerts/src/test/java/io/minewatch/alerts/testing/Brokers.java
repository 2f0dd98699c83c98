package io.minewatch.alerts.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

/** Where the test brokers are, and per-test topic prefixes that keep tests from seeing each other. */
public final class Brokers {

    /** The Mosquitto that CI starts (anonymous). */
    public static final String MOSQUITTO_URL = "tcp://127.0.0.1:1883";

    private Brokers() {
    }

    /** Fails (never skips) when Mosquitto is not listening on 127.0.0.1:1883. */
    public static void requireMosquitto() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 2000);
        } catch (IOException e) {
            fail("Mosquitto is not reachable at 127.0.0.1:1883 (" + e + "). CI starts it; locally run "
                    + "'mosquitto -d' (anonymous access on 127.0.0.1:1883) before these tests.");
        }
    }

    /** A topic prefix no other test uses: {@code minewatch-test-<random>}. */
    public static String randomPrefix() {
        return "minewatch-test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
