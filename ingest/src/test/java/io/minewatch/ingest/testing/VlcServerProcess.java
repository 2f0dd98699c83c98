package io.minewatch.ingest.testing;

import io.minewatch.testkit.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * VLC 3.0's RTSP server as a test peer: a file looped as a live camera, RTP over UDP only (VLC answers
 * 461 to a TCP SETUP). VLC refuses to run as root, so as root it runs as the user
 * {@value #USER} that scripts/test creates.
 */
public final class VlcServerProcess implements AutoCloseable {
    /** The unprivileged user VLC runs as when the tests run as root. */
    public static final String USER = "minewatch-vlc";

    private final Process process;
    private final int port;
    private final Path log;

    private VlcServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Serves {@code file} (H.264 MP4) at rtsp://127.0.0.1:port/{@code mount}, looping. */
    public static VlcServerProcess start(Path file, String mount) throws IOException, InterruptedException {
        int port = FreePorts.freePort();
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", USER, "--"));
        }
        cmd.addAll(List.of("cvlc", "-I", "dummy", "--no-audio", "--loop", file.toAbsolutePath().toString(),
                "--sout", "#rtp{sdp=rtsp://127.0.0.1:" + port + "/" + mount + "}", "--sout-keep"));
        Path log = Files.createTempFile("minewatch-vlc", ".log");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("VLC not found (needs vlc-bin and vlc-plugin-base, and as root the user "
                    + USER + "; scripts/test installs them): " + e.getMessage(), e);
        }
        VlcServerProcess v = new VlcServerProcess(p, port, log);
        long deadline = System.currentTimeMillis() + 15_000;
        while (!v.listening()) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                String out = Files.readString(log);
                v.close();
                throw new IllegalStateException("VLC's RTSP server did not start on port " + port + ": " + out);
            }
            Thread.sleep(100);
        }
        return v;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url(String mount) {
        return "rtsp://127.0.0.1:" + port + "/" + mount;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file left behind
        }
    }
}
