package io.minewatch.alerts.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.alerts.evidence.AuditCheckpoint;
import io.minewatch.alerts.evidence.AuditEntry;
import io.minewatch.alerts.evidence.AuditLog;
import io.minewatch.alerts.evidence.EvidenceVerifier;
import io.minewatch.alerts.evidence.Sha256;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.rtp.AccessUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert clips from a live ring fed with the real traffic clip's access units: the clip covers
 * pre-roll + event + post-roll from a key frame, its packets are the source's byte for byte,
 * overlapping alerts share it, and the evidence verifies.
 */
class ClipRecorderTest {
    private static final Path CLIP = Path.of(System.getProperty("minewatch.shared", "../../shared"),
            "media/video/cKuhn517_cvTrafficCam_traffic.mp4");
    private static final long T0 = Instant.parse("2026-11-29T08:00:00Z").getEpochSecond() * 1_000_000;

    @TempDir
    Path storage;
    List<AccessUnit> aus;
    PreRollRing ring;
    AuditLog audit;
    ClipStore store;

    @BeforeEach
    void setUp() throws Exception {
        aus = CameraFeed.of(CLIP, storage, T0);
        ring = new PreRollRing(30, 64L << 20, 4096, reason -> { });
        audit = AuditLog.open(storage.resolve("evidence/audit.jsonl"), Clock.systemUTC());
        store = new ClipStore(storage);
    }

    /** Feeds the ring up to a capture time, at about 20x real time so the clip thread keeps up as it would live. */
    private void feedUntil(double seconds) throws InterruptedException {
        while (!aus.isEmpty() && aus.get(0).wallMicros() <= T0 + (long) (seconds * 1e6)) {
            AccessUnit au = aus.remove(0);
            ring.write(au);
            if (au.keyFrame()) {
                Thread.sleep(20);
            }
        }
    }

    private static Instant at(double seconds) {
        return Instant.ofEpochSecond(0, (T0 + (long) (seconds * 1e6)) * 1000);
    }

