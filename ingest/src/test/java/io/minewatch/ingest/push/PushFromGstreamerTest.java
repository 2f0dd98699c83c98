package io.minewatch.ingest.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtspServerConfig;
import io.minewatch.ingest.camera.CameraStatus;
import io.minewatch.ingest.testing.AuSequence;
import io.minewatch.ingest.testing.ClipIndex;
import io.minewatch.testkit.SharedFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 11): GStreamer's {@code rtspclientsink} offers UDP first; the push server answered
 * 461 without a log line and the pusher gave up. With its default transports (UDP) and with TCP, it
 * must now push into the camera: every access unit lands in the ring and the camera comes online.
 */
class PushFromGstreamerTest {

    @Test
    void rtspclientsinkPushesOverUdpByDefaultAndOverTcp() throws Exception {
        ClipIndex clip = ClipIndex.of(SharedFiles.video(SharedFiles.HIGHWAY_720P));
        try (RtspPushServer server = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, "gateway", "pa55-word"),
                new SimpleMeterRegistry())) {
            List<CameraStatus> udpEvents = new CopyOnWriteArrayList<>();
            List<CameraStatus> tcpEvents = new CopyOnWriteArrayList<>();
            PushedCamera udpCam = server.add("gw-udp", IngestSettings.DEFAULTS, udpEvents::add);
            PushedCamera tcpCam = server.add("gw-tcp", IngestSettings.DEFAULTS, tcpEvents::add);
            server.start();
            for (PushedCamera cam : List.of(udpCam, tcpCam)) {
                List<String> cmd = new ArrayList<>(List.of("gst-launch-1.0", "-q", "filesrc",
                        "location=" + SharedFiles.video(SharedFiles.HIGHWAY_720P), "!", "qtdemux", "!", "h264parse", "!",
                        "rtspclientsink", "location=rtsp://127.0.0.1:" + server.port() + "/" + cam.camera(),
                        "user-id=gateway", "user-pw=pa55-word"));
                if (cam == tcpCam) {
                    cmd.add("protocols=tcp");
                }
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (cam.ring().seconds() < 4 && System.nanoTime() < deadline && p.isAlive()) {
                        Thread.sleep(100);
                    }
                } finally {
                    p.destroy();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
                assertTrue(cam.ring().seconds() >= 4, cam.camera() + ": only " + cam.ring().seconds()
                        + " s pushed (rtspclientsink gave up?)");
                var aus = Arrays.asList(cam.ring().snapshot());
                assertNull(AuSequence.check(aus, clip), cam.camera());
                assertEquals(0, cam.metrics().sequenceGaps(), cam.camera() + ": sequence gaps");
            }
            assertEquals(2, udpCam.metrics().transport(), "rtspclientsink's default transport is UDP");
            assertEquals(1, tcpCam.metrics().transport());
            assertEquals(CameraStatus.Kind.ONLINE, udpEvents.get(0).kind(), "detected: " + udpEvents);
            assertEquals(CameraStatus.Kind.ONLINE, tcpEvents.get(0).kind(), "detected: " + tcpEvents);
        }
    }
}
