package io.minewatch.ingest.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's GStreamer RTSP server (scripts/rtsp-server.py) as a test peer: started on a port,
 * killed and restarted on the same port. Fails with a clear message when GStreamer is missing.
 */
public final class RtspServerProcess implements AutoCloseable {
    public static final Path SHARED = Path.of(System.getProperty("minewatch.shared", "../../shared"));
    public static final Path VIDEO = SHARED.resolve("media/video");
    public static final Path CLIP_360P = VIDEO.resolve("cKuhn517_cvTrafficCam_traffic.mp4");
    public static final Path CLIP_720P = VIDEO.resolve("mihailrc_highway_traffic.mp4");
    private static final Path SCRIPT = findScript();

    private final List<String> args;
    private Process process;
    private int port;

    private RtspServerProcess(List<String> args) {
        this.args = args;
    }

    /** Starts the server on a free port with these mounts ("name=/path/file.mp4") and extra options. */
    public static RtspServerProcess start(List<String> options, String... mounts) throws IOException {
        List<String> a = new ArrayList<>(options);
        a.addAll(List.of(mounts));
        RtspServerProcess p = new RtspServerProcess(a);
        p.launch(0);
        return p;
    }

    private static Path findScript() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path s = p.resolve("scripts/rtsp-server.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("scripts/rtsp-server.py not found above " + Path.of("").toAbsolutePath());
    }

    private void launch(int wantedPort) throws IOException {
        if (!Files.isRegularFile(CLIP_360P)) {
            throw new IllegalStateException("footage missing: " + CLIP_360P + " (set MINEWATCH_SHARED)");
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString(), "--port",
                Integer.toString(wantedPort)));
        cmd.addAll(args);
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException("GStreamer RTSP server did not start (needs python3-gi, "
                    + "gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{base,good,bad}; scripts/test installs them): "
                    + line);
        }
        port = Integer.parseInt(line.substring(6).trim());
    }

    public int port() {
        return port;
    }

    public String url(String mount) {
        return "rtsp://127.0.0.1:" + port + "/" + mount;
    }

    /** Kills the server (SIGKILL, like a power cut). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts it again on the same port. */
    public void restart() throws IOException {
        launch(port);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
