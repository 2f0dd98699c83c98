package io.minewatch.detect.decode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** scripts/rtsp-server.py as a test peer (fails clearly when GStreamer is missing). */
final class GstServer implements AutoCloseable {
    static final Path VIDEO = Path.of(System.getProperty("minewatch.shared", "../../shared"), "media/video");
    private final Process process;
    private final int port;

    GstServer(String... mounts) throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("scripts/rtsp-server.py"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("scripts/rtsp-server.py not found");
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", p.resolve("scripts/rtsp-server.py").toString(),
                "--port", "0"));
        cmd.addAll(List.of(mounts));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("GStreamer RTSP server did not start (python3-gi, "
                    + "gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{base,good,bad}): " + line);
        }
        port = Integer.parseInt(line.substring(6).trim());
    }

    String url(String mount) {
        return "rtsp://127.0.0.1:" + port + "/" + mount;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
