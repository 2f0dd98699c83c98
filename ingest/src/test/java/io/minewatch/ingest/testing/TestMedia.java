package io.minewatch.ingest.testing;

import io.minewatch.testkit.FfmpegCli;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Footage made by the tests with ffmpeg for the cases the shared clips do not cover: an H.265 stream
 * with B-frames and a long GOP, and a clip whose timestamps step back.
 */
public final class TestMedia {
    private TestMedia() {
    }

    /**
     * An H.265 (x265) MP4 of {@code seconds} s at 25 fps, 640x360, with 3 B-frames and a key frame
     * every {@code gopSeconds} s only (like a camera set to save bandwidth).
     */
    public static Path x265LongGop(Path dir, int seconds, int gopSeconds) throws IOException, InterruptedException {
        Path out = dir.resolve("x265-gop" + gopSeconds + ".mp4");
        int keyint = 25 * gopSeconds;
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-t", Integer.toString(seconds),
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                "keyint=" + keyint + ":min-keyint=" + keyint + ":bframes=3:scenecut=0:log-level=error",
                "-tag:v", "hvc1", "-an", out.toString());
        return out;
    }

    /**
     * {@code src} by stream copy with every timestamp from packet {@code fromPacket} on moved back by
     * {@code stepTicks} (in 90 kHz ticks; VLC's server steps back about 16,700): the small backward
     * step of a real camera's clock, made with ffmpeg's {@code setts} bitstream filter.
     */
    public static Path backStep(Path src, Path dir, int fromPacket, long stepTicks)
            throws IOException, InterruptedException {
        Path out = dir.resolve("backstep.mp4");
        // setts works in the stream's time base: ask for 1/90000 so that ticks are 90 kHz ticks.
        String shift = "if(gte(N\\," + fromPacket + ")\\,-" + stepTicks + "\\,0)";
        FfmpegCli.ffmpeg("-i", src.toString(), "-an", "-c:v", "copy", "-video_track_timescale", "90000",
                "-bsf:v", "setts=ts=TS+" + shift + ":time_base=1/90000",
                "-f", "mpegts", out.toString().replace(".mp4", ".ts"));
        return Path.of(out.toString().replace(".mp4", ".ts"));
    }
}
