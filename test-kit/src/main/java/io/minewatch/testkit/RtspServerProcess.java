package io.minewatch.testkit;

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
 * The project's GStreamer RTSP server (scripts/rtsp-server.py, run with /usr/bin/python3) as a test peer:
 * started on a free port, killed and restarted on the same port. Fails with a clear message when
 * GStreamer or the footage is missing.
 */
public final class RtspServerProcess implements AutoCloseable {
    private final List<String> args;
    private Process process;
    private int port;

    private RtspServerProcess(List<String> args) {
        this.args = args;
    }

    /**
     * Starts the server on a free port with these mounts ({@code name=/path/file.mp4[:h264|h265]}, or
     * {@code name=@mjpeg} / {@code name=@audio}: a Motion JPEG test pattern / a tone without video).
     */
    public static RtspServerProcess start(String... mounts) throws IOException {
        return start(List.of(), mounts);
    }

    /** Starts the server on a free port with these options (e.g. {@code --once}, {@code --user}) and mounts. */
    public static RtspServerProcess start(List<String> options, String... mounts) throws IOException {
        for (String mount : mounts) {
            if (mount.substring(mount.indexOf('=') + 1).startsWith("@")) {
                continue; // @mjpeg, @audio: test sources of the script, not files
            }
            Path file = Path.of(mount.substring(mount.indexOf('=') + 1).replaceFirst(":h26[45]$", ""));
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("footage missing: " + file
                        + " (set -Dminewatch.shared or MINEWATCH_SHARED)");
            }
        }
        List<String> a = new ArrayList<>(options);
        a.addAll(List.of(mounts));
        RtspServerProcess p = new RtspServerProcess(a);
        p.launch(0);
        return p;
    }

    /** scripts/rtsp-server.py, found in this folder or one above it. */
    public static Path script() {
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
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script().toString(), "--port",
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

    /** {@code rtsp://127.0.0.1:<port>/<mount>}. */
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
