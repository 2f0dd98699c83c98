package io.minewatch.tools.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live video benchmark, viewer side: opens {@code PER_CAMERA} WebSocket viewers of each camera
 * {@code cam1..camN} of {@link LiveVideoBench} (the JDK's WebSocket client, in its own process so that
 * the server's CPU is measured alone), reads everything, and runs until the server goes.
 *
 * <p>Usage: {@code LiveVideoViewers PORT CAMERAS PER_CAMERA}
 */
public final class LiveVideoViewers {
    private LiveVideoViewers() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int cameras = Integer.parseInt(args[1]);
        int perCamera = Integer.parseInt(args[2]);
        AtomicLong bytes = new AtomicLong();
        AtomicLong open = new AtomicLong();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> all = new ArrayList<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                bytes.addAndGet(data.remaining());
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                open.decrementAndGet();
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                open.decrementAndGet();
            }
        };
        for (int v = 0; v < perCamera; v++) {
            for (int c = 1; c <= cameras; c++) {
                all.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/cameras/cam"
                        + c + "/video"), listener).get(30, TimeUnit.SECONDS));
                open.incrementAndGet();
            }
        }
        while (open.get() > 0) {
            Thread.sleep(500);
        }
        System.out.println("VIEWERS received_mb=" + bytes.get() / 1048576);
    }
}
