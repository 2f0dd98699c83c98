package io.minewatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * Free TCP ports and unique MQTT topic prefixes, so that tests running beside other tests on the same
 * machine and broker never collide.
 */
public final class FreePorts {
    private FreePorts() {
    }

    /** A TCP port free at the time of asking (nothing listens on it: also a "closed port" for tests). */
    public static int freePort() {
        return freePorts(1)[0];
    }

    /** {@code n} TCP ports free at the time of asking, different from each other (all held while asked). */
    public static int[] freePorts(int n) {
        ServerSocket[] held = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                held[i] = new ServerSocket(0);
                ports[i] = held[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket s : held) {
                closeQuietly(s);
            }
        }
    }

    /** A topic prefix of this test's own ({@code mwtest-xxxxxxxx/v1}). */
    public static String topicPrefix() {
        return "mwtest-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    }

    private static void closeQuietly(ServerSocket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the port is handed out either way
            }
        }
    }
}
