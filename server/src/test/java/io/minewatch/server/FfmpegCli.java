package io.minewatch.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The ffmpeg and ffprobe command lines as the reference tests compare against. */
final class FfmpegCli {
    private FfmpegCli() {
    }

    /** Runs a command, returns its output (stdout and stderr together). */
    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** "size hash" of every video packet, from ffmpeg's framemd5 muxer (stream copy). */
    static List<String> packetHashes(Path file) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (String line : run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:v", "-c", "copy", "-f",
                "framemd5", "-").split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split(",");
                hashes.add(f[4].trim() + " " + f[5].trim());
            }
        }
        return hashes;
    }

    /** Seconds, the longest gap between two key frames of the file's video. */
    static double maxKeyFrameInterval(Path file) throws Exception {
        double last = -1;
        double max = 0;
        for (String line : run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time,flags",
                "-of", "csv=p=0", file.toString()).split("\n")) {
            String[] f = line.split(",");
            if (f.length >= 2 && f[1].startsWith("K")) {
                double t = Double.parseDouble(f[0]);
                if (last >= 0) {
                    max = Math.max(max, t - last);
                }
                last = t;
            }
        }
        return max;
    }
}
