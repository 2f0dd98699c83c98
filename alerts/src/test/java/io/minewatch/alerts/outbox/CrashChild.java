package io.minewatch.alerts.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.dispatch.AlertDispatcher;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.Desks;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A minimal alerts server in its own JVM, for {@link OutboxCrashTest}: raises one alert (a detection on
 * camera {@code cam-<n>}) every 50 ms from n = args[3] for args[4] alerts, and prints {@code RAISED n}
 * once the alert is committed. The test kills it with SIGKILL part-way. args[5] is the database:
 * {@code sqlite} (a file in args[0]) or the name of a PostgreSQL schema.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Path dir = Path.of(args[0]);
        String broker = args[1];
        String prefix = args[2];
        int from = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        DatabaseConfig db = args[5].equals(Databases.SQLITE) ? Databases.sqlite(dir) : Databases.postgres(args[5]);
        MinewatchConfig config = Desks.config(prefix, dir, db, 600, 1883);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Database database = Database.open(db);
                MqttConnection conn = new MqttConnection(broker, "crash-server-" + prefix, null, null, prefix,
                        Clock.systemUTC());
                Outbox outbox = new Outbox(new OutboxStore(database), conn, registry, Clock.systemUTC());
                AlertDispatcher desk = new AlertDispatcher(config.alerts(), config.sites(), config.mqtt().topicPrefix(), outbox,
                registry, Clock.systemUTC(), dir)) {
            conn.start();
            outbox.start();
            desk.start();
            out.println("STARTED");
            for (int n = from; n < from + count; n++) {
                desk.onEvent(new DetectionEvent("heavy_vehicle", "cam-" + n, "pit", n, Instant.now(), n,
                        "heavy_vehicle", "truck", 0.8f, new Box(10, 10, 100, 100), 640, 360, null));
                desk.awaitIdle(10_000);
                out.println("RAISED " + n);
                Thread.sleep(50);
            }
            while (outbox.store().pendingCount() > 0) {
                Thread.sleep(100);
            }
            out.println("DONE");
        }
    }
}
