package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.testkit.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks the launcher the way an operator's mistake would: secrets in the database URL, the broker URL
 * and a camera URL, from the environment or the file, with the peer unreachable so that start-up fails
 * or keeps retrying. The real {@link Main} runs in a child JVM with its real logback.xml; everything it
 * writes (the one-line start-up error and every log line, stdout and stderr) must be free of every secret.
 *
 * <p>Regression (issue 10): {@code database.url: jdbc:postgresql://127.0.0.1:1/x?password=${PGPW}}
 * printed the password in "minewatch: cannot start: cannot migrate database jdbc:...?password=...: ...",
 * because {@code Redact} masked only {@code user:pass@}; and a camera URL's {@code ?token=} was printed in
 * every reconnect warning.
 */
class StartupSecretsTest {
    @TempDir
    Path dir;

    /** A site, storage in the test folder, any free HTTP port, the embedded broker on a free port. */
    private static String site() throws IOException {
        return """
            sites:
              - id: river
                lat: 30.5
                lon: 114.3
            storage:
              dir: data
            http:
              port: 0
            mqtt:
              embedded_port: %d
            """.formatted(FreePorts.freePort());
    }

    /** A secret no log line could hold by chance. */
    private static String secret(String tag) {
        return tag + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://127.0.0.1:1/x?password=${PGPW}",
            "jdbc:postgresql://127.0.0.1:1/x?user=u&password=${PGPW}&ssl=false",
            "jdbc:postgresql://127.0.0.1:1/x?sslpassword=${PGPW}",
            "jdbc:postgresql://127.0.0.1:1/x;password=${PGPW}",
            "jdbc:postgresql://u:${PGPW}@127.0.0.1:1/x"})
    void unreachableDatabaseNeverShowsThePassword(String url) throws Exception {
        String pgpw = secret("pg");
        String filePassword = secret("file");
        Result r = run(site() + """
                database:
                  url: "%s"
                  username: minewatch
                  password: "%s"
                """.formatted(url, filePassword), Map.of("PGPW", pgpw));
        assertEquals(Main.EXIT_START, r.status, r.output);
        String line = r.line("minewatch: cannot start: ");
        assertTrue(line.contains("127.0.0.1:1") && line.contains("****"),
                "the error names the database, its password masked: " + line);
        r.assertHides(pgpw, filePassword);
    }

    /** A password in the broker URL is refused by the loader without being echoed. */
    @Test
    void brokerUrlWithCredentialsInTheFile() throws Exception {
        String mqpw = secret("mq");
        Result r = run(site().replaceAll("mqtt:\n  embedded_port: \\d+\n", "") + """
                mqtt:
                  url: "tcp://server:${MQPW}@127.0.0.1:1"
                """, Map.of("MQPW", mqpw));
        assertEquals(Main.EXIT_CONFIG, r.status, r.output);
        assertTrue(r.line("minewatch: ").contains("mqtt.url"), r.output);
        r.assertHides(mqpw);
    }

    /** MINEWATCH_MQTT_URL and _PASSWORD override the file; the broker is unreachable: start-up fails. */
    @Test
    void unreachableBrokerFromTheEnvironment() throws Exception {
        String urlPw = secret("url");
        String mqpw = secret("mq");
        Result r = run(site(), Map.of("MINEWATCH_MQTT_URL", "tcp://server:" + urlPw + "@127.0.0.1:" + FreePorts.freePort(),
                "MINEWATCH_MQTT_USERNAME", "server", "MINEWATCH_MQTT_PASSWORD", mqpw));
        assertEquals(Main.EXIT_START, r.status, r.output);
        String line = r.line("minewatch: cannot start: ");
        assertTrue(line.contains("tcp://server:****@127.0.0.1:"), line);
        r.assertHides(urlPw, mqpw);
    }

    /**
     * A running server with an RTSP camera that cannot be reached (its URL holds a password), an official's
     * secret, the push server's password and the database password: the reconnect warnings, the start-up
     * lines and the shutdown lines hold none of them.
     */
    @Test
    void runningServerLogsNoSecret() throws Exception {
        String campw = secret("cam");
        String offpw = secret("off");
        String pushpw = secret("push");
        String camQuery = secret("tok");
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, site() + """
                cameras:
                  - id: cam-1
                    site: river
                    detect: "rtsp://admin:${CAMPW}@127.0.0.1:%d/stream?token=%s"
                officials:
                  - id: li
                    township: Xinhe
                    secret: "${OFFPW}"
                rtsp_server:
                  host: 127.0.0.1
                  port: 0
                  username: pusher
                  password: "%s"
                """.formatted(FreePorts.freePort(), camQuery, pushpw));
        Path log = dir.resolve("server.log");
        Process p = start(config, Map.of("CAMPW", campw, "OFFPW", offpw), log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String out = "";
            while (System.nanoTime() < deadline && p.isAlive()) {
                out = Files.readString(log, StandardCharsets.UTF_8);
                if (out.contains("camera cam-1:") && out.contains("reconnecting")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertTrue(out.contains("camera cam-1:") && out.contains("reconnecting"),
                    "no reconnect warning of the camera:\n" + out);
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "server did not stop on SIGTERM");
        }
        Result r = new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        assertTrue(r.output.contains("stopped"), r.output);
        r.assertHides(campw, offpw, pushpw, camQuery);
    }

    private Result run(String yaml, Map<String, String> env) throws Exception {
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, yaml);
        Path log = dir.resolve("out-" + UUID.randomUUID() + ".log");
        Process p = start(config, env, log);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not exit");
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Process start(Path config, Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config", config.toString(), "--model", MODEL.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** What the launcher wrote, stdout and stderr together. */
    private record Result(int status, String output) {
        String line(String prefix) {
            List<String> lines = output.lines().filter(l -> l.startsWith(prefix)).toList();
            assertEquals(1, lines.size(), "one line starting with '" + prefix + "' expected:\n" + output);
            return lines.get(0);
        }

        void assertHides(String... secrets) {
            for (String s : secrets) {
                assertFalse(output.contains(s), "secret " + s + " leaked:\n" + output);
            }
        }
    }
}
