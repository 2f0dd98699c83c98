package io.minewatch.detect.decode;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minewatch.config.CameraConfig;
import io.minewatch.ingest.source.SourceSpec;
import io.minewatch.ingest.source.SourceSpecs;
import io.minewatch.testkit.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FFmpeg source on the shared footage and on clips made here with the ffmpeg CLI. */
class GrabberFrameSourceTest {

    private static final String HAAR = SharedFiles.HAAR;
    private static final String TRAFFIC = SharedFiles.TRAFFIC;

    private static Path video(String name) {
        return SharedFiles.video(name);
    }

    private static SourceSpec spec(String camera, String detect, boolean realtime, boolean loop) {
        return SourceSpecs.detect(new CameraConfig(camera, "site-a", detect, null, 5, 0, 0, true,
                realtime, loop));
    }

    private static GrabberFrameSource source(String camera, Path file, int width, boolean loop) {
        return new GrabberFrameSource(spec(camera, file.toString(), false, loop), 5, width, 0,
                Clock.systemUTC());
    }

    /** Reads up to max frames, closing each after recording what it was. */
    private static List<double[]> readAll(FrameSource src, int max) throws SourceException {
        List<double[]> out = new ArrayList<>(); // {offsetSeconds, cols, rows, type, meanB, meanG, meanR, seq}
        SampledFrame next;
        while (out.size() < max && (next = src.next()) != null) {
            try (SampledFrame f = next; Scalar m = mean(f.bgr())) {
                out.add(new double[] {f.offsetSeconds(), f.bgr().cols(), f.bgr().rows(), f.bgr().type(),
                        m.get(0), m.get(1), m.get(2), f.sequence()});
            }
        }
        return out;
    }

    private static void assertStrictlyIncreasing(List<double[]> frames) {
        for (int i = 1; i < frames.size(); i++) {
            assertTrue(frames.get(i)[0] > frames.get(i - 1)[0],
                    "offset " + frames.get(i)[0] + " after " + frames.get(i - 1)[0] + " at " + i);
        }
    }

    @Test
    void haarClipAtFiveFpsAsFastAsItDecodes() throws Exception {
        List<double[]> frames;
        long decoded;
        try (GrabberFrameSource src = source("haar", video(HAAR), 0, false)) {
            src.open();
            frames = readAll(src, 1000);
            decoded = src.framesDecoded();
            assertNull(src.next(), "a file that does not loop stays at its end");
        }
        // 33.3 s at 15 fps = 500 frames, one in three picked.
        assertTrue(frames.size() >= 165 && frames.size() <= 168, "frames " + frames.size());
        assertEquals(500, decoded, 3, "decoded");
        assertTrue(frames.get(0)[0] < 0.1, "first offset " + frames.get(0)[0]);
        assertStrictlyIncreasing(frames);
        double last = frames.get(frames.size() - 1)[0];
        assertTrue(last > 32.5 && last < 33.4, "last offset " + last);
        for (double[] f : frames) {
            assertEquals(320, (int) f[1]);
            assertEquals(240, (int) f[2]);
            assertEquals(CV_8UC3, (int) f[3]);
        }
        // Converted pixels, not a blank or garbage buffer: a daylight freeway is mid-grey on average.
        for (double[] f : List.of(frames.get(0), frames.get(frames.size() / 2), frames.get(frames.size() - 1))) {
            double lum = (f[4] + f[5] + f[6]) / 3;
            assertTrue(lum > 20 && lum < 235, "mean intensity " + lum);
        }
        // Sequence numbers count the skipped frames too: about 3 apart.
        double seqGap = (frames.get(frames.size() - 1)[7] - frames.get(0)[7]) / (frames.size() - 1);
        assertEquals(3.0, seqGap, 0.1, "sequence step");
    }

    @Test
    void widthScalesKeepingAspect() throws Exception {
        try (GrabberFrameSource src = source("haar-small", video(HAAR), 160, false)) {
            src.open();
            List<double[]> frames = readAll(src, 10);
            assertEquals(10, frames.size());
            for (double[] f : frames) {
                assertEquals(160, (int) f[1]);
                assertEquals(120, (int) f[2]);
                double lum = (f[4] + f[5] + f[6]) / 3;
                assertTrue(lum > 20 && lum < 235, "mean intensity " + lum);
            }
        }
    }

