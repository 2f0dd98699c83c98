package io.minewatch.alerts.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.escalation.CaseStore;
import io.minewatch.alerts.mqtt.MqttConnection;
import io.minewatch.alerts.outbox.Outbox;
import io.minewatch.alerts.outbox.OutboxStore;
import io.minewatch.alerts.schema.Topics;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Await;
import io.minewatch.alerts.testing.Brokers;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.alerts.testing.Desks;
import io.minewatch.alerts.testing.TestSubscriber;
import io.minewatch.config.DatabaseConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.testkit.PayloadSchemas;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.lifecycle.Step;
import io.minewatch.alerts.track.TrackStore;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.detect.event.TrackPoint;
import io.minewatch.detect.infer.Box;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Track points through the real desk (real Mosquitto, SQLite): with the desk's thread held up, the
 * camera's hand-off never waits — {@value AlertDispatcher#MAX_TRACKS_WAITING} frames wait, the rest are
 * dropped and counted ({@code desk_busy}); once the desk runs again the waiting points land in the
 * alert's track, written on its tick; a point of an object the alert does not hold is not kept.
 */
class DeskTrackTest {
    @TempDir
    Path dir;

    private final String prefix = Brokers.randomPrefix();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theHandOffNeverWaitsAndDropsAreCounted() throws Exception {
        Brokers.requireMosquitto();
        MinewatchConfig config = Desks.config(prefix, dir, Databases.sqlite(dir), 60, 1883);
        try (Database database = Database.open(config.database());
             MqttConnection conn = new MqttConnection(Brokers.MOSQUITTO_URL, "server-" + prefix, null, null, prefix,
                     Clock.systemUTC());
             Outbox outbox = new Outbox(new OutboxStore(database), conn, registry, Clock.systemUTC());
             AlertDispatcher desk = new AlertDispatcher(config.alerts(), config.sites(), config.mqtt().topicPrefix(),
                     outbox, registry, Clock.systemUTC(), dir)) {
            conn.start();
            outbox.start();
            desk.start();
            CountDownLatch gate = new CountDownLatch(1);
            CompletableFuture<String> raised = new CompletableFuture<>();
            desk.onLifecycle((step, camera) -> {
                if (Step.NEW.equals(step.kind())) {
                    raised.complete(step.alert().id());
                    try {
                        gate.await(30, TimeUnit.SECONDS); // the desk's thread, held up
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            Instant t0 = Instant.now();
            desk.onEvent(Desks.event("heavy_vehicle", 1, t0, 0.8f));
            String id = raised.get(10, TimeUnit.SECONDS);

            int frames = AlertDispatcher.MAX_TRACKS_WAITING + 176;
            long slowest = 0;
            for (int i = 0; i < frames; i++) {
                long start = System.nanoTime();
                desk.onTrack(List.of(point(1, t0.plusMillis(200L * i))));
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            System.out.println("desk held up: " + frames + " hand-offs, slowest " + slowest / 1000 + " us");
            assertEquals(176.0, registry.get(AlertMetrics.TRACK_DROPPED).tag(AlertMetrics.TAG_REASON,
                    AlertMetrics.REASON_DESK_BUSY).tag(AlertMetrics.TAG_CAMERA, "cam-1").counter().count());
            gate.countDown();
            desk.onTrack(List.of(point(99, t0.plusMillis(100))));
            desk.awaitIdle(10_000);

            TrackStore store = new TrackStore(database);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Optional<TrackStore.Stored> stored = store.read(id);
            while ((stored.isEmpty() || stored.get().points().size() < AlertDispatcher.MAX_TRACKS_WAITING)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
                stored = store.read(id);
            }
            assertTrue(stored.isPresent(), "no track stored");
            assertEquals(AlertDispatcher.MAX_TRACKS_WAITING, stored.get().points().size());
            assertEquals(0, stored.get().summary().cut());
            assertTrue(stored.get().points().stream().allMatch(p -> p.objectId() == 1), "only the alert's object");
            assertEquals(t0.truncatedTo(java.time.temporal.ChronoUnit.MICROS), stored.get().points().get(0).time(), "times kept to the microsecond");
        }
    }

    private static TrackPoint point(long objectId, Instant t) {
        return new TrackPoint("cam-1", objectId, t, 1.0, "truck", 0.8f, new Box(60, 100, 110, 200), 640, 360);
    }
}
