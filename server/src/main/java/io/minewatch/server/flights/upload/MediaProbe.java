package io.minewatch.server.flights.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Checks an uploaded file with ffprobe (and ffmpeg decoding its first frames) before it becomes a
 * flight, and pulls telemetry out of its embedded subtitle track. Runs the tools as child processes
 * with a time limit; never on an event loop.
 */
final class MediaProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest a probe or the first-frames decode may take. */
    static final long PROBE_SECONDS = 30;
    /** Longest the subtitle extraction may take (it reads the whole file). */
    static final long EXTRACT_SECONDS = 120;
    /** Formats ffprobe reports for single pictures, which carry a "video" stream but are no footage. */
    private static final List<String> STILLS = List.of("image2", "_pipe", "gif", "webp", "apng");

    private final String ffprobe;
    private final String ffmpeg;

    MediaProbe(String ffprobe, String ffmpeg) {
        this.ffprobe = ffprobe;
        this.ffmpeg = ffmpeg;
    }

    MediaProbe() {
        this("ffprobe", "ffmpeg");
    }

    /**
     * What the probe found.
     *
     * @param problem   why the file is not a usable video, for people, or null when it is
     * @param durationS the duration, seconds
     * @param subtitles subtitle streams in the file (DJI drones record their telemetry as one)
     */
    record Result(String problem, double durationS, int subtitles) {
        boolean ok() {
            return problem == null;
        }
    }

    /** Probes {@code file}; messages name neither the file's path nor anything but what went wrong. */
    Result check(Path file) throws IOException, InterruptedException {
        Run probe = run(PROBE_SECONDS, ffprobe, "-v", "error", "-print_format", "json", "-show_entries",
                "format=format_name,duration:stream=codec_type,codec_name,width,height", file.toString());
        if (probe.code != 0) {
            return new Result(firstLine(probe.err, file, "ffprobe could not read it"), 0, 0);
        }
        JsonNode doc = JSON.readTree(probe.out);
        boolean video = false;
        int subtitles = 0;
        for (JsonNode s : doc.path("streams")) {
            String type = s.path("codec_type").asText();
            video |= type.equals("video") && s.path("width").asInt() > 0;
            subtitles += type.equals("subtitle") ? 1 : 0;
        }
        String format = doc.path("format").path("format_name").asText("").toLowerCase(Locale.ROOT);
        double duration = doc.path("format").path("duration").asDouble(0);
        if (!video) {
            return new Result("it has no video stream", 0, subtitles);
        }
        if (STILLS.stream().anyMatch(format::contains) || duration <= 0) {
            return new Result("it is a still picture (" + format + "), not a video", 0, subtitles);
        }
        Run decode = run(PROBE_SECONDS, ffmpeg, "-v", "error", "-xerror", "-i", file.toString(), "-map", "0:v:0",
                "-frames:v", "3", "-f", "null", "-");
        if (decode.code != 0) {
            return new Result("its first frames do not decode: " + firstLine(decode.err, file, "ffmpeg failed"),
                    duration, subtitles);
        }
        return new Result(null, duration, subtitles);
    }

    /**
     * Writes the first subtitle stream of {@code video} as SRT to {@code out}; false (and no file) when
     * it could not be extracted or is empty.
     */
    boolean extractSubtitles(Path video, Path out) throws IOException, InterruptedException {
        Run r = run(EXTRACT_SECONDS, ffmpeg, "-v", "error", "-y", "-i", video.toString(), "-map", "0:s:0",
                "-c:s", "srt", "-f", "srt", out.toString());
        if (r.code != 0 || !Files.exists(out) || Files.size(out) == 0) {
            Files.deleteIfExists(out);
            return false;
        }
        return true;
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(long seconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("probe-", ".out");
        Path err = Files.createTempFile("probe-", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Run(-1, "", command[0] + " took longer than " + seconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The tool's first line of error, the file's path taken out (it is the server's, not the user's). */
    private static String firstLine(String err, Path file, String fallback) {
        String line = err.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(fallback);
        line = line.replace(file.toString() + ": ", "").replace(file.toString(), "the file");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
