package io.minewatch.ingest.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.ingest.rtp.VideoCodec;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.SharedFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream copy into fragmented MP4, checked with the ffmpeg CLI: the clip's video packets are the
 * source's, byte for byte. The access units come as a camera sends them (Annex-B, parameter sets
 * in band), made from the real clips by ffmpeg's own h264_mp4toannexb into MPEG-TS.
 */
class Mp4ClipWriterTest {
    private static final Path VIDEO = SharedFiles.videoDir();

    @TempDir
    Path dir;

    @Test
    void packetsAreByteIdenticalToTheSource() throws Exception {
        Path source = VIDEO.resolve("cKuhn517_cvTrafficCam_traffic.mp4");
        Path clip = dir.resolve("clip.mp4");
        List<Au> aus = accessUnits(source);
        writeClip(clip, aus, aus.size());
        List<String> want = FfmpegCli.packetHashes(source);
        List<String> got = FfmpegCli.packetHashes(clip);
        assertEquals(want.size(), got.size(), "packet count");
        assertEquals(want, got, "packet sizes and hashes");
    }

    @Test
    void bFramesGetValidDecodeTimes() throws Exception {
        Path source = VIDEO.resolve("mihailrc_highway_traffic.mp4");
        Path clip = dir.resolve("bframes.mp4");
        List<Au> aus = accessUnits(source);
        writeClip(clip, aus, aus.size());
        String errors = FfmpegCli.output("ffmpeg", "-v", "error", "-i", clip.toString(), "-f", "null", "-");
        assertEquals("", errors.trim(), "decoding the clip reported errors");
        assertEquals(FfmpegCli.packetHashes(source), FfmpegCli.packetHashes(clip));
    }

    /**
     * Regression (issue 11): VLC's RTP timestamps step back by ~16,700 ticks now and then. Only
     * back-steps of 1 s or more were repaired; the muxer refused the packet ("non monotonically
     * increasing dts") and the clip stopped at 12.4 s. Every packet must now be written, the clip must
     * decode cleanly and last as long as the source, and the corrections must be counted.
     */
    @Test
    void cameraClockSteppingBackLosesNoPacket() throws Exception {
        for (String name : List.of("cKuhn517_cvTrafficCam_traffic.mp4", "mihailrc_highway_traffic.mp4")) {
            Path source = VIDEO.resolve(name);
            Path clip = dir.resolve("backstep-" + name);
            List<Au> aus = accessUnits(source);
            List<Au> stepped = new ArrayList<>();
            long shift = 0;
            for (int i = 0; i < aus.size(); i++) {
                if (i > 0 && i % 97 == 0) {
                    shift += 16_700; // every ~4 s the camera's clock goes back by 16,700 ticks
                }
                Au a = aus.get(i);
                stepped.add(new Au(a.data, a.pts - shift, a.key, a.width, a.height));
            }
            Mp4ClipWriter w = writeClip(clip, stepped, stepped.size());
            assertTrue(w.timestampCorrections() > 0, name + ": corrections counted");
            assertEquals("", decodeErrors(clip), name + ": decoding the clip reported errors");
            assertEquals(FfmpegCli.packetHashes(source), FfmpegCli.packetHashes(clip), name + ": every packet, byte for byte");
            Path straight = dir.resolve("straight-" + name);
            writeClip(straight, aus, aus.size());
            double want = FfmpegCli.duration(straight);
            double got = FfmpegCli.duration(clip);
            // 7 or more steps of 0.19 s: without the repair the clip would be over 1.3 s short.
            assertTrue(Math.abs(got - want) < 0.5, name + ": clip lasts " + got + " s, without the steps " + want + " s");
        }
    }

    @Test
    void jitteryTimestampsLoseNoPacket() throws Exception {
        Path source = VIDEO.resolve("cKuhn517_cvTrafficCam_traffic.mp4");
        Path clip = dir.resolve("jitter.mp4");
        List<Au> aus = accessUnits(source);
        java.util.Random random = new java.util.Random(11);
        List<Au> jittery = new ArrayList<>();
        for (Au a : aus) {
            // +-1.5 frame intervals of jitter: neighbours swap order and collide now and then.
            jittery.add(new Au(a.data, a.pts + random.nextInt(11_000) - 5_500, a.key, a.width, a.height));
        }
        Mp4ClipWriter w = writeClip(clip, jittery, jittery.size());
        assertTrue(w.timestampCorrections() > 0);
        assertEquals(FfmpegCli.packetHashes(source), FfmpegCli.packetHashes(clip));
        assertEquals("", decodeErrors(clip));
    }

