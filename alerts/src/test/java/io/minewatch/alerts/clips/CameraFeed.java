package io.minewatch.alerts.clips;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.VideoCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Access units of a real clip as a camera's ingest delivers them (Annex-B, parameter sets before
 * key frames, 90 kHz RTP time), made with the ffmpeg CLI (MPEG-TS, h264_mp4toannexb) and JavaCV.
 */
final class CameraFeed {
    private CameraFeed() {
    }

    /** @param wallStartMicros capture time of the clip's zero */
    static List<AccessUnit> of(Path mp4, Path workDir, long wallStartMicros) throws Exception {
        Path ts = workDir.resolve(mp4.getFileName() + ".ts");
        run("ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-map", "0:v", "-c", "copy", "-f", "mpegts", ts.toString());
        List<AccessUnit> aus = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(ts.toFile())) {
            g.start();
            long den = g.getFormatContext().streams(g.getVideoStream()).time_base().den();
            long start = Long.MIN_VALUE;
            AVPacket p;
            while ((p = g.grabPacket()) != null) {
                if (p.stream_index() == g.getVideoStream() && p.size() > 0) {
                    byte[] data = new byte[p.size()];
                    p.data().get(data);
                    long pts90k = p.pts() * 90_000 / den;
                    if (start == Long.MIN_VALUE) {
                        start = pts90k;
                    }
                    long micros = (pts90k - start) * 100 / 9;
                    aus.add(new AccessUnit(VideoCodec.H264, data, pts90k, micros, wallStartMicros + micros,
                            (p.flags() & avcodec.AV_PKT_FLAG_KEY) != 0, 1));
                }
                avcodec.av_packet_unref(p);
            }
        }
        return aus;
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** "size hash" of every video packet, from ffmpeg's framemd5 muxer. */
    static List<String> packetHashes(Path file) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (String line : run("ffmpeg", "-v", "error", "-i", file.toString(), "-map", "0:v", "-c", "copy",
                "-f", "framemd5", "-").split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split(",");
                hashes.add(f[4].trim() + " " + f[5].trim());
            }
        }
        return hashes;
    }
}