    @Test
    void overlappingAlertsShareOneClipCoveringPreEventAndPost() throws Exception {
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(10),
                Duration.ofSeconds(8))) {
            feedUntil(20);
            recorder.alertStarted("cam-1", "a1", at(15));
            feedUntil(22);
            recorder.alertStarted("cam-1", "a2", at(21));
            feedUntil(24);
            recorder.alertEnded("cam-1", "a1", at(24));
            feedUntil(27);
            recorder.alertEnded("cam-1", "a2", at(27));
            feedUntil(50);
            ClipFile clip = awaitComplete("a1");
            assertEquals(clip.file(), store.find("a2").orElseThrow().file(), "overlapping alerts share one clip");
            assertEquals(List.of("a1", "a2"), clip.alerts());

            // From the key frame at or before 15 - 10 = 5 s to 27 + 8 = 35 s.
            double duration = Double.parseDouble(CameraFeed.run("ffprobe", "-v", "error", "-show_entries",
                    "format=duration", "-of", "csv=p=0", clip.file().toString()).trim());
            assertTrue(duration >= 30 - 0.5 && duration <= 35, "duration " + duration);

            List<String> source = CameraFeed.packetHashes(CLIP);
            List<String> copied = CameraFeed.packetHashes(clip.file());
            int at = Collections.indexOfSubList(source, copied);
            assertTrue(at >= 0, "the clip's packets are not a run of the source's (" + copied.size() + " packets)");

            List<AuditEntry> entries = AuditLog.read(audit.file());
            assertEquals(List.of("a1", "a2"), entries.stream().filter(e -> e.action().equals("clip_created"))
                    .map(AuditEntry::alert).toList());
            assertEquals(List.of(), EvidenceVerifier.verify(audit.file(), storage));
        }
    }

    @Test
    void aClipLeftRecordingByACrashIsMarkedPartialOnStart() throws Exception {
        Path file = store.newClip("cam-1", "a9", at(0));
        Files.write(file, new byte[1234]);
        new ClipSidecar(List.of("a9"), ClipSidecar.RECORDING, "").write(file);
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(10),
                Duration.ofSeconds(20))) {
            ClipFile clip = recorder.clipOf("a9").orElseThrow();
            assertEquals(ClipSidecar.PARTIAL, clip.state());
            assertEquals(64, clip.sidecar().sha256().length());
        }
        assertEquals("clip_partial", AuditLog.read(audit.file()).get(0).action());
    }

    /**
     * Waits, by polling, until the alert's clip is no longer recording; fails after {@code within}.
     * Regression: a clip whose camera went quiet stayed "recording" for good, waiting for an access
     * unit past end + post-roll that never came.
     */
    private ClipFile awaitClosed(String alertId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            var c = store.find(alertId);
            if (c.isPresent() && !ClipSidecar.RECORDING.equals(c.get().state())) {
                return c.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("clip of " + alertId + " still recording after " + within);
    }

    /** The closed clip is hashed in its sidecar and audited with that hash, and the evidence verifies. */
    private void assertSealed(ClipFile clip, String action) throws Exception {
        assertEquals(Sha256.of(clip.file()), clip.sidecar().sha256());
        List<AuditEntry> entries = AuditLog.read(audit.file());
        AuditEntry last = entries.get(entries.size() - 1);
        assertEquals(action, last.action());
        assertEquals(clip.sidecar().sha256(), last.sha256());
        assertEquals(clip.relative(), last.subject());
        assertEquals(last.seq(), clip.sidecar().auditSeq(), "the sidecar anchors the log at its own entry");
        assertEquals(last.hash(), clip.sidecar().auditHash());
        assertTrue(CameraFeed.packetHashes(clip.file()).size() > 10, "the clip does not play");
        assertEquals(List.of(), EvidenceVerifier.verify(audit.file(), storage));
    }

    @Test
    void aCameraQuietMidAlertClosesItsClipPartialByTheWallClock() throws Exception {
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(10),
                Duration.ofSeconds(3))) {
            feedUntil(20);
            recorder.alertStarted("cam-1", "a1", at(15));
            feedUntil(24);
            // The camera stops sending; the ring stays open (a pushed camera that went quiet). The
            // lifecycle ends the alert by its own wall-clock gap, at the last detection.
            recorder.alertEnded("cam-1", "a1", at(24));
            long ended = System.nanoTime();
            ClipFile clip = awaitClosed("a1", Duration.ofSeconds(20));
            double took = (System.nanoTime() - ended) / 1e9;
            // Deadline: post-roll 3 s + grace 2 s after the last access unit's arrival.
            assertTrue(took < 3 + 2 + 5, "closed after " + took + " s");
            assertEquals(ClipSidecar.PARTIAL, clip.state());
            assertTrue(clip.sidecar().reason().startsWith("no video from the camera since 2026-11-29T08:00:2"),
                    clip.sidecar().reason());
            assertSealed(clip, "clip_partial");
        }
    }

    @Test
    void aCameraQuietJustAfterTheAlertEndsClosesItsClip() throws Exception {
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(10),
                Duration.ofSeconds(3))) {
            feedUntil(20);
            recorder.alertStarted("cam-1", "a1", at(15));
            feedUntil(22);
            recorder.alertEnded("cam-1", "a1", at(22));
            feedUntil(24.5);   // stops half a second before end + post-roll (25 s): covered
            ClipFile clip = awaitClosed("a1", Duration.ofSeconds(20));
            assertEquals(ClipSidecar.COMPLETE, clip.state());
            assertEquals("", clip.sidecar().reason());
            assertSealed(clip, "clip_created");
        }
    }

    @Test
    void aClosedRingClosesTheClipPartial() throws Exception {
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(10),
                Duration.ofSeconds(3))) {
            feedUntil(20);
            recorder.alertStarted("cam-1", "a1", at(15));
            feedUntil(24);
            // A closed ring hands out nothing more: wait until the clip thread has written some of it.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.find("a1").map(ClipFile::size).orElse(0L) < 20_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ring.close();   // the camera is gone
            ClipFile clip = awaitClosed("a1", Duration.ofSeconds(10));
            assertEquals(ClipSidecar.PARTIAL, clip.state());
            assertEquals("the camera's stream closed", clip.sidecar().reason());
            assertSealed(clip, "clip_partial");
        }
    }

    @Test
    void aClipSidecarNamesALogRewrittenWithItsCheckpoint() throws Exception {
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(10),
                Duration.ofSeconds(3))) {
            feedUntil(20);
            recorder.alertStarted("cam-1", "a1", at(15));
            feedUntil(22);
            recorder.alertEnded("cam-1", "a1", at(22));
            feedUntil(40);
            ClipFile clip = awaitClosed("a1", Duration.ofSeconds(20));
            audit.close();
            // Whoever rewrites the log (a new chain) and its checkpoint file still leaves the sidecar.
            Files.delete(audit.file());
            Files.delete(audit.file().resolveSibling(AuditCheckpoint.FILE_NAME));
            try (AuditLog forged = AuditLog.open(audit.file(), Clock.systemUTC())) {
                forged.append("system", "clip_created", "a1", clip.relative(), clip.sidecar().sha256());
            }
            String sidecar = clip.relative().replace(".mp4", ".json");
            assertEquals(List.of("audit entry 1: hash differs from the one clip sidecar " + sidecar
                    + " records (the log was rewritten from there on)"), EvidenceVerifier.verify(audit.file(), storage));
        }
    }

    private ClipFile awaitComplete(String alertId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var c = store.find(alertId);
            if (c.isPresent() && !ClipSidecar.RECORDING.equals(c.get().state())) {
                assertEquals(ClipSidecar.COMPLETE, c.get().state());
                return c.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("clip of " + alertId + " not finished in 30 s");
    }
}
