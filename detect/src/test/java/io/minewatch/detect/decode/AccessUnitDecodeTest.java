package io.minewatch.detect.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.camera.CameraIngest;
import io.minewatch.ingest.camera.RtspIngest;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.testkit.RtspServerProcess;
import io.minewatch.testkit.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

/**
 * The detect path's own decoder on access units from the Netty ingest: for the same span of the same
 * clip, served by GStreamer on two fresh mounts at once, it decodes as many frames as the ffmpeg CLI
 * pulling the other mount; and {@link AccessUnitFrameSource} hands out frames at the detect rate.
 */
class AccessUnitDecodeTest {
    private static final long SPAN_MICROS = 8_000_000;

    @Test
    void decodesAsManyFramesAsFfmpegOn720pWithBFrames() throws Exception {
        compare("mihailrc_highway_traffic.mp4");
    }

    @Test
    void decodesAsManyFramesAsFfmpegOn360pStartingBeforeAKeyFrame() throws Exception {
        compare("cKuhn517_cvTrafficCam_traffic.mp4");
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    /** No H.265 footage is shared: the 360p clip re-encoded with libx265 by the ffmpeg CLI. */
    @Test
    void decodesAsManyFramesAsFfmpegOnH265() throws Exception {
        java.nio.file.Path hevc = dir.resolve("traffic-h265.mp4");
        Process enc = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i",
                SharedFiles.videoDir().resolve("cKuhn517_cvTrafficCam_traffic.mp4").toString(), "-t", "14", "-c:v", "libx265",
                "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=20", "-an", hevc.toString())
                .redirectErrorStream(true).start();
        String out = new String(enc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(enc.waitFor(60, TimeUnit.SECONDS) && enc.exitValue() == 0, "ffmpeg (libx265) failed: " + out);
        compare(hevc.toString(), ":h265", io.minewatch.ingest.rtp.VideoCodec.H265);
    }

    private void compare(String clip) throws Exception {
        compare(SharedFiles.videoDir().resolve(clip).toString(), "", io.minewatch.ingest.rtp.VideoCodec.H264);
    }

    private void compare(String file, String suffix, io.minewatch.ingest.rtp.VideoCodec codec) throws Exception {
        String clip = java.nio.file.Path.of(file).getFileName().toString();
        try (RtspServerProcess server = RtspServerProcess.start("ours=" + file + suffix, "ref=" + file + suffix);
             RtspIngest ingest = new RtspIngest(1, new SimpleMeterRegistry())) {
            CameraIngest cam = ingest.add("cam", server.url("ours"), IngestSettings.DEFAULTS, s -> { });
            CompletableFuture<String> ffmpeg = CompletableFuture.supplyAsync(() -> ffmpegFrames(server.url("ref")));
            ingest.start();
            String progress = ffmpeg.get(60, TimeUnit.SECONDS);
            Thread.sleep(1500);
            int reference = codec == io.minewatch.ingest.rtp.VideoCodec.H265 ? framesInFile(file) : framesInWindow(progress);
            AccessUnit[] aus = cam.ring().snapshot();
            assertEquals(codec, aus[0].codec());
            java.util.List<Long> pts = new java.util.ArrayList<>();
            try (AvcodecDecoder decoder = new AvcodecDecoder(aus[0].codec())) {
                for (AccessUnit au : aus) {
                    assertTrue(decoder.send(au), "decoder refused " + au);
                    AVFrame f;
                    while ((f = decoder.receive()) != null) {
                        pts.add(AvcodecDecoder.ptsMicros(f));
                    }
                }
                assertEquals(0, decoder.errors());
            }
            // The same window for both: SPAN from the first key frame's presentation time.
            long start = aus[0].ptsMicros();
            long ours = pts.stream().filter(t -> t >= start && t < start + SPAN_MICROS).count();
            assertTrue(reference > 50, "ffmpeg decoded too little: " + reference);
            assertTrue(Math.abs(ours - reference) <= 1,
                    clip + ": ours " + ours + " frames vs ffmpeg " + reference + " in " + SPAN_MICROS / 1e6 + " s");
        }
    }

    @Test
    void frameSourceSamplesAtTheDetectRate() throws Exception {
        String file = SharedFiles.videoDir().resolve("mihailrc_highway_traffic.mp4").toString();
        try (RtspServerProcess server = RtspServerProcess.start("cam=" + file);
             RtspIngest ingest = new RtspIngest(1, new SimpleMeterRegistry())) {
            CameraIngest cam = ingest.add("cam", server.url("cam"), IngestSettings.DEFAULTS, s -> { });
            ingest.start();
            try (AccessUnitFrameSource source = new AccessUnitFrameSource("cam", cam.ring(), 5, 640, 0)) {
                source.open();
                SampledFrame first = source.next();
                assertNotNull(first);
                SampledFrame last = first;
                for (int i = 0; i < 10; i++) {
                    SampledFrame f = source.next();
                    assertNotNull(f);
                    assertEquals(640, f.bgr().cols());
                    assertEquals(360, f.bgr().rows());
                    if (last != first) {
                        last.close();
                    }
                    last = f;
                }
                double seconds = (last.ptsMicros() - first.ptsMicros()) / 1e6;
                assertEquals(2.0, seconds, 0.1, "10 frames at 5 fps span 2 s of stream time");
                assertTrue(source.framesDecoded() >= 55, "every frame decoded, picked or not: " + source.framesDecoded());
                first.close();
                last.close();
            }
        }
    }

    private static String ffmpegFrames(String url) {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "info", "-rtsp_transport", "tcp", "-i", url,
                    "-t", Double.toString(SPAN_MICROS / 1e6 + 4), "-map", "0:v", "-fps_mode", "passthrough",
                    "-vf", "showinfo", "-f", "null", "-")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("ffmpeg is missing or failed (scripts/test installs it)", e);
        }
    }

    /**
     * H.265: the frames the file holds in SPAN from its first key frame (ffprobe). The ffmpeg CLI's own
     * RTSP pull of this B-frame HEVC stream decoded fewer (178 of the file's 202 in one run), so the
     * file, which is exactly what the server sends, is the reference here.
     */
    private static int framesInFile(String file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,flags", "-of", "csv=p=0", file).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        java.util.List<double[]> frames = new java.util.ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length >= 2 && !f[0].equals("N/A")) {
                frames.add(new double[] {Double.parseDouble(f[0]), f[1].contains("K") ? 1 : 0});
            }
        }
        double start = frames.stream().filter(f -> f[1] == 1).mapToDouble(f -> f[0]).min().orElseThrow();
        double span = SPAN_MICROS / 1e6;
        return (int) frames.stream().filter(f -> f[0] >= start - 1e-6 && f[0] < start + span - 1e-6).count();
    }

    /** Frames ffmpeg decoded with pts in SPAN from its first key frame (from showinfo lines). */
    private static int framesInWindow(String log) {
        java.util.List<double[]> frames = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("pts_time:\\s*(-?[0-9.]+).*?iskey:(\\d)").matcher(log);
        while (m.find()) {
            frames.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        double start = frames.stream().filter(f -> f[1] == 1).mapToDouble(f -> f[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no key frame from ffmpeg: " + log));
        double span = SPAN_MICROS / 1e6;
        return (int) frames.stream().filter(f -> f[0] >= start - 1e-6 && f[0] < start + span - 1e-6).count();
    }
}
