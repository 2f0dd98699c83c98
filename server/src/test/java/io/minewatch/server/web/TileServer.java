package io.minewatch.server.web;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/** A map tile host on its own loopback port (another origin than the console): every tile one PNG. */
final class TileServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private TileServer(HttpServer server) {
        this.server = server;
    }

    static TileServer start() throws IOException {
        BufferedImage tile = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tile.createGraphics();
        g.setColor(new Color(0xcfe3c8));
        g.fillRect(0, 0, 256, 256);
        g.setColor(new Color(0x8fb3d9));
        g.fillRect(0, 120, 256, 16);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(tile, "png", png);
        byte[] body = png.toByteArray();
        TileServer t = new TileServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16));
        t.server.createContext("/tiles/", ex -> {
            try (ex) {
                t.requests.incrementAndGet();
                ex.getResponseHeaders().set("Content-Type", "image/png");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        t.server.start();
        return t;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
