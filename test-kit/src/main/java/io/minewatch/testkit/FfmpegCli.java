package io.minewatch.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ffmpeg and ffprobe command lines the tests make footage with and compare our output against
 * (the reference: what the tools themselves read from a file).
 */
public final class FfmpegCli {
    private FfmpegCli() {
    }

    /**
     * Runs a command and returns its output (stdout and stderr together) whatever its exit status
     * (ffprobe on a partial file may complain and still answer); fails the test after 120 s.
     */
    public static String output(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, "timed out: " + String.join(" ", cmd));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Runs ffmpeg with these arguments (quiet, overwriting the output); fails with its error text. */
    public static void ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-nostdin"));
        cmd.addAll(List.of(args));
        run(cmd, 120);
    }

    /** Runs a command, waiting up to {@code timeoutS}; returns its output, or fails with it on a non-zero exit. */
    public static String run(List<String> cmd, int timeoutS) throws IOException, InterruptedException {
        Path log = Files.createTempFile("minewatch-cmd", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " took over " + timeoutS + " s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** "size hash" of every video packet, from ffmpeg's framemd5 muxer (stream copy). */
    public static List<String> packetHashes(Path file) throws IOException, InterruptedException {
        List<String> hashes = new ArrayList<>();
        for (String line : output("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:v", "-c", "copy", "-f",
                "framemd5", "-").split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split(",");
                hashes.add(f[4].trim() + " " + f[5].trim());
            }
        }
        return hashes;
    }

    /** The container's duration in seconds, as ffprobe reads it. */
    public static double duration(Path file) throws IOException, InterruptedException {
        return Double.parseDouble(output("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                "csv=p=0", file.toString()).trim());
    }

    /** Seconds, the longest gap between two key frames of the file's video. */
    public static double maxKeyFrameInterval(Path file) throws IOException, InterruptedException {
        double last = -1;
        double max = 0;
        for (String line : output("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "packet=pts_time,flags", "-of", "csv=p=0", file.toString()).split("\n")) {
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
