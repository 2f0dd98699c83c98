package io.minewatch.alerts.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay to a local port that a test can shut: while shut it accepts connections and
 * closes them at once, so a client's reconnect attempt fails at a moment the test chooses.
 */
public final class TcpGate implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    /** Starts relaying a free loopback port to {@code 127.0.0.1:targetPort}. */
    public TcpGate(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("gate-accept", this::acceptLoop).start();
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** New connections are relayed again. */
    public void open() {
        open = true;
    }

    /** New connections are closed at once; relayed ones carry on until either side closes. */
    public void shut() {
        open = false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                if (!open) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(upstream);
                daemon("gate-up", () -> pump(client, upstream)).start();
                daemon("gate-down", () -> pump(upstream, client)).start();
            } catch (IOException e) {
                // Closed, or the target is down: the client sees its connection close.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // Either side closed.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // Nothing to do.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(this::closeQuietly);
    }
}
