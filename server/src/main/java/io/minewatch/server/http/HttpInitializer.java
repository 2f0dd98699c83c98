package io.minewatch.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds each HTTP connection's pipeline, with bounds on everything that comes from outside. */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 8192;
    private static final int MAX_CHUNK_SIZE = 8192;
    /** Requests carry no bodies yet: a small cap. */
    private static final int MAX_CONTENT = 64 * 1024;
    /** A connection with nothing read or written for this long is closed (a download in progress writes). */
    private static final int IDLE_SECONDS = 30;

    static final String IDLE = "idle";
    static final String DEADLINE = "deadline";
    static final String ARRIVED = "arrived";
    static final String WEBSOCKETS = "ws";
    static final String API = "api";
    static final String ERRORS = "errors";

    private final HttpRoutes routes;
    private final HttpWorkers workers;
    private final WebSocketUpgrades.Bound webSockets;

    HttpInitializer(HttpRoutes routes, HttpWorkers workers, WebSocketUpgrades.Bound webSockets) {
        this.routes = routes;
        this.workers = workers;
        this.webSockets = webSockets;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RequestDeadline deadline = new RequestDeadline(workers.headerTimeoutMillis, workers.headerTimeouts);
        ch.pipeline()
                .addLast(IDLE, new IdleStateHandler(true, 0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast(DEADLINE, deadline.bytesIn())
                .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE))
                .addLast(new HttpObjectAggregator(MAX_CONTENT))
                .addLast(ARRIVED, deadline.requestIn());
        if (webSockets != null) {
            ch.pipeline().addLast(WEBSOCKETS, webSockets.handler());
        }
        ch.pipeline()
                .addLast(API, new HttpApiHandler(routes, workers))
                .addLast(ERRORS, new HttpExceptionHandler());
    }
}
