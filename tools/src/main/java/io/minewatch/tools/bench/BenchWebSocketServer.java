package io.minewatch.tools.bench;

import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.WebSocketEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSocket front of the live video benchmark: Netty's HTTP codec and WebSocket handshake under
 * {@code /api/v1}, then the endpoint's {@link WebSocketEndpoint#open} for a fixed caller — the same
 * pipeline work as the server's upgrade, without sessions (not what is measured).
 */
final class BenchWebSocketServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel server;

    BenchWebSocketServer(String pathRegex, WebSocketEndpoint endpoint, int threads) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("http", true),
                NioIoHandler.newFactory());
        Pattern pattern = Pattern.compile(pathRegex);
        Caller caller = new Caller("bench", "bench", Caller.COMMAND);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/api/v1", null, false, 65536, false, true),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) {
                                        // viewers send nothing the endpoint needs: released here
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }

                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
                                            QueryStringDecoder uri = new QueryStringDecoder(hs.requestUri());
                                            Matcher m = pattern.matcher(uri.path());
                                            if (m.matches()) {
                                                endpoint.open(ctx.channel(), caller, uri, m);
                                            } else {
                                                ctx.close();
                                            }
                                        }
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
