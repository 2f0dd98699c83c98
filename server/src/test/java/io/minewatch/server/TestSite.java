package io.minewatch.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the whole-server tests share: footage, model cards, free ports, topic prefixes, the RTSP server. */
final class TestSite {
    static final Path SHARED = Path.of(System.getProperty("minewatch.shared", "../../shared"));
    static final Path MODELS = Path.of(System.getProperty("minewatch.models", "../models"));
    /** The default model card. */
    static final Path MODEL = MODELS.resolve("yolox-nano");
    /** The freeway clip with the tanker at ~1 s (MPEG-4 320x240). */
    static final Path HAAR = SHARED.resolve("media/video/andrewssobral_haar_video1.avi");
    /** The street clip with parked cars and a school bus (H.264 640x360). */
    static final Path TRAFFIC = SHARED.resolve("media/video/cKuhn517_cvTrafficCam_traffic.mp4");
    static final ObjectMapper JSON = new ObjectMapper();

    private TestSite() {
    }

    /** A TCP port free at the time of asking. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Two TCP ports free at the time of asking, different from each other (both held while asked). */
    static int[] twoFreePorts() throws IOException {
        try (ServerSocket s = new ServerSocket(0); ServerSocket t = new ServerSocket(0)) {
            return new int[] {s.getLocalPort(), t.getLocalPort()};
        }
    }

    /** A topic prefix of this test's own, so tests sharing a broker never see each other's messages. */
    static String topicPrefix() {
        return "mwtest-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    }

    /** Starts scripts/rtsp-server.py (GStreamer) on a free port with {@code name=file} mounts. */
    static Process startRtspServer(String... mounts) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("scripts/rtsp-server.py"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("scripts/rtsp-server.py not found");
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3",
                p.resolve("scripts/rtsp-server.py").toString(), "--port", "0"));
        cmd.addAll(List.of(mounts));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Waits for the server's {@code READY <port>} line and returns the port. */
    static int rtspPort(Process server) throws Exception {
        String line = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.startsWith("READY ")) {
            server.destroyForcibly();
            throw new IllegalStateException("GStreamer RTSP server did not start (python3-gi, "
                    + "gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{base,good,bad}): " + line);
        }
        return Integer.parseInt(line.substring(6).trim());
    }
}
