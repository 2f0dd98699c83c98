package io.minewatch.tools.flight;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the server that drops one connection (a reset both ways, as when a link
 * fails) once {@code cutAfter} bytes have gone from client to server on it. Counts the cuts made.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstream;
    private final long cutAfter;
    private final AtomicBoolean armed = new AtomicBoolean(true);
    final AtomicInteger cuts = new AtomicInteger();

    CuttingProxy(int upstream, long cutAfter) throws IOException {
        this.upstream = upstream;
        this.cutAfter = cutAfter;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "cutting-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstreamDirection) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            long sent = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    sent += n;
                    if (upstreamDirection && sent > cutAfter && armed.compareAndSet(true, false)) {
                        cuts.incrementAndGet();
                        from.setSoLinger(true, 0);
                        to.setSoLinger(true, 0);
                        from.close();
                        to.close();
                        return;
                    }
                }
            } catch (IOException e) {
                // the other direction closed or was cut
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // closing
                }
            }
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
