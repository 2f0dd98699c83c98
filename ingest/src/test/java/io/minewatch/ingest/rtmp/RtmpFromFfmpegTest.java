package io.minewatch.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtmpConfig;
import io.minewatch.ingest.camera.CameraStatus;
import io.minewatch.ingest.push.PushedCamera;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.testing.Await;
import io.minewatch.ingest.testing.AuSequence;
import io.minewatch.ingest.testing.ClipIndex;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ffmpeg CLI publishes a whole clip by stream copy over RTMP ({@code -re -c copy -f flv}): the
 * camera's ring holds exactly the clip's packets, frame for frame (count, decode order, presentation
 * times, key flags, and each access unit's size: the MP4 sample with its 4-byte lengths turned into
 * start codes, key frames with SPS and PPS in front). Publishes without credentials, with a wrong
 * password, to an unknown camera or another application are refused with the reason ffmpeg prints, and
 * a non-H.264 stream is refused naming its codec.
 */
class RtmpFromFfmpegTest {
    private static final Path CLIP = SharedFiles.video(SharedFiles.HIGHWAY_720P);

    @Test
    void ffmpegPublishesAClipFrameForFrameAndStrangersAreRefused() throws Exception {
        ClipIndex clip = ClipIndex.of(CLIP);
        int[] sizes = sizes(CLIP);
        assertEquals(clip.size(), sizes.length);
        List<CameraStatus> events = new CopyOnWriteArrayList<>();
        IngestSettings big = new IngestSettings(IngestSettings.Transport.AUTO, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 120, 256L << 20);
        try (RtmpServer server = new RtmpServer(new RtmpConfig("127.0.0.1", 0, "drone", "pa55-word"),
                new SimpleMeterRegistry())) {
            PushedCamera cam = server.add("drone-1", big, events::add);
            server.start();
            String base = "rtmp://127.0.0.1:" + server.port();
            Result none = publish(base + "/live/drone-1", CLIP, 2);
            assertNotEquals(0, none.exit, "publish without credentials accepted");
            assertTrue(none.output.contains("wrong or missing credentials"), none.output);
            Result wrong = publish(base + "/live/drone-1?user=drone&pass=wrong", CLIP, 2);
            assertNotEquals(0, wrong.exit, "wrong password accepted");
            Result unknown = publish(base + "/live/nobody?user=drone&pass=pa55-word", CLIP, 2);
            assertNotEquals(0, unknown.exit, "publish to an unknown camera accepted");
            assertTrue(unknown.output.contains("no RTMP camera nobody"), unknown.output);
            Result app = publish(base + "/other/drone-1?user=drone&pass=pa55-word", CLIP, 2);
            assertNotEquals(0, app.exit, "publish to another application accepted");
            assertEquals(0, cam.metrics().accessUnits());
            assertEquals(1.0, server.metrics().count("ingest.rtmp.auth.refused", "no_credentials"));
            assertEquals(1.0, server.metrics().count("ingest.rtmp.auth.refused", "wrong_credentials"));
            assertEquals(1.0, server.metrics().count("ingest.rtmp.closed", "bad_app"));

            Result ok = publish(base + "/live/drone-1?user=drone&pass=pa55-word", CLIP, 0);
            assertEquals(0, ok.exit, "publish failed: " + ok.output);
            Await.until(() -> events.stream().anyMatch(e -> e.kind() == CameraStatus.Kind.OFFLINE),
                    Duration.ofSeconds(5), "the camera goes offline after the publisher left");
            List<AccessUnit> aus = Arrays.asList(cam.ring().snapshot());
            assertEquals(clip.size(), aus.size(), "access units received vs packets in the file");
            assertNull(AuSequence.check(aus, clip));
            int[] got = aus.stream().mapToInt(AccessUnit::size).toArray();
            assertArrayEquals(sizes, got, "access unit sizes vs the file's packets (+ SPS/PPS on key frames)");
            assertEquals(0, cam.metrics().droppedCount("malformed"));
            assertEquals(List.of(CameraStatus.Kind.ONLINE, CameraStatus.Kind.OFFLINE),
                    events.stream().map(CameraStatus::kind).toList());

            Result vp6 = publishEncoded(base + "/live/drone-1?user=drone&pass=pa55-word");
            assertNotEquals(0, vp6.exit, "a Sorenson H.263 publish was accepted");
            assertEquals(1.0, server.metrics().count("ingest.rtmp.closed", "unsupported_codec"), vp6.output);
            assertEquals(0.0, server.metrics().count("ingest.rtmp.errors", null));
        }
    }

    /** The file's video packet sizes as access units: 4-byte lengths become start codes; key frames gain SPS+PPS. */
    private static int[] sizes(Path clip) throws Exception {
        String out = FfmpegCli.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,size,flags", "-of", "csv=p=0", clip.toString()), 60);
        int sets = setsSize(clip);
        double duration = FfmpegCli.duration(clip);
        List<Integer> sizes = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split(",");
            if (f.length >= 3 && !f[0].equals("N/A") && Double.parseDouble(f[0]) < duration - 1e-6) {
                sizes.add(Integer.parseInt(f[1]) + (f[2].contains("K") ? sets : 0));
            }
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 4 + SPS + 4 + PPS of the file's avcC (its first SPS and PPS; ffprobe dumps the extradata). */
    private static int setsSize(Path clip) throws Exception {
        String out = FfmpegCli.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_data",
                "-show_entries", "stream=extradata", "-of", "default", clip.toString()), 60);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (String line : out.split("\n")) {
            if (line.matches("^[0-9a-f]{8}: .*")) {
                String hex = line.substring(10, Math.min(line.length(), 10 + 40)).replace(" ", "");
                for (int i = 0; i + 1 < hex.length(); i += 2) {
                    bytes.write(Integer.parseInt(hex.substring(i, i + 2), 16));
                }
            }
        }
        byte[] c = bytes.toByteArray();
        assertEquals(1, c[0], "avcC version");
        assertEquals(1, c[5] & 0x1F, "one SPS");
        int sps = ((c[6] & 0xFF) << 8) | (c[7] & 0xFF);
        assertEquals(1, c[8 + sps], "one PPS");
        int pps = ((c[9 + sps] & 0xFF) << 8) | (c[10 + sps] & 0xFF);
        return 4 + sps + 4 + pps;
    }

    private record Result(int exit, String output) {
    }

    static Result publish(String url, Path clip, int seconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-re", "-i", clip.toString()));
        if (seconds > 0) {
            cmd.addAll(List.of("-t", Integer.toString(seconds)));
        }
        cmd.addAll(List.of("-an", "-c", "copy", "-f", "flv", url));
        return run(cmd, 40);
    }

    private static Result publishEncoded(String url) throws Exception {
        return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=10", "-t", "1", "-c:v", "flv1", "-f", "flv", url), 40);
    }

    private static Result run(List<String> cmd, int timeout) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(timeout, TimeUnit.SECONDS), "ffmpeg hung");
        return new Result(p.exitValue(), out);
    }
}
