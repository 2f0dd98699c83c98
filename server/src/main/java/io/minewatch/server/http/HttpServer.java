package io.minewatch.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.HttpConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint on Netty: one acceptor thread, one I/O thread, and bounded pools that handle
 * requests ({@link HttpWorkers}), so that nothing slow (a metrics scrape, file I/O, an export) runs on
 * the event loop, and no client can take more than its share.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final HttpWorkers handlers;
    private final Channel channel;

    private HttpServer(EventLoopGroup boss, EventLoopGroup workers, HttpWorkers handlers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
        this.channel = channel;
    }

    /** Binds with the default bounds and metrics nobody reads (tests of routes alone). */
    public static HttpServer start(String host, int port, HttpRoutes routes) throws InterruptedException {
        return start(new HttpConfig(host, port), routes, new SimpleMeterRegistry());
    }

    /** Binds and starts serving; port 0 takes any free port (see {@link #port()}). */
    public static HttpServer start(HttpConfig config, HttpRoutes routes, MeterRegistry registry)
            throws InterruptedException {
        return start(config, routes, registry, null);
    }

    /**
     * Binds and starts serving, with WebSocket routes (null: none); port 0 takes any free port.
     */
    public static HttpServer start(HttpConfig config, HttpRoutes routes, MeterRegistry registry,
            WebSocketUpgrades webSockets) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        HttpWorkers handlers = new HttpWorkers(config, registry);
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new HttpInitializer(routes, handlers,
                            webSockets == null ? null : webSockets.bind(handlers, registry)))
                    .bind(config.host(), config.port()).sync().channel();
            HttpServer server = new HttpServer(boss, workers, handlers, ch);
            log.info("http: listening on {}:{}", config.host(), server.port());
            return server;
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            handlers.close();
            throw e;
        }
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting, lets requests in hand finish (up to 2 s), then closes every connection. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        handlers.close();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
