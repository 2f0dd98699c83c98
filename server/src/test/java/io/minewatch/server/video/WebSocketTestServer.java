package io.minewatch.server.video;

import io.minewatch.server.auth.Caller;
import io.minewatch.server.http.WebSocketEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
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
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare WebSocket server for the endpoint's tests (the real upgrade handler, with sessions and the
 * Origin check, is the HTTP server's): Netty's own handshake under {@code /api/v1}, then the
 * endpoint's {@link WebSocketEndpoint#open}, as the server does it, for a fixed caller.
 */
final class WebSocketTestServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;

    /** @param sendBuffer SO_SNDBUF of accepted connections in bytes, 0 for the system's default */
    WebSocketTestServer(String pathRegex, WebSocketEndpoint endpoint, Caller caller, int sendBuffer)
            throws InterruptedException {
        Pattern pattern = Pattern.compile(pathRegex);
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
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
                                        ctx.close(); // a viewer gone (connection reset): nothing to report
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
                });
        if (sendBuffer > 0) {
            b.childOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        server = b.bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
