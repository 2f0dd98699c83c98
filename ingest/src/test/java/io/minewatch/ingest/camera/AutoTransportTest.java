package io.minewatch.ingest.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.rtsp.Transport;
import io.minewatch.ingest.testing.RtspServerProcess;
import io.minewatch.ingest.testing.VlcServerProcess;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 11): VLC's RTSP server has no TCP interleaving (461 to a TCP SETUP) and
 * minewatch retried TCP for ever. With the default transport {@code auto} the camera asks for TCP,
 * gets 461, goes over UDP, comes online, and says so in its status and metrics.
 */
class AutoTransportTest {

    @Test
    void autoFallsBackToUdpWhenVlcRefusesTcp() throws Exception {
        List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VlcServerProcess vlc = VlcServerProcess.start(RtspServerProcess.CLIP_360P, "cam");
             RtspIngest ingest = new RtspIngest(1, registry)) {
            assertEquals(IngestSettings.Transport.AUTO, IngestSettings.DEFAULTS.transport(), "auto is the default");
            CameraIngest cam = ingest.add("vlc", vlc.url("cam"), IngestSettings.DEFAULTS, statuses::add);
            ingest.start();
            LongGopPullTest.waitFor(() -> cam.metrics().keyFrames() >= 1 && cam.ring().seconds() >= 2, 20_000,
                    "VLC's stream over UDP (statuses " + statuses + ")");
            CameraStatus online = statuses.stream().filter(s -> s.kind() == CameraStatus.Kind.ONLINE).findFirst()
                    .orElseThrow();
            assertEquals("udp", online.transport(), "the status says how RTP arrives");
            assertEquals(Transport.UDP, cam.transport());
            assertEquals(2, cam.metrics().transport(), "ingest.transport gauge: 2 = UDP");
            assertEquals(1.0, registry.get("ingest.transport_switches").tag("camera", "vlc").counter().count());
            assertTrue(cam.ring().snapshot()[0].keyFrame());
        }
    }
}
