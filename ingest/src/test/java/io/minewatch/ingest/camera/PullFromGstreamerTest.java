package io.minewatch.ingest.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.testing.AuSequence;
import io.minewatch.ingest.testing.ClipIndex;
import io.minewatch.testkit.RtspServerProcess;
import io.minewatch.testkit.SharedFiles;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Pulls real clips from the GStreamer RTSP server (stream copy, looping) over TCP and UDP, and checks
 * that every access unit arrives: the received sequence equals the clip's packets one for one.
 */
class PullFromGstreamerTest {

    @Test
    void everyAccessUnitArrivesOverTcpAndUdp() throws Exception {
        ClipIndex small = ClipIndex.of(SharedFiles.video(SharedFiles.TRAFFIC));
        ClipIndex bframes = ClipIndex.of(SharedFiles.video(SharedFiles.HIGHWAY_720P));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
        try (RtspServerProcess server = RtspServerProcess.start(List.of(),
                "small=" + SharedFiles.video(SharedFiles.TRAFFIC), "hd=" + SharedFiles.video(SharedFiles.HIGHWAY_720P),
                "hd2=" + SharedFiles.video(SharedFiles.HIGHWAY_720P));
             RtspIngest ingest = new RtspIngest(1, registry)) {
            IngestSettings tcp = IngestSettings.DEFAULTS;
            IngestSettings udp = new IngestSettings(IngestSettings.Transport.UDP, tcp.timeout(), tcp.noDataTimeout(),
                    tcp.offlineDebounce(), tcp.ringSeconds(), tcp.ringBytes());
            CameraIngest a = ingest.add("small", server.url("small"), tcp, statuses::add);
            CameraIngest b = ingest.add("hd", server.url("hd"), tcp, statuses::add);
            CameraIngest c = ingest.add("hd-udp", server.url("hd2"), udp, statuses::add);
            ingest.start();
            Thread.sleep(Duration.ofSeconds(14).toMillis());
            check(a, small, 5);
            check(b, bframes, 5);
            check(c, bframes, 5);
            for (CameraIngest cam : List.of(a, b, c)) {
                assertEquals(0, cam.metrics().sequenceGaps(), cam.camera() + ": sequence gaps");
                assertEquals(0, cam.metrics().reconnects(), cam.camera() + ": reconnects");
            }
            assertTrue(statuses.stream().filter(s -> s.kind() == CameraStatus.Kind.ONLINE).count() == 3,
                    "each camera reports online once: " + statuses);
        }
    }

    private static void check(CameraIngest cam, ClipIndex clip, double minSeconds) {
        List<AccessUnit> aus = Arrays.asList(cam.ring().snapshot());
        assertTrue(cam.ring().seconds() >= minSeconds, cam.camera() + ": only " + cam.ring().seconds() + " s in the ring");
        assertTrue(aus.get(0).keyFrame(), "the ring starts at a key frame");
        assertNull(AuSequence.check(aus, clip), cam.camera());
    }
}
