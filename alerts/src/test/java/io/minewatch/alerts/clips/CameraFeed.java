package io.minewatch.alerts.clips;

import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.VideoCodec;
import io.minewatch.testkit.FfmpegCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        FfmpegCli.ffmpeg("-i", mp4.toString(), "-map", "0:v", "-c", "copy", "-f", "mpegts", ts.toString());
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
}
