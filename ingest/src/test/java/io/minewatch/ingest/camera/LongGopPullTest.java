package io.minewatch.ingest.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.rtp.RtpCounters;
import io.minewatch.ingest.testing.RtspServerProcess;
import io.minewatch.ingest.testing.TestMedia;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: pulling x265 with B-frames and a 10-s key-frame interval from the GStreamer server, the
 * PLAY answer's {@code RTP-Info: seq=N} was taken as the next sequence number; when the first packet
 * was not N, a gap was counted, the stream marked damaged and every access unit dropped until the next
 * key frame: 9.8 s blind on every connect. A camera joining the running (shared) stream must see no gap and drop nothing before its first key frame is due. (The exact N+1 case is
 * pinned by DepacketizerTest; GStreamer 1.22 here announces the first packet it sends.)
 */
class LongGopPullTest {

    @Test
    void joiningALongGopStreamHasNoGapAndDropsNothing(@TempDir Path dir) throws Exception {
        Path clip = TestMedia.x265LongGop(dir, 24, 10);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RtspServerProcess server = RtspServerProcess.start(List.of(), "gop=" + clip + ":h265");
             RtspIngest ingest = new RtspIngest(1, registry)) {
            CameraIngest first = ingest.add("first", server.url("gop"), IngestSettings.DEFAULTS, s -> { });
            first.start();
            waitFor(() -> first.metrics().accessUnits() >= 25, 15_000, "first camera receives access units");
            // The media is now running: sessions join mid-GOP, as after a reconnect.
            IngestSettings d = IngestSettings.DEFAULTS;
            // TCP only: GStreamer's shared media answers 503 to a UDP session once a TCP one prepared it.
            // (It also skips a few sequence numbers for the sessions already playing whenever one
            // joins: a real gap for them, correctly counted, so only the joining session is checked.)
            for (IngestSettings settings : List.of(d)) {
                String name = settings.transport().name().toLowerCase() + "-join";
                CameraIngest cam = ingest.add(name, server.url("gop"), settings, s -> { });
                cam.start();
                // 3 s of stream, well before the next key frame is due (10-s GOP).
                waitFor(() -> cam.metrics().accessUnits() >= 75, 15_000, name + " receives 3 s of access units");
                IngestMetrics m = cam.metrics();
                assertEquals(0, m.sequenceGaps(), name + ": sequence gaps");
                for (String reason : List.of(RtpCounters.SEQ_GAP, RtpCounters.DAMAGED, RtpCounters.MALFORMED)) {
                    assertEquals(0, m.droppedCount(reason), name + ": access units dropped as " + reason);
                }
            }
        }
    }

    static void waitFor(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }
}
