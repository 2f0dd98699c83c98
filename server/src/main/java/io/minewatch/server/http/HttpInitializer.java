package io.minewatch.server.http;

import io.minewatch.server.auth.Authenticator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds each HTTP connection's pipeline, with bounds on everything that comes from outside. */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 8192;
    /** Largest body piece the codec hands on: streamed uploads write fewer, larger pieces (the aggregator cap is apart). */
    private static final int MAX_CHUNK_SIZE = 65536;
    /** Request bodies are small JSON objects (sign-in, acks): a small cap; larger is 413 (streamed routes excepted). */
    private static final int MAX_CONTENT = 64 * 1024;
    /** A connection with nothing read or written for this long is closed (a download in progress writes). */
    private static final int IDLE_SECONDS = 30;

    static final String IDLE = "idle";
    static final String DEADLINE = "deadline";
    static final String ARRIVED = "arrived";
    static final String STREAMED = "streamed";
    static final String WEBSOCKETS = "ws";
    static final String API = "api";
    static final String ERRORS = "errors";

    private final Router router;
    private final Authenticator auth;
    private final HttpWorkers workers;
    private final SslContext ssl;
    private final WebSocketUpgrades.Bound webSockets;

    /**
     * @param ssl        TLS context, or null for plain HTTP
     * @param webSockets the WebSocket routes, or null for none
     */
    HttpInitializer(Router router, Authenticator auth, HttpWorkers workers, SslContext ssl,
            WebSocketUpgrades.Bound webSockets) {
        this.router = router;
        this.auth = auth;
        this.workers = workers;
        this.ssl = ssl;
        this.webSockets = webSockets;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RequestDeadline deadline = new RequestDeadline(workers.headerTimeoutMillis, workers.headerTimeouts);
        if (ssl != null) {
            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast(IDLE, new IdleStateHandler(true, 0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast(DEADLINE, deadline.bytesIn())
                .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE))
                // Streamed routes (uploads) take their requests here, before they would be gathered in memory.
                .addLast(STREAMED, new StreamedRequests(router, auth, workers, deadline))
                .addLast(new HttpObjectAggregator(MAX_CONTENT))
                .addLast(ARRIVED, deadline.requestIn())
                // Files go out as chunks under TLS (SslHandler cannot send a zero-copy FileRegion).
                .addLast("chunks", new ChunkedWriteHandler());
        if (webSockets != null) {
            // Before the API: takes the upgrades (and plain requests) on the WebSocket routes.
            ch.pipeline().addLast(WEBSOCKETS, webSockets.handler());
        }
        ch.pipeline()
                .addLast(API, new HttpApiHandler(router, auth, workers))
                .addLast(ERRORS, new HttpExceptionHandler());
    }
}
