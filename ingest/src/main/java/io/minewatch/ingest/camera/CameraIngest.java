package io.minewatch.ingest.camera;

import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtsp.RtspClientHandler;
import io.minewatch.ingest.rtsp.RtspClientInitializer;
import io.minewatch.ingest.rtsp.RtspException;
import io.minewatch.ingest.rtsp.RtspUrl;
import io.minewatch.ingest.rtsp.SessionListener;
import io.minewatch.ingest.rtsp.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pulled camera: connect, stream into the pre-roll ring, and on an error or no data for the
 * configured time close and reconnect with exponential backoff and jitter (1 s to 30 s). Reports
 * {@code online}/{@code offline} at once and {@code camera_offline}/{@code camera_online} alerts after
 * the debounce.
 *
 * <p>With transport {@code auto} it asks for TCP first; a camera that refuses it (461) is asked for
 * UDP, and a UDP session that gets no packet within {@value #UDP_FIRST_PACKET_SECONDS} s goes back to
 * TCP. What worked is kept for the camera's next connections, and shown in its status and metrics.
 *
 * <p>All state lives on one event loop (the camera's), so it needs no locks; {@link #close()} may be
 * called from any thread.
 */
public final class CameraIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraIngest.class);
    /** First reconnect delay. */
    public static final long MIN_BACKOFF_MILLIS = 1_000;
    /** Longest reconnect delay. */
    public static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final int MAX_REDIRECTS = 3;
    /** With transport auto: a UDP session with no packet after this long tries TCP instead. */
    public static final int UDP_FIRST_PACKET_SECONDS = 4;

    private final String camera;
    private final RtspUrl configured;
    private final IngestSettings settings;
    private final EventLoop loop;
    private final PreRollRing ring;
    private final IngestMetrics metrics;
    private final CameraAvailability availability;

    private RtspUrl current;
    private Channel channel;
    private RtspClientHandler session;
    private int epoch;
    private int redirects;
    private long backoff = MIN_BACKOFF_MILLIS;
    private long lastDataNanos;
    private boolean playing;
    private boolean closed;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> retry;
    private volatile long nextAttemptMillis;
    private final boolean auto;
    private Transport transport;
    private boolean gotData;
    private long playingNanos;

    /**
     * @throws RtspException when the URL is not a usable rtsp:// URL (message masked)
     */
    public CameraIngest(String camera, String url, IngestSettings settings, EventLoop loop, PreRollRing ring,
                        IngestMetrics metrics, CameraStatusListener listener) throws RtspException {
        this.camera = camera;
        this.configured = RtspUrl.parse(url);
        this.current = configured;
        this.settings = settings;
        this.loop = loop;
        this.ring = ring;
        this.metrics = metrics;
        this.auto = settings.transport() == IngestSettings.Transport.AUTO;
        this.transport = settings.transport() == IngestSettings.Transport.UDP ? Transport.UDP : Transport.TCP;
        this.availability = new CameraAvailability(camera, loop, settings.offlineDebounce(), "offline since ",
                listener);
    }

    /** Starts connecting (returns at once). */
    public void start() {
        loop.execute(() -> {
            availability.start();
            watchdog = loop.scheduleAtFixedRate(this::watch, 1, 1, TimeUnit.SECONDS);
            connect();
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        retry = null;
        epoch++;
        metrics.state(IngestMetrics.CONNECTING);
        playing = false;
        Listener events = new Listener();
        metrics.transport(transport == Transport.UDP ? 2 : 1);
        RtspClientHandler handler = new RtspClientHandler(current, transport,
                settings.timeout().toMillis(), events, metrics, epoch);
        events.handler = handler;
        session = handler;
        ChannelFuture f = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RtspClientInitializer(handler))
                .connect(current.host(), current.port());
        channel = f.channel();
        f.addListener((ChannelFuture done) -> {
            if (!done.isSuccess() && session == handler) {
                String m = done.cause() == null ? "unknown" : done.cause().getMessage();
                ended("cannot connect to " + current.host() + ":" + current.port() + ": " + m);
            }
        });
    }

    /** Runs every second: closes a session that stopped delivering data. */
    private void watch() {
        if (auto && playing && !gotData && transport == Transport.UDP && channel != null
                && System.nanoTime() - playingNanos > TimeUnit.SECONDS.toNanos(UDP_FIRST_PACKET_SECONDS)) {
            switchTransport(Transport.TCP, "no RTP packet over UDP within " + UDP_FIRST_PACKET_SECONDS + " s");
            session.abort("no RTP packet over UDP within " + UDP_FIRST_PACKET_SECONDS + " s; trying TCP");
            return;
        }
        if (playing && channel != null
                && System.nanoTime() - lastDataNanos > settings.noDataTimeout().toNanos()) {
            session.abort("no data for " + settings.noDataTimeout().toSeconds() + " s");
        }
    }

    /** Transport auto: use {@code next} from the next connection on (kept for this camera). */
    private void switchTransport(Transport next, String why) {
        if (!auto || transport == next) {
            return;
        }
        log.warn("camera {}: transport auto: {}; switching {} -> {}", camera, why, transport, next);
        transport = next;
        metrics.transportSwitch();
        metrics.transport(next == Transport.UDP ? 2 : 1);
        // Not a failure of the camera: try the other transport at once.
        backoff = MIN_BACKOFF_MILLIS / 2;
    }

    /** The transport in use (or to be tried next). */
    public Transport transport() {
        return transport;
    }

    private void ended(String reason) {
        session = null;
        channel = null;
        playing = false;
        if (closed) {
            return;
        }
        goOffline(reason);
        long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        log.warn("camera {}: {} ({}); reconnecting in {} ms", camera, current, reason, delay);
        metrics.reconnect();
        nextAttemptMillis = System.currentTimeMillis() + delay;
        retry = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void goOffline(String reason) {
        metrics.state(IngestMetrics.OFFLINE);
        availability.wentOffline(reason);
    }

    private void goOnline() {
        backoff = MIN_BACKOFF_MILLIS;
        redirects = 0;
        metrics.state(IngestMetrics.ONLINE);
        log.info("camera {}: online ({})", camera, current);
        availability.cameOnline(transport.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** When the next reconnect attempt is due (epoch millis), or when the last one was. */
    public long nextAttemptMillis() {
        return nextAttemptMillis;
    }

    /** The camera id. */
    public String camera() {
        return camera;
    }

    /** The camera's pre-roll ring. */
    public PreRollRing ring() {
        return ring;
    }

    /** The camera's metrics. */
    public IngestMetrics metrics() {
        return metrics;
    }

    /** Sends TEARDOWN, closes the connection and stops reconnecting; waits up to 2 s. */
    @Override
    public void close() {
        var done = loop.submit(() -> {
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            availability.stop();
            if (session != null) {
                session.stop();
            } else if (channel != null) {
                channel.close();
            }
            return channel;
        });
        try {
            Channel ch = done.get(2, TimeUnit.SECONDS);
            if (ch != null) {
                ch.closeFuture().await(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("camera {}: close: {}", camera, e.toString());
        }
        metrics.state(IngestMetrics.OFFLINE);
    }

    /** Session events; all on the loop. Events of a session that is no longer current are ignored. */
    private final class Listener implements SessionListener {
        private RtspClientHandler handler;

        private boolean current() {
            return session != null && session == handler;
        }

        @Override
        public void playing(String describe) {
            log.info("camera {}: playing {} from {}", camera, describe, CameraIngest.this.current);
            playing = true;
            gotData = false;
            lastDataNanos = System.nanoTime();
            playingNanos = lastDataNanos;
        }

        @Override
        public void transportRefused(Transport asked, String answer) {
            if (current() && asked == Transport.TCP) {
                switchTransport(Transport.UDP, "the camera refused TCP (" + answer + ")");
            }
        }

        @Override
        public void data() {
            if (!current()) {
                return;
            }
            gotData = true;
            lastDataNanos = System.nanoTime();
        }

        @Override
        public void accessUnit(AccessUnit au) {
            if (!current()) {
                return;
            }
            if (!availability.online()) {
                goOnline();
            }
            ring.write(au);
        }

        @Override
        public void redirect(String location) {
            try {
                if (++redirects > MAX_REDIRECTS) {
                    log.warn("camera {}: more than {} redirects; staying at {}", camera, MAX_REDIRECTS,
                            CameraIngest.this.current);
                    return;
                }
                CameraIngest.this.current = CameraIngest.this.current.redirect(location);
                log.info("camera {}: redirected to {}", camera, CameraIngest.this.current);
            } catch (RtspException e) {
                log.warn("camera {}: bad redirect: {}", camera, e.getMessage());
            }
        }

        @Override
        public void ended(String reason) {
            if (!current()) {
                return;
            }
            boolean redirected = "redirected".equals(reason) && redirects <= MAX_REDIRECTS;
            if (redirected && !closed) {
                session = null;
                channel = null;
                loop.execute(CameraIngest.this::connect);
                return;
            }
            CameraIngest.this.ended(reason);
        }
    }
}
