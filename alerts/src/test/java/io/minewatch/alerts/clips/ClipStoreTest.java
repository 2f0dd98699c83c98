package io.minewatch.alerts.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clip index: a clip is found by alert id without walking the clip tree per look-up (each walk is
 * counted), from clips made here, clips shared by overlapping alerts, and clips already on disk.
 */
class ClipStoreTest {
    private static final Instant T = Instant.parse("2026-11-30T07:00:00Z");

    @TempDir
    Path storage;

    private static Path clip(ClipStore store, String camera, String alert) throws Exception {
        Path file = store.newClip(camera, alert, T);
        Files.write(file, new byte[] {1, 2, 3});
        new ClipSidecar(List.of(alert), ClipSidecar.COMPLETE, "").write(file);
        return file;
    }

    /** Regression: every find walked the whole tree; an unknown id always did. */
    @Test
    void lookUpsDoNotWalkTheTree() throws Exception {
        ClipStore store = new ClipStore(storage);
        for (int i = 0; i < 50; i++) {
            clip(store, "cam-" + (i % 5), "a" + i);
        }
        store.find("a0");
        long walks = store.scans();
        long start = System.nanoTime();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 50; i++) {
                assertEquals("a" + i, store.find("a" + i).orElseThrow().alertId());
                assertTrue(store.find("nope-" + round + "-" + i).isEmpty());
            }
        }
        long allowed = 1 + (System.nanoTime() - start) / 1_000_000 / ClipStore.RESCAN_MILLIS;
        assertTrue(store.scans() - walks <= allowed, (store.scans() - walks) + " walks for 2000 look-ups");
    }

    @Test
    void anotherStoreOnTheSameFolderFindsExistingClipsAndJoinedAlerts() throws Exception {
        ClipStore writer = new ClipStore(storage);
        Path file = clip(writer, "cam-1", "first");
        // An overlapping alert joins the clip: the sidecar lists both (as ClipJob writes it).
        writer.join(file, "second");
        new ClipSidecar(List.of("first", "second"), ClipSidecar.COMPLETE, "").write(file);
        assertEquals(file, writer.find("second").orElseThrow().file());
        ClipStore reader = new ClipStore(storage);
        assertEquals(file, reader.find("second").orElseThrow().file());
        assertEquals(file, reader.find("first").orElseThrow().file());
        assertEquals(1, reader.scans(), "read once");
    }

    @Test
    void deletedClipsAreNotFoundAndIdsAreNeverPaths() throws Exception {
        ClipStore store = new ClipStore(storage);
        Path file = clip(store, "cam-1", "gone");
        Files.writeString(storage.resolve("secret.mp4"), "x");
        assertTrue(store.find("gone").isPresent());
        Files.delete(file);
        Files.delete(ClipSidecar.of(file));
        assertTrue(store.find("gone").isEmpty());
        for (String id : List.of("../secret", "../../secret.mp4", "cam-1", "gone.mp4", "/etc/passwd", "")) {
            assertTrue(store.find(id).isEmpty(), id);
        }
    }
}
