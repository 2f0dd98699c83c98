package io.minewatch.ingest.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtspServerConfig;
import io.minewatch.ingest.camera.CameraStatus;
import io.minewatch.ingest.testing.AuSequence;
import io.minewatch.ingest.testing.ClipIndex;
import io.minewatch.testkit.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ffmpeg CLI pushes a clip (stream copy, TCP) into the push server: every access unit lands in
 * the camera's ring; a push without credentials, with a wrong password or to an unknown camera is
 * refused.
 */
class PushFromFfmpegTest {

    @Test
    void ffmpegPushesIntoACameraAndStrangersAreRefused() throws Exception {
        ClipIndex clip = ClipIndex.of(SharedFiles.video(SharedFiles.HIGHWAY_720P));
        List<CameraStatus> events = new CopyOnWriteArrayList<>();
        try (RtspPushServer server = new RtspPushServer(new RtspServerConfig("127.0.0.1", 0, "gateway", "pa55-word"),
                new SimpleMeterRegistry())) {
            PushedCamera cam = server.add("drone-1", IngestSettings.DEFAULTS, events::add);
            server.start();
            String base = "127.0.0.1:" + server.port();
            assertNotEquals(0, push("rtsp://" + base + "/drone-1", 2).exit, "push without credentials accepted");
            assertNotEquals(0, push("rtsp://gateway:wrong@" + base + "/drone-1", 2).exit, "wrong password accepted");
            Result unknown = push("rtsp://gateway:pa55-word@" + base + "/nobody", 2);
            assertNotEquals(0, unknown.exit, "push to an unknown camera accepted");
            assertEquals(0, cam.metrics().accessUnits());

            Result ok = push("rtsp://gateway:pa55-word@" + base + "/drone-1", 6);
            assertEquals(0, ok.exit, "push failed: " + ok.output);
            Thread.sleep(300);
            var aus = Arrays.asList(cam.ring().snapshot());
            assertTrue(aus.size() > 150, "only " + aus.size() + " access units");
            assertNull(AuSequence.check(aus, clip));
            assertEquals(0, cam.metrics().sequenceGaps());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (events.stream().noneMatch(e -> e.kind() == CameraStatus.Kind.OFFLINE) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(CameraStatus.Kind.ONLINE, CameraStatus.Kind.OFFLINE),
                    events.stream().map(CameraStatus::kind).toList());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result push(String url, int seconds) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-re", "-i",
                SharedFiles.video(SharedFiles.HIGHWAY_720P).toString(), "-t", Integer.toString(seconds), "-c", "copy", "-f", "rtsp",
                "-rtsp_transport", "tcp", url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(seconds + 20L, TimeUnit.SECONDS), "ffmpeg hung");
        return new Result(p.exitValue(), out);
    }
}