    /**
     * What the decoder complains of while decoding every frame (ffprobe; ffmpeg's null muxer would
     * also complain of frames closer than its own guessed frame rate, which is no fault of the file).
     */
    private static String decodeErrors(Path file) throws Exception {
        StringBuilder errors = new StringBuilder();
        for (String line : FfmpegCli.output("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "frame=pts",
                "-of", "csv=p=0", file.toString()).split("\n")) {
            if (!line.isBlank() && !line.trim().matches("(-?\\d+|N/A),*")) {
                errors.append(line).append('\n');
            }
        }
        return errors.toString();
    }

    @Test
    void aClipCutShortStillPlaysUpToTheCut() throws Exception {
        Path source = VIDEO.resolve("cKuhn517_cvTrafficCam_traffic.mp4");
        Path clip = dir.resolve("cut.mp4");
        List<Au> aus = accessUnits(source);
        Mp4ClipWriter w = writeClip(clip, aus, aus.size() / 2);
        // No close(): as if the process were killed here. Fragments end at key frames.
        int readable = FfmpegCli.packetHashes(clip).size();
        assertTrue(readable > 0, "nothing readable in a clip cut short");
        assertTrue(readable <= aus.size() / 2, "more packets than were written");
        w.close();
        assertFalse(FfmpegCli.packetHashes(clip).isEmpty());
    }

    private static Mp4ClipWriter writeClip(Path clip, List<Au> aus, int count) throws Exception {
        int first = 0;
        while (!aus.get(first).key) {
            first++;
        }
        byte[] sets = parameterSets(aus.get(first).data);
        // The size read from the key frame's SPS, as the recorder does, agrees with the demuxer's.
        assertEquals(new PictureSize(aus.get(first).width, aus.get(first).height),
                PictureSize.of(VideoCodec.H264, aus.get(first).data));
        Mp4ClipWriter w = Mp4ClipWriter.create(clip, VideoCodec.H264, sets, aus.get(first).width, aus.get(first).height);
        for (int i = first; i < count; i++) {
            w.write(aus.get(i).data, aus.get(i).pts, aus.get(i).key);
        }
        if (count == aus.size()) {
            w.close();
        }
        return w;
    }

    private static byte[] parameterSets(byte[] keyFrame) {
        List<byte[]> sets = new ArrayList<>();
        for (byte[] nal : AnnexB.split(keyFrame)) {
            if (NalTypes.isParameterSet(VideoCodec.H264, NalTypes.type(VideoCodec.H264, nal[0]))) {
                sets.add(nal);
            }
        }
        assertFalse(sets.isEmpty(), "no in-band SPS/PPS in the first key frame");
        return AnnexB.join(sets);
    }

    /** Access units as a camera sends them: Annex-B with in-band parameter sets, 90 kHz PTS, decode order. */
    private List<Au> accessUnits(Path mp4) throws Exception {
        Path ts = dir.resolve(mp4.getFileName() + ".ts");
        FfmpegCli.output("ffmpeg", "-v", "error", "-y", "-i", mp4.toString(), "-map", "0:v", "-c", "copy", "-f", "mpegts", ts.toString());
        List<Au> aus = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(ts.toFile())) {
            g.start();
            int w = g.getImageWidth();
            int h = g.getImageHeight();
            long tb = g.getFormatContext().streams(g.getVideoStream()).time_base().den();
            AVPacket p;
            while ((p = g.grabPacket()) != null) {
                if (p.stream_index() == g.getVideoStream() && p.size() > 0) {
                    byte[] data = new byte[p.size()];
                    p.data().get(data);
                    long pts = p.pts() * 90_000 / tb;
                    aus.add(new Au(data, pts, (p.flags() & avcodec.AV_PKT_FLAG_KEY) != 0, w, h));
                }
                avcodec.av_packet_unref(p);
            }
        }
        return aus;
    }

    private record Au(byte[] data, long pts, boolean key, int width, int height) {
    }
}
