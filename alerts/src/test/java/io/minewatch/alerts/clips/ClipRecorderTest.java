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
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.SharedFiles;
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
    private static final Path CLIP = SharedFiles.videoDir().resolve(SharedFiles.TRAFFIC);
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
            double duration = FfmpegCli.duration(clip.file());
            assertTrue(duration >= 30 - 0.5 && duration <= 35, "duration " + duration);

            List<String> source = FfmpegCli.packetHashes(CLIP);
            List<String> copied = FfmpegCli.packetHashes(clip.file());
            int at = Collections.indexOfSubList(source, copied);
            assertTrue(at >= 0, "the clip's packets are not a run of the source's (" + copied.size() + " packets)");

            List<AuditEntry> entries = AuditLog.read(audit.file());
            assertEquals(List.of("a1", "a2"), entries.stream().filter(e -> e.action().equals("clip_created"))
                    .map(AuditEntry::alert).toList());
            assertEquals(List.of(), EvidenceVerifier.verify(audit.file(), storage));
        }
    }

    /**
     * Regression (issue 11): VLC's RTP timestamps step back by ~16,700 ticks now and then; the muxer
     * refused the packet, the clip stopped at 12.4 s while the alert stayed open, and the sidecar still
     * said complete with clip_created audited. The clip must now cover start − pre to end + post.
     */
    @Test
    void aCameraClockSteppingBackStillGivesTheWholeClip() throws Exception {
        long shift = 0;
        for (int i = 0; i < aus.size(); i++) {
            if (i > 0 && i % 40 == 0) {
                shift += 16_700;
            }
            AccessUnit a = aus.get(i);
            aus.set(i, new AccessUnit(a.codec(), a.data(), a.rtpTimestamp() - shift, a.ptsMicros(), a.wallMicros(),
                    a.keyFrame(), a.epoch()));
        }
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(5),
                Duration.ofSeconds(5))) {
            feedUntil(15);
            recorder.alertStarted("cam-1", "b1", at(15));
            feedUntil(20);
            recorder.alertEnded("cam-1", "b1", at(20));
            feedUntil(40);
            ClipFile clip = awaitComplete("b1");
            assertCovers(clip.file(), 10, 25);
            assertEquals(List.of("clip_created"), AuditLog.read(audit.file()).stream().map(AuditEntry::action).toList());
        }
    }

    /**
     * A clip that still ends before its alert's end + post-roll (here the disk refuses a write) is
     * kept as partial with the reason, audited clip_partial, and a new clip continues the alert to its
     * end + post-roll: evidence never claims to be whole when it is not.
     */
    @Test
    void aWriterErrorMakesThePartPartialAndANewClipContinuesTheAlert() throws Exception {
        int[] writes = {0};
        io.minewatch.ingest.clip.ClipWriter.Opener failingOnce = (file, codec, sets, w, h) -> {
            io.minewatch.ingest.clip.Mp4ClipWriter real = io.minewatch.ingest.clip.Mp4ClipWriter.create(file, codec,
                    sets, w, h);
            boolean first = writes[0] == 0;
            return new io.minewatch.ingest.clip.ClipWriter() {
                @Override
                public void write(byte[] au, long pts, boolean key) throws io.minewatch.ingest.clip.ClipException {
                    if (first && ++writes[0] > 60) {
                        throw new io.minewatch.ingest.clip.ClipException(file + ": cannot write packet: No space left on device");
                    }
                    real.write(au, pts, key);
                }

                @Override
                public long timestampCorrections() {
                    return real.timestampCorrections();
                }

                @Override
                public void close() throws io.minewatch.ingest.clip.ClipException {
                    real.close();
                }
            };
        };
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Clock.systemUTC(), failingOnce)) {
            feedUntil(15);
            recorder.alertStarted("cam-1", "c1", at(15));
            feedUntil(20);
            recorder.alertEnded("cam-1", "c1", at(20));
            feedUntil(40);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<ClipFile> clips = List.of();
            while (System.nanoTime() < deadline) {
                clips = store.all().stream().filter(c -> c.alerts().contains("c1")).toList();
                if (clips.size() == 2 && clips.stream().noneMatch(c -> ClipSidecar.RECORDING.equals(c.state()))) {
                    break;
                }
                Thread.sleep(50);
            }
            assertEquals(2, clips.size(), "a partial clip and its continuation: " + clips);
            ClipFile part = clips.stream().filter(c -> c.file().getFileName().toString().equals("c1.mp4")).findFirst()
                    .orElseThrow();
            ClipFile rest = clips.stream().filter(c -> c != part).findFirst().orElseThrow();
            assertEquals(ClipSidecar.PARTIAL, part.state());
            assertTrue(part.sidecar().reason().contains("No space left on device"), part.sidecar().reason());
            assertEquals(ClipSidecar.COMPLETE, rest.state());
            assertEquals("c1-2.mp4", rest.file().getFileName().toString());
            List<String> actions = AuditLog.read(audit.file()).stream().map(AuditEntry::action).toList();
            assertEquals(List.of("clip_partial", "clip_created"), actions);
            // Together they cover the alert: the part from start − pre, the rest on to end + post.
            double[] a = firstAndLast(part.file());
            double[] b = firstAndLast(rest.file());
            assertTrue(a[1] > 0, "the part holds what was written before the error");
            assertTrue(b[1] - b[0] >= 25 - 10 - (a[1] - a[0]) - 1.0,
                    "the continuation runs on to end + post: part " + (a[1] - a[0]) + " s, rest " + (b[1] - b[0]) + " s");
            assertEquals(List.of(), EvidenceVerifier.verify(audit.file(), storage));
        }
    }

    /**
     * Regression (merge review of issue 11): a writer that refuses one access unit every time it is
     * offered (a packet the muxer cannot take) made each continuation fail where the last one did and
     * start another, without end. A continuation that gets no further than the part it continues is
     * the last: both parts partial with the reason, nothing more.
     */
    @Test
    void aWriterRefusingTheSameAccessUnitAgainStopsAfterOneContinuation() throws Exception {
        AccessUnit poison = aus.stream().filter(a -> !a.keyFrame() && a.wallMicros() >= T0 + 17_000_000).findFirst()
                .orElseThrow();
        io.minewatch.ingest.clip.ClipWriter.Opener refusing = (file, codec, sets, w, h) -> {
            io.minewatch.ingest.clip.Mp4ClipWriter real = io.minewatch.ingest.clip.Mp4ClipWriter.create(file, codec,
                    sets, w, h);
            return new io.minewatch.ingest.clip.ClipWriter() {
                @Override
                public void write(byte[] au, long pts, boolean key) throws io.minewatch.ingest.clip.ClipException {
                    if (java.util.Arrays.equals(au, poison.data())) {
                        throw new io.minewatch.ingest.clip.ClipException(file + ": cannot write packet: Invalid data");
                    }
                    real.write(au, pts, key);
                }

                @Override
                public long timestampCorrections() {
                    return real.timestampCorrections();
                }

                @Override
                public void close() throws io.minewatch.ingest.clip.ClipException {
                    real.close();
                }
            };
        };
        try (ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Clock.systemUTC(), refusing)) {
            feedUntil(15);
            recorder.alertStarted("cam-1", "d1", at(15));
            feedUntil(20);
            recorder.alertEnded("cam-1", "d1", at(20));
            feedUntil(40);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<ClipFile> clips = List.of();
            while (System.nanoTime() < deadline && (clips.size() < 2
                    || clips.stream().anyMatch(c -> ClipSidecar.RECORDING.equals(c.state())))) {
                Thread.sleep(50);
                clips = store.all().stream().filter(c -> c.alerts().contains("d1")).toList();
            }
            // The loop started a new part within milliseconds of the last; none may come now.
            long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < quiet && clips.size() == 2) {
                Thread.sleep(50);
                clips = store.all().stream().filter(c -> c.alerts().contains("d1")).toList();
            }
            assertEquals(List.of("d1-2.mp4", "d1.mp4"), clips.stream().map(c -> c.file().getFileName().toString())
                    .sorted().toList());
            for (ClipFile c : clips) {
                assertEquals(ClipSidecar.PARTIAL, c.state(), c.relative());
                assertTrue(c.sidecar().reason().contains("Invalid data"), c.sidecar().reason());
            }
            assertEquals(List.of("clip_partial", "clip_partial"),
                    AuditLog.read(audit.file()).stream().map(AuditEntry::action).toList());
            assertEquals(List.of(), EvidenceVerifier.verify(audit.file(), storage));
        }
    }

    /** Asserts the clip runs from (a key frame at or before) {@code from} s to {@code to} s of the feed. */
    private static void assertCovers(Path file, double from, double to) throws Exception {
        double[] t = firstAndLast(file);
        double duration = FfmpegCli.duration(file);
        assertEquals(0, t[0], 0.001, "first timestamp");
        assertTrue(t[1] >= to - from - 0.5, "last timestamp " + t[1] + " s: the clip stops short of end + post");
        assertTrue(duration >= to - from - 0.5 && duration <= to - from + 6, "duration " + duration);
    }

    /** First and last presentation time (s) of the clip's packets. */
    private static double[] firstAndLast(Path file) throws Exception {
        double first = Double.MAX_VALUE;
        double last = -1;
        for (String line : FfmpegCli.output("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "packet=pts_time", "-of", "csv=p=0", file.toString()).split("\n")) {
            String v = line.replace(",", "").trim();
            if (!v.isEmpty() && !v.equals("N/A")) {
                double t = Double.parseDouble(v);
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        return new double[] {first, last};
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
        assertTrue(FfmpegCli.packetHashes(clip.file()).size() > 10, "the clip does not play");
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

    /**
     * Regression (merge of issue 11 with the quiet-camera deadline): a clip cut by the server stopping
     * while its alert is still open was sealed complete and audited clip_created. It must be partial,
     * reason "server stopped", audited clip_partial, and no continuation is started while stopping.
     */
    @Test
    void aServerStopBeforeEndPlusPostLeavesThePartPartial() throws Exception {
        ClipRecorder recorder = new ClipRecorder(store, audit, camera -> ring, Duration.ofSeconds(10),
                Duration.ofSeconds(3));
        try (recorder) {
            feedUntil(20);
            recorder.alertStarted("cam-1", "a1", at(15));
            feedUntil(24);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.find("a1").map(ClipFile::size).orElse(0L) < 20_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        ClipFile clip = store.find("a1").orElseThrow();
        assertEquals(ClipSidecar.PARTIAL, clip.state(), "closed by the stop: " + clip.sidecar());
        assertEquals("server stopped", clip.sidecar().reason());
        assertSealed(clip, "clip_partial");
        assertEquals(1, store.all().size(), "no continuation clip while stopping");
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
