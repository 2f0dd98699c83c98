package io.minewatch.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint on Netty: one acceptor thread, one I/O thread, and a small bounded pool that
 * handles requests, so that nothing slow (a metrics scrape, file I/O) runs on the event loop.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService handlers;
    private final Channel channel;

    private HttpServer(EventLoopGroup boss, EventLoopGroup workers, ExecutorService handlers,
                       Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
        this.channel = channel;
    }

    /** Binds and starts serving; port 0 takes any free port (see {@link #port()}). */
    public static HttpServer start(String host, int port, HttpRoutes routes) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService handlers = handlerPool();
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new HttpInitializer(routes, handlers))
                    .bind(host, port).sync().channel();
            HttpServer server = new HttpServer(boss, workers, handlers, ch);
            log.info("http: listening on {}:{}", host, server.port());
            return server;
        } catch (RuntimeException | InterruptedException e) {
            shutdown(boss, workers, handlers);
            throw e;
        }
    }

    /** Two named threads and a bounded queue: past it requests get 503 rather than pile up. */
    private static ExecutorService handlerPool() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> log.error("thread {} died", th.getName(), e));
            return t;
        });
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private static void shutdown(EventLoopGroup boss, EventLoopGroup workers, ExecutorService handlers) {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        handlers.shutdownNow();
    }

    /** Stops accepting, lets requests in hand finish (up to 2 s), then closes every connection. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        handlers.shutdown();
        try {
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handlers.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
