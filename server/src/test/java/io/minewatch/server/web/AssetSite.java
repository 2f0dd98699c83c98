package io.minewatch.server.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The console's static assets served by the real {@link StaticAssets} on a loopback port, for tests
 * of the pages before (and apart from) the server's router; anything else is a JSON 404.
 */
final class AssetSite implements AutoCloseable {
    private final HttpServer server;

    private AssetSite(HttpServer server) {
        this.server = server;
    }

    static AssetSite start(StaticAssets assets) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> answer(ex, assets));
        server.start();
        return new AssetSite(server);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, StaticAssets assets) throws IOException {
        try (ex) {
            String path = URI.create(ex.getRequestURI().toString()).getPath();
            Optional<StaticAssets.Response> r = ex.getRequestMethod().equals("GET")
                    ? assets.serve(path, ex.getRequestHeaders().getFirst("If-None-Match")) : Optional.empty();
            if (r.isEmpty()) {
                byte[] body = "{\"error\":\"no such endpoint\"}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                ex.sendResponseHeaders(404, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            StaticAssets.Response a = r.get();
            a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.getResponseHeaders().set("Content-Type", a.contentType());
            ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
            if (a.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(a.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
