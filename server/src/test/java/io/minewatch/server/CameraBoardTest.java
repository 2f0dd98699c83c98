package io.minewatch.server;

import static io.minewatch.server.TestSite.MODEL;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.server.cameras.CameraBoard;
import io.minewatch.testkit.FreePorts;
import io.minewatch.testkit.RtspServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/cameras} and the camera snapshot from the running server: an H.264 clip served
 * by the GStreamer RTSP server and pulled by the Netty ingest, beside a file camera. Status, transport,
 * codec, last frame, detect rate and drops come from the server's own status changes, ring, frames and
 * counters; the snapshot is the latest decoded frame; the camera goes offline when its server stops.
 */
@Timeout(180)
class CameraBoardTest {

    private static final Predicate<String> ALL = site -> true;

    @TempDir
    Path dir;

    private static JsonNode camera(CameraBoard board, String id) {
        for (JsonNode c : board.cameras(ALL).get("cameras")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("camera " + id + " not listed");
    }

    private static JsonNode await(CameraBoard board, String id, Predicate<JsonNode> ok, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode c = camera(board, id);
        while (!ok.test(c)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + c);
            }
            Thread.sleep(200);
            c = camera(board, id);
        }
        return c;
    }

    @Test
    void camerasAndSnapshotsOfTheRunningServer() throws Exception {
        Path h264 = encode();
        RtspServerProcess rtsp = RtspServerProcess.start("cam=" + h264);
        try {
            Path config = dir.resolve("site.yaml");
            Files.writeString(config, """
                    sites:
                      - id: river-north
                        lat: 30.59
                        lon: 114.30
                      - id: quarry
                        lat: 30.6
                        lon: 114.4
                    cameras:
                      - id: overpass-1
                        site: river-north
                        detect: rtsp://127.0.0.1:%d/cam
                        fps: 5
                        ingest:
                          no_data_timeout_s: 2
                      - id: drone-clip
                        site: quarry
                        detect: %s
                        fps: 5
                      - id: spare
                        site: quarry
                        detect: %s
                        enabled: false
                    mqtt:
                      embedded_port: %d
                      anonymous: read
                      topic_prefix: %s
                    storage:
                      dir: data
                    http:
                      port: 0
                    """.formatted(rtsp.port(), TestSite.HAAR, TestSite.HAAR, FreePorts.freePort(),
                    FreePorts.topicPrefix()));
            MinewatchConfig cfg = ConfigLoader.load(config, Map.of());
            try (Application app = Application.create(cfg, MODEL)) {
                CameraBoard board = app.cameraBoard();
                JsonNode before = camera(board, "overpass-1");
                assertEquals("unknown", before.get("status").asText());
                assertTrue(before.get("last_frame_at").isNull());
                assertEquals(0.0, before.get("detect_fps").asDouble());
                assertTrue(before.get("codec").isNull());
                assertEquals("auto", before.get("transport").asText(), "as configured until it connects");
                assertEquals("/api/v1/cameras/overpass-1/video", before.get("video").asText());
                assertEquals("/api/v1/cameras/overpass-1/snapshot", before.get("snapshot").asText());
                assertEquals(2, board.cameras(ALL).get("cameras").size(), "the disabled camera is not listed");
                ApiSchemas.check("CameraList", board.cameras(ALL));
                assertEquals(CameraBoard.Found.NO_FRAME, board.snapshot("overpass-1", ALL).found());
                assertEquals(CameraBoard.Found.UNKNOWN_CAMERA, board.snapshot("spare", ALL).found());
                assertEquals(CameraBoard.Found.UNKNOWN_CAMERA, board.snapshot("nope", ALL).found());
                Predicate<String> quarryOnly = "quarry"::equals;
                assertEquals(1, board.cameras(quarryOnly).get("cameras").size());
                assertEquals(CameraBoard.Found.UNKNOWN_CAMERA, board.snapshot("overpass-1", quarryOnly).found(),
                        "a camera of a site the caller may not see is not there");

                Instant started = Instant.now();
                app.startCameras();
                JsonNode live = await(board, "overpass-1", c -> c.get("status").asText().equals("online")
                        && !c.get("last_frame_at").isNull() && c.get("detect_fps").asDouble() > 2
                        && c.get("detect_fps").asDouble() < 8 && !c.get("codec").isNull(),
                        "the RTSP camera online with frames at about the detect rate (5 fps)");
                assertEquals("h264", live.get("codec").asText());
                ApiSchemas.check("CameraList", board.cameras(ALL));
                assertTrue(live.get("transport").asText().matches("tcp|udp"), live.toString());
                assertTrue(!Instant.parse(live.get("last_frame_at").asText()).isBefore(started));
                long before1 = drops(app, "overpass-1");
                long listed = camera(board, "overpass-1").get("drops").asLong();
                long after1 = drops(app, "overpass-1");
                assertTrue(before1 <= listed && listed <= after1, "drops summed from the detect and ingest drop"
                        + " counters: " + before1 + " <= " + listed + " <= " + after1);

                JsonNode file = await(board, "drone-clip", c -> c.get("status").asText().equals("online"),
                        "the file camera online while it plays");
                assertEquals("file", file.get("transport").asText());
                assertTrue(file.get("codec").isNull(), "a file camera has no ring");

                CameraBoard.Snapshot shot = board.snapshot("overpass-1", ALL);
                assertEquals(CameraBoard.Found.JPEG, shot.found());
                try (Mat m = imdecode(new Mat(shot.jpeg().bytes()), IMREAD_COLOR); Mat mean = new Mat();
                        Mat sd = new Mat()) {
                    assertEquals(shot.jpeg().width(), m.cols());
                    assertEquals(shot.jpeg().height(), m.rows());
                    assertTrue(m.cols() >= 160 && m.rows() >= 120, m.cols() + "x" + m.rows());
                    meanStdDev(m, mean, sd);
                    assertTrue(sd.createIndexer().getDouble(0) > 10, "not blank");
                }

                rtsp.close();
                JsonNode down = await(board, "overpass-1", c -> c.get("status").asText().equals("offline"),
                        "the camera offline once its server is gone");
                assertTrue(down.get("transport").asText().matches("tcp|udp"), "the transport it last used");
            }
        } finally {
            rtsp.close();
        }
    }

    /** The camera's drop counters as the registry has them now. */
    private static long drops(Application app, String camera) {
        return (long) app.registry().getMeters().stream()
                .filter(m -> camera.equals(m.getId().getTag("camera")) && m instanceof Counter
                        && (m.getId().getName().equals("detect.frames.dropped")
                                || m.getId().getName().equals("ingest.dropped")))
                .mapToDouble(m -> ((Counter) m).count()).sum();
    }

    /** The freeway clip as H.264 in MP4, as a camera would send it. */
    private Path encode() throws Exception {
        Path h264 = dir.resolve("freeway.mp4");
        Process enc = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", TestSite.HAAR.toString(),
                "-c:v", "libx264", "-preset", "veryfast", "-g", "15", "-bf", "0", "-an", h264.toString())
                .redirectErrorStream(true).start();
        String out = new String(enc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(enc.waitFor(60, TimeUnit.SECONDS) && enc.exitValue() == 0, "ffmpeg (libx264) failed: " + out);
        return h264;
    }
}
