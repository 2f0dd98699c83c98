package io.minewatch.server.video;

import io.minewatch.ingest.ring.PreRollRing;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live video of every camera: one {@link VideoSource} per camera with viewers, started by its
 * first viewer and stopped when its last one leaves, all run by one {@link VideoTicker} thread. Never
 * blocks: safe to call on an event loop.
 */
public final class LiveVideo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveVideo.class);

    private final VideoMetrics metrics;
    private final int maxViewers;
    private final long maxBehindNanos;
    private final long maxGopBytes;
    private final VideoTicker ticker;
    private final Map<String, Entry> sources = new HashMap<>();
    private boolean closed;

    /**
     * @param maxViewers  most viewers of one camera (more are refused with 1013, counted)
     * @param maxBehind   how long a viewer may stay unwritable at key frames before it is closed
     * @param maxGopBytes most bytes kept of the current group of pictures for viewers who join
     * @param batch       how often the cameras' new pictures are muxed and sent (one segment per viewer per
     *                    interval, one wake-up for all cameras: fewer wake-ups and writes, at most this much
     *                    added latency); 1 to 1000 ms
     */
    public LiveVideo(VideoMetrics metrics, int maxViewers, Duration maxBehind, long maxGopBytes, Duration batch) {
        if (maxViewers < 1 || maxBehind.isNegative() || maxGopBytes < 0 || batch.toMillis() < 1
                || batch.toMillis() > 1000) {
            throw new IllegalArgumentException("live video needs maxViewers >= 1, maxBehind >= 0, maxGopBytes >= 0 "
                    + "and a batch interval of 1 to 1000 ms");
        }
        this.ticker = new VideoTicker(batch.toNanos());
        this.metrics = metrics;
        this.maxViewers = maxViewers;
        this.maxBehindNanos = maxBehind.toNanos();
        this.maxGopBytes = maxGopBytes;
    }

    /** Adds a viewer of a camera's ring; it leaves when its channel closes. */
    public void join(String camera, PreRollRing ring, Channel channel) {
        Entry entry;
        synchronized (this) {
            if (closed) {
                refuse(channel, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server stopping");
                return;
            }
            entry = sources.get(camera);
            if (entry == null) {
                entry = new Entry(new VideoSource(camera, ring, metrics.camera(camera), maxBehindNanos, maxGopBytes,
                        this::ended));
                sources.put(camera, entry);
                metrics.sources().incrementAndGet();
                entry.source.start();
                ticker.add(entry.source);
            }
            if (entry.viewers >= maxViewers) {
                metrics.drop(camera, VideoMetrics.TOO_MANY_VIEWERS);
                refuse(channel, WebSocketCloseStatus.TRY_AGAIN_LATER, "too many viewers of this camera");
                return;
            }
            entry.viewers++;
            metrics.viewers(camera).incrementAndGet();
            entry.source.add(new Viewer(channel));
        }
        Entry joined = entry;
        channel.closeFuture().addListener(f -> left(camera, joined));
    }

    private synchronized void left(String camera, Entry entry) {
        entry.viewers--;
        metrics.viewers(camera).decrementAndGet();
        if (entry.viewers == 0 && sources.get(camera) == entry) {
            sources.remove(camera);
            entry.source.stop();
        }
    }

    /** A source ended (stopped, fallback, camera gone): later viewers get a new one. */
    private synchronized void ended(VideoSource source) {
        Entry e = sources.get(source.camera());
        if (e != null && e.source == source) {
            sources.remove(source.camera());
        }
        metrics.sources().decrementAndGet();
    }

    /** Cameras whose muxer runs now. */
    public synchronized int running() {
        return sources.size();
    }

    private static void refuse(Channel channel, WebSocketCloseStatus status, String why) {
        channel.writeAndFlush(new CloseWebSocketFrame(status, why)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Stops every source (their viewers are closed) and waits up to 2 s for the live video thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            if (!ticker.close(2000)) {
                log.warn("the live video thread did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Entry {
        final VideoSource source;
        int viewers;

        Entry(VideoSource source) {
            this.source = source;
        }
    }
}
