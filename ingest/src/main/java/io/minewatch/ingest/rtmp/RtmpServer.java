package io.minewatch.ingest.rtmp;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtmpConfig;
import io.minewatch.ingest.camera.CameraStatusListener;
import io.minewatch.ingest.camera.IngestMetrics;
import io.minewatch.ingest.push.AuthThrottle;
import io.minewatch.ingest.push.ConnectionLimiter;
import io.minewatch.ingest.push.PushLimits;
import io.minewatch.ingest.push.PushedCamera;
import io.minewatch.ingest.ring.PreRollRing;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTMP publish server: drones and encoders publish to {@code rtmp://host:port/live/<camera id>}
 * (credentials, when configured, as {@code ?user=U&pass=P} on the stream key). Only cameras added here
 * ({@code detect: rtmp}) are accepted; it refuses to start on a non-loopback address without
 * credentials unless anonymous publishing was asked for. A publisher holds its camera only while video
 * flows. Each camera gets the same pre-roll ring, metrics and availability as an RTSP-pushed one
 * ({@link PushedCamera}), so the record and detect paths take it unchanged.
 */
public final class RtmpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtmpServer.class);
    private static final int UNITS_PER_SECOND = 120;

    private final RtmpConfig config;
    private final MeterRegistry registry;
    private final PushLimits limits;
    private final RtmpMetrics metrics;
    private final AuthThrottle throttle;
    private final ConnectionLimiter limiter;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<String, PushedCamera> cameras = new ConcurrentHashMap<>();
    private Channel channel;

    public RtmpServer(RtmpConfig config, MeterRegistry registry) {
        this(config, registry, PushLimits.DEFAULTS);
    }

    RtmpServer(RtmpConfig config, MeterRegistry registry, PushLimits limits) {
        this.config = config;
        this.registry = registry;
        this.limits = limits;
        this.metrics = new RtmpMetrics(registry);
        this.throttle = new AuthThrottle(limits);
        this.limiter = new ConnectionLimiter(metrics::closed);
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rtmp-accept", true),
                NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rtmp", true),
                NioIoHandler.newFactory());
    }

    /** Adds a camera that receives publishes at {@code live/<camera>}. */
    public PushedCamera add(String camera, IngestSettings settings, CameraStatusListener listener) {
        IngestMetrics m = new IngestMetrics(registry, camera);
        PreRollRing ring = new PreRollRing(settings.ringSeconds(), settings.ringBytes(),
                (int) Math.max(64, settings.ringSeconds() * UNITS_PER_SECOND), m::dropped);
        m.ring(ring);
        PushedCamera c = new PushedCamera(camera, settings, workers.next(), ring, m, listener, limits.staleHolder());
        cameras.put(camera, c);
        return c;
    }

    /**
     * Binds the port and starts accepting publishers.
     *
     * @throws IllegalStateException when the address is not loopback, no credentials are configured
     *                               and anonymous publishing was not asked for
     */
    public void start() throws InterruptedException {
        if (config.anonymousOnNetwork()) {
            throw new IllegalStateException("rtmp: refusing to listen on " + config.host() + " without "
                    + "credentials (set username and password, or allow_anonymous: true)");
        }
        RtmpContext context = context();
        cameras.values().forEach(PushedCamera::start);
        channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline(ch, context);
                    }
                })
                .bind(config.host(), config.port()).sync().channel();
        log.info("rtmp server: listening on {}:{} ({} cameras{})", config.host(), port(), cameras.size(),
                config.requiresAuth() ? "" : ", no credentials required");
    }

    /** What the connections share. */
    RtmpContext context() {
        return new RtmpContext(cameras, config, throttle, limiter, metrics);
    }

    /** A connection's pipeline: limiter, handshake, chunk encoder and decoder, the publish handler last. */
    static void pipeline(Channel ch, RtmpContext context) {
        ch.pipeline().addLast("limit", context.limiter());
        ch.pipeline().addLast("handshake", new RtmpHandshakeDecoder());
        ch.pipeline().addLast("chunk-encoder", new RtmpChunkEncoder());
        ch.pipeline().addLast("chunk-decoder", new RtmpChunkDecoder());
        ch.pipeline().addLast("publish", new RtmpPublishHandler(context));
    }

    RtmpMetrics metrics() {
        return metrics;
    }

    ConnectionLimiter limiter() {
        return limiter;
    }

    AuthThrottle throttle() {
        return throttle;
    }

    /** The port bound. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The camera with this id, or null. */
    public PushedCamera camera(String id) {
        return cameras.get(id);
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        cameras.values().forEach(PushedCamera::stop);
        cameras.values().forEach(c -> c.ring().close());
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
