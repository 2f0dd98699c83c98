package io.minewatch.alerts.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.alerts.AlertMetrics;
import io.minewatch.alerts.clips.ClipFile;
import io.minewatch.alerts.clips.ClipSidecar;
import io.minewatch.alerts.store.Database;
import io.minewatch.alerts.testing.Databases;
import io.minewatch.detect.event.TrackPoint;
import io.minewatch.detect.infer.Box;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-alert bound (points past it cut, counted in the store and the metric, the answer says
 * truncated) and the mapping of capture time to the clip's time, on SQLite and PostgreSQL.
 */
class TrackBookTest {
    @TempDir
    Path dir;

    private static TrackPoint point(long objectId, Instant t, float x) {
        return new TrackPoint("cam-a", objectId, t, 12.5, "truck", 0.8f, new Box(x, 36, x + 64, 108), 640, 360);
    }

    /** Same connection as the clip's first key frame: RTP time decides, whatever the capture clock said. */
    @Test
    void rtpTimeMapsExactlyWithinTheClipsConnection() {
        try (Database db = Database.open(Databases.sqlite(dir))) {
            TrackStore store = new TrackStore(db);
            TrackBook book = new TrackBook(store, new SimpleMeterRegistry());
            Instant t0 = Instant.parse("2026-11-30T08:00:00Z");
            Box box = new Box(0, 0, 64, 36);
            book.add("a1", new TrackPoint("cam-a", 3, t0, 5.0, "truck", 0.9f, box, 640, 360, 7_250_000, 2));
            book.add("a1", new TrackPoint("cam-a", 3, t0.plusMillis(200), 5.2, "truck", 0.9f, box, 640, 360, 300_000, 3));
            book.ended("a1");
            long wallStart = t0.toEpochMilli() * 1000 - 1_014_000; // capture clock: 1.014 s before the first point
            ClipFile clip = new ClipFile("a1", "cam-a", dir.resolve("a1.mp4"), "clips/a1.mp4", 0, Instant.now(),
                    new ClipSidecar(List.of("a1"), ClipSidecar.COMPLETE, "", "", 0, "", wallStart, 6_250_000, 2));
            JsonNode points = new AlertTracks(store, id -> Optional.of(clip)).track("a1", null).get("points");
            assertEquals(1.0, points.get(0).get("offset_s").asDouble(), 1e-9, "RTP time of the same connection");
            assertEquals(1.214, points.get(1).get("offset_s").asDouble(), 1e-9, "another connection: the capture clock");
        }
    }

    @Test
    void sqlite() {
        boundAndOffsets(Databases.SQLITE);
    }

    @Test
    void postgres() {
        boundAndOffsets(Databases.POSTGRES);
    }

    private void boundAndOffsets(String kind) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        io.minewatch.config.DatabaseConfig config = Databases.of(kind, dir);
        try (Database db = Database.open(config)) {
            TrackStore store = new TrackStore(db);
            TrackBook book = new TrackBook(store, registry, 3);
            Instant t0 = Instant.parse("2026-11-30T08:00:00.123456Z");
            String alert = "alert-" + System.nanoTime();
            for (int i = 0; i < 5; i++) {
                book.add(alert, point(7, t0.plusMillis(200L * i), 64 * i));
            }
            book.flush();
            book.add(alert, point(7, t0.plusMillis(2000), 0));
            book.ended(alert);
            assertEquals(0, book.open());

            long clipStartUs = t0.getEpochSecond() * 1_000_000L + t0.getNano() / 1000 - 1_500_000;
            ClipFile clip = new ClipFile(alert, "cam-a", dir.resolve("x.mp4"), "clips/x.mp4", 0, Instant.now(),
                    new ClipSidecar(List.of(alert), ClipSidecar.COMPLETE, "", "", 0, "", clipStartUs, -1, -1));
            JsonNode answer = new AlertTracks(store, id -> Optional.of(clip)).track(alert, null);
            assertEquals(3, answer.get("points").size(), answer.toString());
            assertEquals(3, answer.get("cut").asInt());
            assertTrue(answer.get("truncated").asBoolean());
            assertEquals("[640,360]", answer.get("frame").toString());
            for (int i = 0; i < 3; i++) {
                JsonNode p = answer.get("points").get(i);
                assertEquals(1.5 + 0.2 * i, p.get("offset_s").asDouble(), 1e-9, p.toString());
                assertEquals(t0.plusMillis(200L * i).toString(), p.get("t").asText());
                assertEquals(0.1 * i, p.get("box_norm").get(0).asDouble(), 1e-4);
                assertEquals(0.1, p.get("box_norm").get(1).asDouble(), 1e-4);
                assertEquals(7, p.get("object_id").asLong());
            }
            assertEquals(3.0, registry.get(AlertMetrics.TRACK_DROPPED).tag(AlertMetrics.TAG_REASON,
                    AlertMetrics.REASON_PER_ALERT_BOUND).counter().count());

            JsonNode noClip = new AlertTracks(store, id -> Optional.empty()).track(alert, null);
            assertTrue(noClip.get("points").get(0).get("offset_s").isNull(), noClip.toString());
            JsonNode none = new AlertTracks(store, id -> Optional.empty()).track("other", "cam-b");
            assertEquals(0, none.get("points").size());
            assertEquals(false, none.get("truncated").asBoolean());
        } finally {
            if (Databases.POSTGRES.equals(kind)) {
                Databases.drop(config);
            }
        }
    }
}
