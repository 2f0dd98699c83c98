package io.minewatch.server.video;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A live video viewer over the JDK's WebSocket client: keeps the text frames and the binary bytes. */
final class VideoClient implements WebSocket.Listener, AutoCloseable {
    final List<String> texts = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile int binaries;
    private final StringBuilder text = new StringBuilder();
    private final WebSocket ws;

    VideoClient(int port, String camera) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/cameras/" + camera + "/video"), this)
                .get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            texts.add(text.toString());
            text.setLength(0);
        }
        w.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        synchronized (bytes) {
            bytes.writeBytes(b);
        }
        if (last) {
            binaries++;
        }
        w.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
        closed.complete(status);
        return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
        closed.complete(-1);
    }

    byte[] received() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    @Override
    public void close() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        ws.abort();
    }
}
