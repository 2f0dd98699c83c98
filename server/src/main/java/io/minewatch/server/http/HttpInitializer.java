package io.minewatch.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.Executor;

/** Builds each HTTP connection's pipeline, with bounds on everything that comes from outside. */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 8192;
    private static final int MAX_CHUNK_SIZE = 8192;
    /** Requests carry no bodies yet: a small cap. */
    private static final int MAX_CONTENT = 64 * 1024;
    private static final int READ_TIMEOUT_SECONDS = 30;

    private final HttpRoutes routes;
    private final Executor handlers;

    HttpInitializer(HttpRoutes routes, Executor handlers) {
        this.routes = routes;
        this.handlers = handlers;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast(new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE))
                .addLast(new HttpObjectAggregator(MAX_CONTENT))
                .addLast("api", new HttpApiHandler(routes, handlers))
                .addLast(new HttpExceptionHandler());
    }
}
