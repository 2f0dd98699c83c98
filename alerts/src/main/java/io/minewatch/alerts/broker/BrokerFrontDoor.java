package io.minewatch.alerts.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's public port: reads each connection's CONNECT before Moquette sees it, refuses
 * an anonymous client whose client id belongs to an official or the server (or every anonymous client
 * when they are not allowed), logs the others in as {@link BrokerSecurity#ANONYMOUS_USER} with a secret
 * only this process knows, and then relays bytes both ways to Moquette on a loopback port.
 *
 * <p>Why: Moquette 0.17 lets a client without a user name in without calling its authenticator, and
 * by then the session of that client id is already taken over; there is no earlier hook. Moquette
 * itself runs with anonymous access off, so a client that reaches its loopback port directly must log
 * in, and {@link BrokerSecurity#checkValid} binds its client id. Connections with a user name pass
 * through unchanged. Backpressure: each side reads again only when the other side took the last write.
 */
final class BrokerFrontDoor implements AutoCloseable {

    /** A connection must send its CONNECT within this time. */
    static final int CONNECT_TIMEOUT_S = 10;
    /** The path of MQTT over WebSocket (as Moquette and Mosquitto use). */
    static final String WEBSOCKET_PATH = "/mqtt";

    private static final Logger log = LoggerFactory.getLogger(BrokerFrontDoor.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private BrokerFrontDoor(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    /**
     * Listens on {@code host:port} and relays to Moquette on {@code innerHost:innerPort}.
     *
     * @throws InterruptedException if interrupted while binding
     */
    static BrokerFrontDoor start(String host, int port, String innerHost, int innerPort, BrokerSecurity security,
            int maxBytes) throws InterruptedException {
        return start(host, port, innerHost, innerPort, security, maxBytes, false);
    }

    /**
     * Like {@link #start(String, int, String, int, BrokerSecurity, int)}; with {@code webSocket}, clients
     * speak MQTT over WebSocket (path {@value #WEBSOCKET_PATH}, subprotocol {@code mqtt}) and get the
     * very same checks, relayed to the same Moquette port.
     */
    static BrokerFrontDoor start(String host, int port, String innerHost, int innerPort, BrokerSecurity security,
            int maxBytes, boolean webSocket) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mqtt-door-accept", true),
                NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("mqtt-door", true),
                NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast("connectTimeout", new ReadTimeoutHandler(CONNECT_TIMEOUT_S));
                            if (webSocket) {
                                c.pipeline().addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                        .addLast("handshake", new HttpObjectAggregator(8192))
                                        .addLast("ws", new WebSocketServerProtocolHandler(
                                                WebSocketServerProtocolConfig.newBuilder()
                                                        .websocketPath(WEBSOCKET_PATH)
                                                        .subprotocols("mqtt,mqttv3.1")
                                                        .maxFramePayloadLength(maxBytes)
                                                        .allowExtensions(false)
                                                        .build()))
                                        .addLast("frames", new MqttWebSocketFrames());
                            }
                            c.pipeline().addLast("decoder", new MqttDecoder(maxBytes))
                                    .addLast("encoder", MqttEncoder.INSTANCE)
                                    .addLast("door", new FrontHandler(security, innerHost, innerPort));
                        }
                    })
                    .bind(host, port).sync().channel();
            return new BrokerFrontDoor(boss, workers, ch);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** One client connection: the CONNECT check, then the relay to its own connection to Moquette. */
    private static final class FrontHandler extends ChannelInboundHandlerAdapter {
        private final BrokerSecurity security;
        private final String innerHost;
        private final int innerPort;
        private final ArrayDeque<Object> pending = new ArrayDeque<>();
        private boolean connectSeen;
        private boolean relaying;
        private Channel inner;

        FrontHandler(BrokerSecurity security, String innerHost, int innerPort) {
            this.security = security;
            this.innerHost = innerHost;
            this.innerPort = innerPort;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                // The upgrade request took the first read: read on for the CONNECT.
                ctx.read();
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!connectSeen) {
                connectSeen = true;
                if (!(msg instanceof MqttConnectMessage connect) || connect.decoderResult().isFailure()) {
                    ReferenceCountUtil.release(msg);
                    ctx.close();
                    return;
                }
                admit(ctx, connect);
                return;
            }
            if (relaying) {
                inner.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        ctx.channel().read();
                    } else {
                        ctx.close();
                    }
                });
            } else {
                pending.add(msg);
            }
        }

        private void admit(ChannelHandlerContext ctx, MqttConnectMessage connect) {
            MqttConnectMessage forward = connect;
            if (!connect.variableHeader().hasUserName()) {
                String clientId = connect.payload().clientIdentifier();
                if (!security.admitAnonymous(clientId)) {
                    MqttConnectReturnCode code = security.allowsAnonymous()
                            ? MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED
                            : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
                    ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build())
                            .addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                forward = asAnonymous(connect, security.anonymousSecret());
            }
            ctx.pipeline().remove("connectTimeout");
            // Bytes that came after the CONNECT are handed on raw (to pending) as the decoder goes.
            ctx.pipeline().remove("decoder");
            Channel front = ctx.channel();
            MqttConnectMessage first = forward;
            inner = new Bootstrap().group(front.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast(MqttEncoder.INSTANCE, new InnerHandler(front));
                        }
                    })
                    .connect(innerHost, innerPort)
                    .addListener((ChannelFutureListener) f -> {
                        if (!f.isSuccess()) {
                            log.warn("MQTT front door: cannot reach the broker: {}", f.cause().toString());
                            front.close();
                            return;
                        }
                        f.channel().write(first);
                        while (!pending.isEmpty()) {
                            f.channel().write(pending.poll());
                        }
                        relaying = true;
                        f.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) w -> {
                            if (w.isSuccess()) {
                                front.read();
                                w.channel().read();
                            } else {
                                front.close();
                            }
                        });
                    })
                    .channel();
        }

        private static MqttConnectMessage asAnonymous(MqttConnectMessage c, byte[] secret) {
            MqttConnectVariableHeader v = c.variableHeader();
            MqttConnectPayload p = c.payload();
            return new MqttConnectMessage(c.fixedHeader(),
                    new MqttConnectVariableHeader(v.name(), v.version(), true, true, v.isWillRetain(), v.willQos(),
                            v.isWillFlag(), v.isCleanSession(), v.keepAliveTimeSeconds(), v.properties()),
                    new MqttConnectPayload(p.clientIdentifier(), p.willProperties(), p.willTopic(),
                            p.willMessageInBytes(), BrokerSecurity.ANONYMOUS_USER, secret));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            while (!pending.isEmpty()) {
                ReferenceCountUtil.release(pending.poll());
            }
            if (inner != null) {
                inner.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("MQTT front door: client connection closed: {}", cause.toString());
            ctx.close();
        }
    }

    /** Moquette's side of one connection: everything it sends goes to the client as it is. */
    private static final class InnerHandler extends ChannelInboundHandlerAdapter {
        private final Channel front;

        InnerHandler(Channel front) {
            this.front = front;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            front.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.channel().read();
                } else {
                    ctx.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (front.isActive()) {
                front.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("MQTT front door: broker connection closed: {}", cause.toString());
            ctx.close();
        }
    }
}
