package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The freeway clip as H.264 in MP4 (libx264, GOP 15, no B-frames), as a camera or encoder would send it. */
final class RtspFootage {
    private RtspFootage() {
    }

    static Path h264(Path dir) throws Exception {
        assertTrue(Files.isRegularFile(TestSite.HAAR), "footage missing: " + TestSite.HAAR);
        Path h264 = dir.resolve("freeway.mp4");
        Process enc = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", TestSite.HAAR.toString(),
                "-c:v", "libx264", "-preset", "veryfast", "-g", "15", "-bf", "0", "-an", h264.toString())
                .redirectErrorStream(true).start();
        String out = new String(enc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(enc.waitFor(60, TimeUnit.SECONDS) && enc.exitValue() == 0, "ffmpeg (libx264) failed: " + out);
        return h264;
    }
}