    @Test
    void offsetsCountFromTheContainerZeroNotTheFirstKeyFrame() throws Exception {
        // The first key frame of this clip is at 1.86 s; the frames before it cannot be decoded.
        try (GrabberFrameSource src = source("traffic", video(TRAFFIC), 0, false)) {
            src.open();
            List<double[]> frames = readAll(src, 5);
            assertEquals(5, frames.size());
            assertTrue(frames.get(0)[0] >= 1.8 && frames.get(0)[0] < 2.0, "first offset " + frames.get(0)[0]);
            assertEquals(640, (int) frames.get(0)[1]);
            assertEquals(360, (int) frames.get(0)[2]);
            assertStrictlyIncreasing(frames);
        }
    }

    @Test
    void loopingFileKeepsCountingUpPastItsLength() throws Exception {
        try (GrabberFrameSource src = source("haar-loop", video(HAAR), 160, true)) {
            src.open();
            List<double[]> frames = readAll(src, 180);
            assertEquals(180, frames.size(), "a looping file does not end");
            assertStrictlyIncreasing(frames);
            double last = frames.get(179)[0];
            assertTrue(last > 33.0, "last offset " + last);
            // Still at the detect rate across the loop: 180 frames at 5 fps is ~36 s, no jump.
            assertEquals(179 / 5.0, last - frames.get(0)[0], 0.5, "span of 180 frames");
            assertTrue(src.framesDecoded() > 500, "decoded " + src.framesDecoded());
        }
    }

    @Test
    void missingFileFailsOpenNamingTheCamera(@TempDir Path dir) {
        Path missing = dir.resolve("nope.mp4");
        GrabberFrameSource src = source("cam-missing", missing, 0, false);
        SourceException e = assertThrows(SourceException.class, src::open);
        src.close();
        assertTrue(e.getMessage().contains("cam-missing"), e.getMessage());
    }

    @Test
    void corruptFileFailsOpenNamingTheCamera(@TempDir Path dir) throws IOException {
        Path corrupt = dir.resolve("corrupt.mp4");
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        Files.write(corrupt, junk);
        GrabberFrameSource src = source("cam-corrupt", corrupt, 0, false);
        try {
            SourceException e = assertThrows(SourceException.class, src::open);
            assertTrue(e.getMessage().contains("cam-corrupt"), e.getMessage());
        } finally {
            src.close();
        }
    }

    @Test
    void unreachableCameraFailsFastWithoutItsPassword() {
        SourceSpec spec = spec("gate-1", "rtsp://admin:secret@127.0.0.1:1/x", false, false);
        assertEquals(SourceSpec.Kind.RTSP, spec.kind());
        GrabberFrameSource src = new GrabberFrameSource(spec, 5, 0, 0, Clock.systemUTC());
        long t0 = System.nanoTime();
        SourceException e;
        try {
            e = assertThrows(SourceException.class, src::open);
        } finally {
            src.close();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(millis < 5000, "took " + millis + " ms");
        assertTrue(e.getMessage().contains("gate-1"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void redStaysRedSoChannelsAreInBgrOrder(@TempDir Path dir) throws Exception {
        Path ffmpeg = Path.of("/usr/bin/ffmpeg");
        assumeTrue(Files.isExecutable(ffmpeg), "no ffmpeg CLI to make the clip");
        Path clip = dir.resolve("red.mp4");
        Process p = new ProcessBuilder(ffmpeg.toString(), "-v", "error", "-y", "-f", "lavfi",
                "-i", "color=c=red:s=64x48:r=10", "-t", "1", "-c:v", "mpeg4", "-q:v", "2",
                "-pix_fmt", "yuv420p", clip.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ffmpeg hung");
        assertEquals(0, p.exitValue(), "ffmpeg: " + log);

        try (GrabberFrameSource src = source("red", clip, 0, false)) {
            src.open();
            List<double[]> frames = readAll(src, 100);
            assertEquals(5, frames.size(), 1.0, "1 s at 5 fps");
            for (double[] f : frames) {
                assertEquals(64, (int) f[1]);
                assertEquals(48, (int) f[2]);
                assertTrue(f[6] > 200, "R (channel 2) " + f[6]);
                assertTrue(f[4] < 50, "B (channel 0) " + f[4]);
                assertTrue(f[5] < 50, "G (channel 1) " + f[5]);
            }
        }
    }
}
