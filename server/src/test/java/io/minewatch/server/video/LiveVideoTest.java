package io.minewatch.server.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.camera.CameraIngest;
import io.minewatch.ingest.camera.RtspIngest;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.server.auth.Caller;
import io.minewatch.testkit.FfmpegCli;
import io.minewatch.testkit.RtspServerProcess;
import io.minewatch.testkit.SharedFiles;
import io.netty.channel.WriteBufferWaterMark;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live video end to end without a browser: a real RTSP camera (the GStreamer server streaming the
 * shared footage), the real ingest and ring, the live video source and endpoint behind a real
 * WebSocket handshake, and the JDK's WebSocket client as the viewers. What each viewer received is
 * checked with the ffmpeg CLI.
 */
class LiveVideoTest {
    private static final Caller COMMAND = new Caller("c1", "Command", Caller.COMMAND);
    private static final WriteBufferWaterMark MARKS = new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VideoMetrics metrics = new VideoMetrics(registry);

    @Test
    void threeViewersShareOneMuxerAndEachStreamDecodesFromAKeyFrame() throws Exception {
        try (RtspServerProcess rtsp = RtspServerProcess.start("cam=" + SharedFiles.video(SharedFiles.HIGHWAY_720P));
             RtspIngest ingest = new RtspIngest(1, registry);
             LiveVideo video = new LiveVideo(metrics, 8, Duration.ofSeconds(10), 16 << 20, Duration.ofMillis(100))) {
            CameraIngest cam = ingest.add("cam", rtsp.url("cam"), IngestSettings.DEFAULTS, s -> { });
            cam.start();
            waitFor(() -> cam.metrics().accessUnits() > 30, 30_000, "the camera streams");
            try (WebSocketTestServer ws = server(video, Map.of("cam", cam.ring()), 0, MARKS)) {
                List<VideoClient> viewers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    // each joins at a different moment of the group of pictures
                    viewers.add(new VideoClient(ws.port(), "cam"));
                    waitFor(() -> viewers.get(viewers.size() - 1).binaries > 10, 30_000, "viewer gets fragments");
                }
                waitFor(() -> viewers.stream().allMatch(v -> v.binaries > 80), 60_000, "80 fragments each");
                assertEquals(1.0, counter(VideoMetrics.SOURCES_STARTED), "one muxer for the three viewers");
                assertEquals(3, gauge(VideoMetrics.VIEWERS, "cam"), "viewers gauge");
                assertEquals(1, registry.get(VideoMetrics.SOURCES).gauge().value(), "sources gauge");
                double made = counter(VideoMetrics.FRAGMENTS);
                double sent = counter(VideoMetrics.FRAGMENTS_SENT);
                assertTrue(sent > 2 * made && sent <= 3 * made + 3 * 120, "each fragment made once, sent to each: made "
                        + made + ", sent " + sent);
                for (int i = 0; i < viewers.size(); i++) {
                    VideoClient v = viewers.get(i);
                    assertTrue(v.texts.get(0).matches("\\{\"type\":\"init\",\"mime\":\"video/mp4; codecs=\\\\\"avc1\\.64[0-9A-F]{4}\\\\\"\"}"),
                            v.texts.get(0));
                    // Kept under target/ for a look (and a browser's Media Source Extensions check).
                    Path file = Files.createDirectories(Path.of("target", "live-video")).resolve("viewer" + i + ".mp4");
                    Files.write(file, v.received());
                    Files.writeString(file.resolveSibling("viewer" + i + ".mime"), v.texts.get(0));
                    assertEquals("", decodeErrors(file), "viewer " + i + ": ffmpeg reported decoding errors");
                    assertDecodeTimesRise(file);
                    String first = FfmpegCli.output("ffprobe", "-v", "error", "-select_streams", "v",
                            "-show_entries", "packet=flags", "-read_intervals", "%+#1", "-of", "csv=p=0",
                            file.toString()).trim();
                    assertTrue(first.startsWith("K"), "viewer " + i + " starts at a key frame: " + first);
                    String size = FfmpegCli.output("ffprobe", "-v", "error", "-show_entries", "stream=width,height",
                            "-of", "csv=p=0", file.toString()).trim();
                    assertEquals("1280,720", size);
                }
                viewers.forEach(VideoClient::close);
                waitFor(() -> gauge(VideoMetrics.VIEWERS, "cam") == 0, 10_000, "viewers leave");
                waitFor(() -> registry.get(VideoMetrics.SOURCES).gauge().value() == 0, 10_000,
                        "the muxer stops after the last viewer");
                assertEquals(0, video.running());
            }
        }
    }

    /**
     * A viewer that stops reading (its TCP window fills, the server's send buffer passes the high-water
     * mark) skips to the next key frame and is closed once it stays behind; the other viewer of the
     * same camera keeps receiving a stream that decodes.
     */
    @Test
    void aStalledViewerSkipsToKeyFramesAndIsClosedWithoutHurtingTheOther() throws Exception {
        try (RtspServerProcess rtsp = RtspServerProcess.start("cam=" + SharedFiles.video(SharedFiles.HIGHWAY_720P));
             RtspIngest ingest = new RtspIngest(1, registry);
             LiveVideo video = new LiveVideo(metrics, 8, Duration.ofSeconds(1), 16 << 20, Duration.ofMillis(100))) {
            CameraIngest cam = ingest.add("cam", rtsp.url("cam"), IngestSettings.DEFAULTS, s -> { });
            cam.start();
            waitFor(() -> cam.metrics().accessUnits() > 30, 30_000, "the camera streams");
            try (WebSocketTestServer ws = server(video, Map.of("cam", cam.ring()), 8192,
                    new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
                 Socket stalled = stalledViewer(ws.port());
                 VideoClient good = new VideoClient(ws.port(), "cam")) {
                waitFor(() -> registry.find(VideoMetrics.DROPS).tags("camera", "cam", "reason", VideoMetrics.TOO_SLOW)
                        .counter() != null, 60_000, "the stalled viewer is closed as too slow");
                assertTrue(counter(VideoMetrics.SKIPS) >= 1, "it skipped to a key frame first");
                int before = good.binaries;
                waitFor(() -> good.binaries > before + 50, 30_000, "the other viewer keeps receiving");
                Path file = dir.resolve("good.mp4");
                Files.write(file, good.received());
                assertEquals("", decodeErrors(file), "the good viewer's stream decodes");
                assertEquals(1.0, counter(VideoMetrics.SOURCES_STARTED), "still one muxer");
            }
        }
    }

    @Test
    void anH265CameraGetsTheSnapshotFallback() throws Exception {
        Path clip = dir.resolve("h265.mp4");
        FfmpegCli.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "4", "-c:v", "libx265",
                "-preset", "ultrafast", "-x265-params", "keyint=25:log-level=error", "-tag:v", "hvc1", "-an",
                clip.toString());
        try (RtspServerProcess rtsp = RtspServerProcess.start("cam=" + clip + ":h265");
             RtspIngest ingest = new RtspIngest(1, registry);
             LiveVideo video = new LiveVideo(metrics, 8, Duration.ofSeconds(10), 16 << 20, Duration.ofMillis(100))) {
            CameraIngest cam = ingest.add("cam", rtsp.url("cam"), IngestSettings.DEFAULTS, s -> { });
            cam.start();
            try (WebSocketTestServer ws = server(video, Map.of("cam", cam.ring()), 0, MARKS);
                 VideoClient v = new VideoClient(ws.port(), "cam")) {
                int status = v.closed.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(1000, status);
                assertEquals(List.of("{\"type\":\"fallback\",\"reason\":\"h265\",\"snapshot\":\"/api/v1/cameras/cam/snapshot\"}"),
                        v.texts);
                assertEquals(0, v.binaries, "no video bytes");
                assertEquals(1.0, registry.get(VideoMetrics.FALLBACKS).tags("camera", "cam", "reason", "h265").counter().count());
                waitFor(() -> video.running() == 0, 10_000, "the source ends");
            }
        }
    }

    @Test
    void aCameraWithoutRingFallsBackAndAnUnknownOneIsRefused() throws Exception {
        try (LiveVideo video = new LiveVideo(metrics, 8, Duration.ofSeconds(10), 16 << 20, Duration.ofMillis(100));
             WebSocketTestServer ws = new WebSocketTestServer(VideoEndpoint.PATH,
                     new VideoEndpoint(id -> id.equals("file"), id -> null, (c, id) -> true, video, metrics, MARKS),
                     COMMAND, 0);
             VideoClient file = new VideoClient(ws.port(), "file");
             VideoClient unknown = new VideoClient(ws.port(), "nope")) {
            assertEquals(1000, file.closed.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of("{\"type\":\"fallback\",\"reason\":\"no_ring\",\"snapshot\":\"/api/v1/cameras/file/snapshot\"}"),
                    file.texts);
            assertEquals(1008, unknown.closed.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of("{\"type\":\"error\",\"error\":\"no such camera\"}"), unknown.texts);
            assertEquals(0, video.running());
        }
    }

    @Test
    void aCallerWhoMayNotSeeTheCameraGetsTheSameAnswerAsForAnUnknownOne() throws Exception {
        PreRollRing ring = new PreRollRing(5, 1 << 20, 64, r -> { });
        try (LiveVideo video = new LiveVideo(metrics, 8, Duration.ofSeconds(10), 16 << 20, Duration.ofMillis(100));
             WebSocketTestServer ws = new WebSocketTestServer(VideoEndpoint.PATH,
                     new VideoEndpoint(id -> id.equals("cam"), id -> ring, (c, id) -> !c.official(), video, metrics,
                             MARKS), new Caller("o1", "Official", Caller.OFFICIAL), 0);
             VideoClient v = new VideoClient(ws.port(), "cam")) {
            assertEquals(1008, v.closed.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of("{\"type\":\"error\",\"error\":\"no such camera\"}"), v.texts);
            assertEquals(0, v.binaries);
            assertEquals(0, video.running(), "no muxer started for a refused caller");
        }
    }

    private WebSocketTestServer server(LiveVideo video, Map<String, PreRollRing> rings, int sendBuffer,
                                       WriteBufferWaterMark marks) throws InterruptedException {
        return new WebSocketTestServer(VideoEndpoint.PATH, new VideoEndpoint(rings::containsKey, rings::get,
                (c, id) -> true, video, metrics, marks), COMMAND, sendBuffer);
    }

    /** A viewer that completes the handshake and then never reads, with a tiny receive window. */
    private static Socket stalledViewer(int port) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.setSoTimeout(20_000);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        s.getOutputStream().write(("GET /api/v1/cameras/cam/video HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c;
            try {
                c = in.read();
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("no handshake answer after: " + head, e);
            }
            assertTrue(c >= 0, "handshake answer, got: " + head);
            head.append((char) c);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        return s;
    }

    /**
     * ffmpeg's decoding errors. The output timestamps are renumbered (setpts=N): where the test server
     * loops its clip, two pictures of the seam are 1 tick apart, and ffmpeg's null muxer (frame-rate
     * time base) would report that as its own output error; the file's timestamps are checked apart.
     */
    private static String decodeErrors(Path file) throws Exception {
        return FfmpegCli.output("ffmpeg", "-v", "error", "-i", file.toString(), "-vf", "setpts=N", "-f", "null", "-")
                .trim();
    }

    /** Decode times strictly rise over the whole stream, across segments (ffprobe's reading). */
    private static void assertDecodeTimesRise(Path file) throws Exception {
        long last = Long.MIN_VALUE;
        int n = 0;
        for (String line : FfmpegCli.output("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "packet=dts", "-of", "csv=p=0", file.toString()).split("\n")) {
            if (!line.isBlank()) {
                long dts = Long.parseLong(line.trim());
                assertTrue(dts > last, file + ": decode time " + dts + " after " + last + " at packet " + n);
                last = dts;
                n++;
            }
        }
        assertTrue(n > 50, file + ": " + n + " packets");
    }

    private double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double gauge(String name, String camera) {
        var g = registry.find(name).tag("camera", camera).gauge();
        return g == null ? -1 : g.value();
    }

    static void waitFor(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }
}
