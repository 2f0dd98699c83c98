package io.minewatch.ingest.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.config.RtspServerConfig;
import io.minewatch.ingest.camera.CameraStatusListener;
import io.minewatch.ingest.camera.IngestMetrics;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.rtsp.RtspClientInitializer;
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
 * The RTSP server for pushed streams: encoders and gateways ANNOUNCE/RECORD to
 * {@code rtsp://host:port/<camera id>} over TCP interleaving. Only configured push cameras are
 * accepted, and only with the configured credentials (Digest) when there are any; it refuses to start
 * on a non-loopback address without credentials unless anonymous pushing was asked for. A pusher holds
 * its camera only while media flows ({@link RtspServerConfig#idleTimeout}).
 */
public final class RtspPushServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtspPushServer.class);
    private static final int UNITS_PER_SECOND = 120;

    private final RtspServerConfig config;
    private final MeterRegistry registry;
    private final PushLimits limits;
    private final PushMetrics metrics;
    private final AuthThrottle throttle;
    private final ConnectionLimiter limiter;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Map<String, PushedCamera> cameras = new ConcurrentHashMap<>();
    private Channel channel;

    public RtspPushServer(RtspServerConfig config, MeterRegistry registry) {
        this(config, registry, PushLimits.DEFAULTS);
    }

    RtspPushServer(RtspServerConfig config, MeterRegistry registry, PushLimits limits) {
        this.config = config;
        this.registry = registry;
        this.limits = limits;
        this.metrics = new PushMetrics(registry);
        this.throttle = new AuthThrottle(limits);
        this.limiter = new ConnectionLimiter(metrics);
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("push-accept", true),
                NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("push", true),
                NioIoHandler.newFactory());
    }

    /** Adds a camera that receives pushed streams at path {@code /<camera>}. */
    public PushedCamera add(String camera, IngestSettings settings, CameraStatusListener listener) {
        IngestMetrics metrics = new IngestMetrics(registry, camera);
        PreRollRing ring = new PreRollRing(settings.ringSeconds(), settings.ringBytes(),
                (int) Math.max(64, settings.ringSeconds() * UNITS_PER_SECOND), metrics::dropped);
        metrics.ring(ring);
        PushedCamera c = new PushedCamera(camera, settings, workers.next(), ring, metrics, listener,
                limits.staleHolder());
        cameras.put(camera, c);
        return c;
    }

    /**
     * Binds the port and starts accepting pushes.
     *
     * @throws IllegalStateException when the address is not loopback, no credentials are configured
     *                               and anonymous pushing was not asked for
     */
    public void start() throws InterruptedException {
        if (config.anonymousOnNetwork()) {
            throw new IllegalStateException("rtsp_server: refusing to listen on " + config.host() + " without "
                    + "credentials (set username and password, or allow_anonymous: true)");
        }
        PushContext context = context();
        cameras.values().forEach(PushedCamera::start);
        channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline(ch, context);
                    }
                })
                .bind(config.host(), config.port()).sync().channel();
        log.info("rtsp push server: listening on {}:{} ({} cameras{})", config.host(), port(), cameras.size(),
                context.verifier() == null ? ", no credentials required" : "");
    }

    /** What the connections share. */
    PushContext context() {
        DigestVerifier verifier = config.requiresAuth() ? new DigestVerifier(config.username(), config.password()) : null;
        return new PushContext(cameras, verifier, throttle, limiter, limits, metrics, config.idleTimeout());
    }

    /** A push connection's pipeline: connection limiter, framing, RTSP codec, and the session handler last. */
    static void pipeline(Channel ch, PushContext context) {
        ch.pipeline().addLast("limit", context.limiter());
        RtspClientInitializer.addCodec(ch);
        ch.pipeline().addLast("push", new RtspPushHandler(context));
    }

    PushMetrics metrics() {
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

    /** The pushed camera with this id, or null. */
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
