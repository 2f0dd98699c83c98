package io.minewatch.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.testkit.SharedFiles;
import io.minewatch.testkit.FfmpegCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the whole-server tests share beyond the test kit: the model card they run and the two clips they
 * feed (ports, topic prefixes, the RTSP server, ffmpeg and schema checks are in io.minewatch.testkit).
 */
final class TestSite {
    static final Path MODELS = SharedFiles.models();
    /** The default model card. */
    static final Path MODEL = SharedFiles.model("yolox-nano");
    /** The freeway clip with the tanker at ~1 s (MPEG-4 320x240). */
    static final Path HAAR = SharedFiles.videoDir().resolve(SharedFiles.HAAR);
    /** The street clip with parked cars and a school bus (H.264 640x360). */
    static final Path TRAFFIC = SharedFiles.videoDir().resolve(SharedFiles.TRAFFIC);
    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The street clip from its key frame at 43.4 s, by stream copy (the same packets): its one heavy
     * vehicle, the school bus, enters ~5 s in and is confirmed ~12 s in. The parked SUV that the whole
     * clip used to raise an alert for at ~2 s no longer does (it never moves), so tests that need a real
     * alert from this footage start here instead of waiting 55 s for the bus.
     */
    static final Path TRAFFIC_BUS = cut(TRAFFIC, "43.4", "traffic-from-43s.mp4");

    private TestSite() {
    }

    private static synchronized Path cut(Path source, String from, String name) {
        Path out = Path.of("target", "test-footage", name).toAbsolutePath();
        try {
            if (!Files.isRegularFile(out)) {
                Files.createDirectories(out.getParent());
                Path tmp = out.resolveSibling(name + ".part.mp4");
                FfmpegCli.ffmpeg("-ss", from, "-i", source.toString(), "-c", "copy", "-an",
                        "-avoid_negative_ts", "make_zero", tmp.toString());
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot cut " + source + " from " + from + " s: " + e, e);
        }
    }
}
