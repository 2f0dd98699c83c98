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
 * key frame: 9.8 s blind on every connect. A camera joining the running (shared) stream, over TCP or
 * UDP, must see no gap and drop nothing before its first key frame is due. (The exact N+1 case is
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
            IngestSettings udp = new IngestSettings(IngestSettings.Transport.UDP, d.timeout(), d.noDataTimeout(),
                    d.offlineDebounce(), d.ringSeconds(), d.ringBytes());
            CameraIngest tcpJoin = ingest.add("tcp-join", server.url("gop"), d, s -> { });
            CameraIngest udpJoin = ingest.add("udp-join", server.url("gop"), udp, s -> { });
            tcpJoin.start();
            udpJoin.start();
            // 3 s of stream each, well before the next key frame is due (10-s GOP).
            for (CameraIngest cam : List.of(tcpJoin, udpJoin)) {
                waitFor(() -> cam.metrics().accessUnits() >= 75, 15_000, cam.camera() + " receives 3 s of access units");
            }
            for (CameraIngest cam : List.of(tcpJoin, udpJoin)) {
                IngestMetrics m = cam.metrics();
                assertEquals(0, m.sequenceGaps(), cam.camera() + ": sequence gaps");
                for (String reason : List.of(RtpCounters.SEQ_GAP, RtpCounters.DAMAGED, RtpCounters.MALFORMED)) {
                    assertEquals(0, m.droppedCount(reason), cam.camera() + ": access units dropped as " + reason);
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
