package io.minewatch.alerts.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.testkit.OwnMosquitto;
import io.minewatch.alerts.testing.TestSubscriber;
import io.minewatch.testkit.PayloadSchemas;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.config.DatabaseConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of the server while it raises alerts, then a restart on the same database: every alert the
 * server committed reaches the subscriber (a real Mosquitto of the test's own), in order; a duplicate
 * carries the same msg_id and the same content. The broker is stopped before the kill, so that the
 * killed server surely leaves alerts undelivered that only the restarted one can send. Runs on SQLite
 * and on PostgreSQL (a fresh schema that both server processes share, dropped after).
 */
class OutboxCrashTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void killNineThenRestartLosesNoAlert(String kind) throws Exception {
        DatabaseConfig db = Databases.of(kind, dir);
        database = db.postgres() ? db.schema() : Databases.SQLITE;
        try {
            killNineThenRestart();
        } finally {
            Databases.drop(db);
        }
    }

    private void killNineThenRestart() throws Exception {
        String prefix = Brokers.randomPrefix();
        List<Integer> raised = new ArrayList<>();
        Path brokerDir = java.nio.file.Files.createDirectories(dir.resolve("broker"));
        try (OwnMosquitto broker = OwnMosquitto.start(brokerDir);
                TestSubscriber sub = TestSubscriber.persistent(broker.url(), "cc-" + prefix, null, null,
                        prefix + "/alerts/pit/+")) {
            url = broker.url();
            Process first = child(prefix, 0, 1000);
            BlockingQueue<String> lines = lines(first);
            int whileDown = 0;
            while (raised.size() < 30 || whileDown < 10) {
                if (raised.size() == 20 && whileDown == 0) {
                    broker.stop();
                }
                String line = lines.poll(30, TimeUnit.SECONDS);
                assertTrue(line != null, "child stopped answering");
                if (line.startsWith("RAISED ")) {
                    raised.add(Integer.parseInt(line.substring(7)));
                    whileDown += raised.size() > 20 ? 1 : 0;
                }
            }
            first.destroyForcibly(); // SIGKILL on Linux
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            // Lines the child printed before it died count too: their rows were committed.
            for (String line; (line = lines.poll()) != null; ) {
                if (line.startsWith("RAISED ")) {
                    raised.add(Integer.parseInt(line.substring(7)));
                }
            }

            broker.startProcess();
            Process second = child(prefix, 1000, 5);
            BlockingQueue<String> lines2 = lines(second);
            String line;
            while ((line = lines2.poll(60, TimeUnit.SECONDS)) != null && !line.equals("DONE")) {
                if (line.startsWith("RAISED ")) {
                    raised.add(Integer.parseInt(line.substring(7)));
                }
            }
            assertEquals("DONE", line, "restarted server delivered its outbox");
            second.waitFor(20, TimeUnit.SECONDS);

            Map<String, String> byMsgId = new HashMap<>();
            Map<Integer, String> firstSeen = new LinkedHashMap<>();
            TestSubscriber.Received r;
            while ((r = sub.poll(Duration.ofSeconds(2))) != null) {
                JsonNode a = PayloadSchemas.validate(r.payload());
                String previous = byMsgId.putIfAbsent(a.get("msg_id").asText(), r.text());
                assertTrue(previous == null || previous.equals(r.text()), "a duplicate differs: " + r.text());
                if (a.get("event").asText().equals("new")) {
                    firstSeen.putIfAbsent(a.get("object_id").asInt(), a.get("msg_id").asText());
                }
            }
            for (int n : raised) {
                assertTrue(firstSeen.containsKey(n), "alert " + n + " was committed but never arrived; got "
                        + firstSeen.keySet());
            }
            List<Integer> order = new ArrayList<>(firstSeen.keySet());
            List<Integer> sorted = new ArrayList<>(order);
            sorted.sort(Integer::compare);
            assertEquals(sorted, order, "alerts arrive in the order they were raised");
        }
    }

    private String url;
    private String database;

    private Process child(String prefix, int from, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString(), url, prefix,
                Integer.toString(from), Integer.toString(count), database)
                .redirectErrorStream(true).start();
    }

    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    q.add(line.strip());
                }
            } catch (java.io.IOException e) {
                // The child died: the stream ends.
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
        return q;
    }
}
