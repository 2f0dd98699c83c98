package io.minewatch.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A live feed client on Java's own WebSocket: collects the JSON frames; can stop reading (a slow client). */
final class FeedClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    WebSocket socket;

    private FeedClient(boolean reading) {
        this.reading = reading;
    }

    /** @param cookie the session cookie, {@code mw_session=<token>}, or null for none */
    static FeedClient connect(String url, String cookie) throws Exception {
        return connect(url, cookie, null, true);
    }

    /** @param reading false: take one frame, then read nothing more until {@link #resume()} */
    static FeedClient connect(String url, String cookie, String origin, boolean reading) throws Exception {
        FeedClient c = new FeedClient(reading);
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        c.socket = b.buildAsync(URI.create(url), c).get(10, TimeUnit.SECONDS);
        return c;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        if (reading) {
            ws.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        closed.complete(status);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Reads again, everything. */
    void resume() {
        socket.request(Long.MAX_VALUE);
    }

    /** The next frame, or fails after the timeout. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode n = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (n == null) {
            throw new AssertionError("no live feed frame within " + timeout);
        }
        return n;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
