package io.minewatch.server.flights.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.server.flights.UploadedFlight;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/flights} over the real server with real ffprobe and ffmpeg and the shared drone
 * footage: a good video with its SRT reaches the intake byte for byte; a video whose telemetry is an
 * embedded subtitle track reaches it with that track extracted; random bytes, a truncated video, a
 * text file and a still picture are refused with 400 naming the file, and nothing of them is kept.
 */
class FlightSubmitTest {
    static final Path SHARED = Path.of(System.getProperty("minewatch.shared", "../shared"));
    static final Path CLIP = SHARED.resolve("media/video/spatialhast_drone_aerial_city.mp4");
    static final Path SRT = SHARED.resolve("media/telemetry/air2s.srt");
    @TempDir
    Path dir;
    UploadSite site;
    UploadSite.User ana;

    @BeforeEach
    void start() throws Exception {
        site = new UploadSite(dir.resolve("flights"), new UploadLimits(64 << 20, 4));
        ana = site.signIn("ana");
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void aVideoAndItsSrtReachTheIntakeByteForByte() throws Exception {
        byte[] video = Files.readAllBytes(CLIP);
        byte[] srt = Files.readAllBytes(SRT);
        String v = UploadSite.id(site.upload(ana, video, "DJI_0042.MP4"));
        String t = UploadSite.id(site.upload(ana, srt, "DJI_0042.SRT"));
        HttpResponse<String> r = site.submit(ana, "{\"video_upload\":\"" + v + "\",\"telemetry_upload\":\"" + t
                + "\",\"site\":\"pit-3\",\"drone_model\":\"air2s\"}");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("flight-1", UploadSite.json(r.body()).get("id").asText());
        UploadedFlight f = site.submitted.get(0);
        assertArrayEquals(video, Files.readAllBytes(f.video()));
        assertArrayEquals(srt, Files.readAllBytes(f.telemetry()));
        assertEquals(List.of("DJI_0042", "pit-3", "air2s", "ana"), List.of(f.name(), f.site(), f.droneModel(),
                f.uploadedBy()));
        assertTrue(f.video().getFileName().toString().equals("video.mp4"), f.video().toString());
        assertTrue(TusUploadTest.isEmpty(dir.resolve("flights/uploads")), "the uploads became the flight's files");
        assertEquals(404, site.send(site.request(ana, "/api/v1/uploads/" + v), "HEAD").statusCode());
    }

    @Test
    void embeddedSubtitleTelemetryIsExtracted() throws Exception {
        Path muxed = dir.resolve("embedded.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", CLIP.toString(), "-i", SRT.toString(),
                "-map", "0:v", "-map", "1", "-c:v", "copy", "-c:s", "mov_text", muxed.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0,
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        String v = UploadSite.id(site.upload(ana, Files.readAllBytes(muxed), "DJI_0043.MP4"));
        HttpResponse<String> r = site.submit(ana, "{\"video_upload\":\"" + v + "\",\"name\":\"north slope\"}");
        assertEquals(201, r.statusCode(), r.body());
        UploadedFlight f = site.submitted.get(0);
        assertEquals("north slope", f.name());
        String extracted = Files.readString(f.telemetry());
        String original = Files.readString(SRT);
        String firstLat = original.substring(original.indexOf("latitude"), original.indexOf("]", original.indexOf("latitude")));
        assertTrue(extracted.contains(firstLat), "the extracted track holds the SRT's positions: " + firstLat);
        assertEquals(original.split("-->").length, extracted.split("-->").length, "every record");

        String plain = UploadSite.id(site.upload(ana, Files.readAllBytes(CLIP), "plain.mp4"));
        assertEquals(201, site.submit(ana, "{\"video_upload\":\"" + plain + "\"}").statusCode());
        assertNull(site.submitted.get(1).telemetry(), "no subtitle track, no telemetry file");
    }

    @Test
    void corruptAndNonVideoFilesAreRefusedNamingThemAndNothingIsKept() throws Exception {
        byte[] clip = Files.readAllBytes(CLIP);
        byte[] junk = new byte[300_000];
        new SplittableRandom(9).nextBytes(junk);
        byte[][] files = {junk, Arrays.copyOfRange(clip, 200_000, clip.length), Files.readAllBytes(SRT),
                Files.readAllBytes(SHARED.resolve("media/images/yolox_assets_dog.jpg"))};
        String[] names = {"junk.mp4", "headless.mp4", "notes.mp4", "dog.jpg"};
        for (int i = 0; i < files.length; i++) {
            String v = UploadSite.id(site.upload(ana, files[i], names[i]));
            HttpResponse<String> r = site.submit(ana, "{\"video_upload\":\"" + v + "\"}");
            assertEquals(400, r.statusCode(), names[i] + ": " + r.body());
            String error = UploadSite.json(r.body()).get("error").asText();
            assertTrue(error.startsWith(names[i] + " is not a readable video: "), error);
            assertTrue(!error.contains(dir.toString()), "no server path in the message: " + error);
            assertEquals(404, site.send(site.request(ana, "/api/v1/uploads/" + v), "HEAD").statusCode());
        }
        assertTrue(site.submitted.isEmpty(), "the intake saw none of them");
        assertTrue(TusUploadTest.isEmpty(dir.resolve("flights/uploads")), "no upload kept");
        assertTrue(TusUploadTest.isEmpty(dir.resolve("flights/incoming")), "no half-stored flight");

        site.refuse = "telemetry holds no valid position";
        String v = UploadSite.id(site.upload(ana, clip, "ok.mp4"));
        HttpResponse<String> refused = site.submit(ana, "{\"video_upload\":\"" + v + "\"}");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("telemetry holds no valid position"), refused.body());
        assertTrue(TusUploadTest.isEmpty(dir.resolve("flights/incoming")), "the intake's refusal keeps nothing");

        String half = site.created(ana, clip.length, "half.mp4");
        assertEquals(204, site.patch(ana, half, 0, Arrays.copyOf(clip, 1000)).statusCode());
        HttpResponse<String> incomplete = site.submit(ana, "{\"video_upload\":\"" + UploadSite.id(half) + "\"}");
        assertEquals(409, incomplete.statusCode(), incomplete.body());
        assertEquals(1000, site.offset(ana, half), "an incomplete upload is left to finish");
        assertEquals(400, site.submit(ana, "{\"name\":\"x\"}").statusCode(), "video_upload is required");
    }
}
