package io.minewatch.ingest.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.camera.CameraIngest;
import io.minewatch.ingest.camera.RtspIngest;
import io.minewatch.ingest.ring.RingReader;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.VideoCodec;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.RtspServerProcess;
import io.minewatch.testkit.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The muxer's output for real cameras (the GStreamer RTSP server streaming the shared clips, pulled
 * by the real ingest into a real ring), checked with the ffmpeg CLI: it decodes with no error, starts
 * at a key frame, has the stream's codec and size, one frame per fragment and rising timestamps.
 */
class Fmp4MuxerTest {
    private static final int UNITS = 150;

    @TempDir
    Path dir;

    @Test
    void streetCameraWithoutBFramesDecodesCleanly() throws Exception {
        check(SharedFiles.TRAFFIC, 640, 360, 1);
    }

    @Test
    void highwayCameraWithBFramesDecodesCleanly() throws Exception {
        check(SharedFiles.HIGHWAY_720P, 1280, 720, 3);
    }

    /** @param batch access units per {@link Fmp4Muxer#endBatch()} (several samples per segment when > 1) */
    private void check(String clip, int width, int height, int batch) throws Exception {
        Collected c = mux(SharedFiles.video(clip), batch);
        Path file = dir.resolve(clip + ".fmp4.mp4");
        Files.write(file, c.bytes.toByteArray());
        assertEquals(1, c.inits, "one init segment");
        assertTrue(c.firstKey, "the first fragment holds a key frame");
        // Output timestamps renumbered (setpts=N): where the test server loops its clip, two pictures of
        // the seam are 1 tick apart, which ffmpeg's null muxer reports as its own error; the file's
        // timestamps are checked below.
        String errors = FfmpegCli.output("ffmpeg", "-v", "error", "-i", file.toString(), "-vf", "setpts=N", "-f",
                "null", "-");
        assertEquals("", errors.trim(), "ffmpeg decoding the fragmented MP4 reported errors");

        String stream = FfmpegCli.output("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "stream=codec_name,width,height,profile,level", "-of", "default=nw=1", file.toString());
        assertTrue(stream.contains("codec_name=h264"), stream);
        assertTrue(stream.contains("width=" + width) && stream.contains("height=" + height), stream);
        int level = Integer.parseInt(stream.replaceAll("(?s).*level=(\\d+).*", "$1"));
        assertTrue(c.mime.endsWith(String.format(Locale.ROOT, "%02X\"", level)), c.mime + " vs level " + level);

        List<Double> dts = new ArrayList<>();
        int keys = 0;
        for (String line : FfmpegCli.output("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "packet=dts_time,flags", "-of", "csv=p=0", file.toString()).split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length >= 2) {
                dts.add(Double.parseDouble(f[0]));
                keys += f[1].startsWith("K") ? 1 : 0;
            }
        }
        assertEquals(c.samples, dts.size(), "every sample is a packet");
        assertEquals(UNITS, c.samples, "every access unit is a sample");
        if (batch > 1) {
            assertTrue(c.fragments < c.samples, "segments hold several samples: " + c.fragments);
        }
        assertEquals(c.keys, keys, "key frames flagged as in the fragments");
        assertEquals(0.0, dts.get(0), 1e-9, "the timeline starts at 0");
        for (int i = 1; i < dts.size(); i++) {
            assertTrue(dts.get(i) > dts.get(i - 1), "decode times rise at packet " + i + ": " + dts);
        }
        String frames = FfmpegCli.output("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).trim();
        assertEquals(c.samples, Integer.parseInt(frames), "every sample decodes to a frame");
    }

    /** Pulls a clip from the RTSP server into a ring and muxes {@value #UNITS} access units from a key frame. */
    private static Collected mux(Path clip, int batch) throws Exception {
        Collected c = new Collected();
        Fmp4Muxer muxer = new Fmp4Muxer(c);
        try (RtspServerProcess server = RtspServerProcess.start("cam=" + clip);
             RtspIngest ingest = new RtspIngest(1, new SimpleMeterRegistry())) {
            CameraIngest cam = ingest.add("cam", server.url("cam"), IngestSettings.DEFAULTS, s -> { });
            RingReader reader = cam.ring().reader();
            cam.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            int n = 0;
            while (n < UNITS) {
                assertTrue(System.nanoTime() < deadline, "only " + n + " access units within 60 s");
                AccessUnit au = reader.next(500);
                if (au != null) {
                    if (n == 0) {
                        assertTrue(au.keyFrame(), "a fresh reader starts at a key frame");
                    }
                    muxer.add(au);
                    n++;
                    if (n % batch == 0) {
                        muxer.endBatch();
                    }
                }
            }
            muxer.flush();
        }
        assertEquals(0, muxer.skipped(), "nothing skipped");
        return c;
    }

    @Test
    void h265IsRefusedWithItsReason() {
        Fmp4Muxer muxer = new Fmp4Muxer(new Collected());
        AccessUnit au = new AccessUnit(VideoCodec.H265, new byte[] {0, 0, 0, 1, 0x40, 1, 0x0c}, 0, 0, 0, true, 1);
        Fmp4Exception e = assertThrows(Fmp4Exception.class, () -> muxer.add(au));
        assertEquals(Fmp4Exception.H265, e.reason());
    }

    @Test
    void codecStringAndAvcCComeFromTheSps() {
        byte[] sps = HexFormat.of().parseHex("6764001facd9405005bb011000000300100000030320f1831960");
        byte[] pps = HexFormat.of().parseHex("68ebe3cb22c0");
        AvcConfig c = new AvcConfig(sps, pps, 1280, 720);
        assertEquals("avc1.64001F", c.codecString());
        assertEquals("video/mp4; codecs=\"avc1.64001F\"", c.mimeType());
        byte[] avcc = c.decoderConfigurationRecord();
        assertArrayEquals(HexFormat.of().parseHex("0164001fffe1001a"), java.util.Arrays.copyOf(avcc, 8));
        assertEquals(8 + sps.length + 3 + pps.length, avcc.length);
        assertThrows(IllegalArgumentException.class, () -> new AvcConfig(pps, pps, 1280, 720));
    }

    private static final class Collected implements Fmp4Muxer.Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int inits;
        int fragments;
        int samples;
        int keys;
        boolean firstKey;
        String mime;

        @Override
        public void init(AvcConfig config, byte[] segment) {
            inits++;
            mime = config.mimeType();
            bytes.writeBytes(segment);
        }

        @Override
        public void fragment(Segment segment, boolean key, int count) {
            samples += count;
            if (fragments == 0) {
                firstKey = key;
            }
            fragments++;
            keys += key ? 1 : 0;
            byte[] whole = segment.toByteArray();
            assertEquals(segment.size(), whole.length);
            io.netty.buffer.ByteBuf direct = io.netty.buffer.Unpooled.directBuffer(segment.size());
            try {
                segment.writeTo(direct);
                assertArrayEquals(whole, io.netty.buffer.ByteBufUtil.getBytes(direct), "writeTo and toByteArray agree");
            } finally {
                direct.release();
            }
            bytes.writeBytes(whole);
        }
    }
}
