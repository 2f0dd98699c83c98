package io.minewatch.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto process of the test's own, on a free port, with persistence in a test folder, so that a
 * test can stop and restart it without disturbing other tests that use the shared one on 1883.
 */
public final class OwnMosquitto implements AutoCloseable {

    public static final String BINARY = "/usr/sbin/mosquitto";

    private final Path dir;
    private final int port;
    private Process process;

    private OwnMosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts one on a free port; fails (never skips) when Mosquitto is not installed. */
    public static OwnMosquitto start(Path dir) throws Exception {
        return start(dir, "allow_anonymous true\n");
    }

    /** Starts one with these extra configuration lines (e.g. password and ACL files). */
    public static OwnMosquitto start(Path dir, String extra) throws Exception {
        if (!Files.isExecutable(Path.of(BINARY))) {
            fail("Mosquitto is not installed at " + BINARY + " (scripts/test installs it: apt-get install mosquitto)");
        }
        int port = FreePorts.freePort();
        OwnMosquitto m = new OwnMosquitto(dir, port);
        Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\n"
                + extra
                // Started as root, Mosquitto drops to user "mosquitto", which cannot write the test's folder.
                + "user " + System.getProperty("user.name") + "\npersistence true\npersistence_location " + dir + "/\n"
                + "autosave_interval 1\nlog_dest file " + dir.resolve("broker.log") + "\nlog_type all\n");
        m.startProcess();
        return m;
    }

    /** Starts the process again on the same port with the same persistence. */
    public void startProcess() throws Exception {
        process = new ProcessBuilder(BINARY, "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        fail("own Mosquitto did not start on port " + port + ": " + Files.readString(dir.resolve("mosquitto.log")));
    }

    /** Stops the process (SIGTERM: it saves its sessions) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The broker's log so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("broker.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
