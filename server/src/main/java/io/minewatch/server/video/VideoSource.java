package io.minewatch.server.video;

import io.minewatch.ingest.fmp4.AvcConfig;
import io.minewatch.ingest.fmp4.Fmp4Exception;
import io.minewatch.ingest.fmp4.Fmp4Muxer;
import io.minewatch.ingest.fmp4.Segment;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.ring.RingReader;
import io.minewatch.ingest.rtp.AccessUnit;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's live video, shared by all its viewers: ticked once per batch interval by the
 * {@link VideoTicker} (never on a Netty event loop), it reads the camera's ring from its latest key
 * frame, muxes what arrived since the last tick once into a media segment (a key frame always starts a
 * new one), and writes that one buffer to every viewer (retained duplicates, through the tick's
 * {@link Outbox}).
 *
 * <p>A viewer joining a running source gets the init segment and the segments since the latest key
 * frame (kept, bounded), then the live ones. A viewer whose channel is not writable skips to the next
 * key frame — never a partial group of pictures — and one still unwritable at key frames after
 * {@code maxBehindNanos} is closed; both counted. An H.265 or unusable stream tells every viewer to
 * fall back to snapshots, and the source ends.
 */
final class VideoSource implements Fmp4Muxer.Output {
    private static final Logger log = LoggerFactory.getLogger(VideoSource.class);

    private final String camera;
    private final PreRollRing ring;
    private final VideoMetrics.Camera metrics;
    private final long maxBehindNanos;
    private final long maxGopBytes;
    private final Queue<Viewer> joining = new ConcurrentLinkedQueue<>();
    private final List<Viewer> viewers = new ArrayList<>();
    private final ArrayDeque<ByteBuf> gop = new ArrayDeque<>();
    private final Fmp4Muxer muxer = new Fmp4Muxer(this);
    private final java.util.function.Consumer<VideoSource> ended;
    private RingReader reader;
    /** The current tick's writes. */
    private Outbox out;
    private volatile boolean stopping;
    /** How the source ended, applied to any viewer still there (and to late joiners): null = stop asked. */
    private Runnable ending;
    private long gopBytes;
    private boolean gopComplete;
    private ByteBuf init;
    private String mime;

    /** @param ended told (on the ticker thread) when it ends: after it, no viewer may be added */
    VideoSource(String camera, PreRollRing ring, VideoMetrics.Camera metrics, long maxBehindNanos, long maxGopBytes,
                java.util.function.Consumer<VideoSource> ended) {
        this.camera = camera;
        this.ended = ended;
        this.ring = ring;
        this.metrics = metrics;
        this.maxBehindNanos = maxBehindNanos;
        this.maxGopBytes = maxGopBytes;
    }

    /** Counts the start and places the reader at the ring's latest key frame (then the ticker runs it). */
    void start() {
        metrics.started.increment();
        reader = ring.reader();
    }

    /** Hands a viewer to the source (any thread); it is taken in at the next tick. */
    void add(Viewer viewer) {
        joining.add(viewer);
    }

    /** Asks the source to end at its next tick (it closes its viewers and buffers); returns at once. */
    void stop() {
        stopping = true;
    }

    /**
     * One batch, on the ticker thread: takes in joiners, muxes everything the ring got since the last
     * tick into one segment per viewer write (a key frame always starts a new segment), queues the writes
     * in {@code out}.
     *
     * @return false when the source ended (stopped, camera gone, fallback): it is not ticked again
     */
    boolean tick(Outbox out) {
        this.out = out;
        try {
            if (!stopping && pump()) {
                return true;
            }
        } catch (Fmp4Exception e) {
            log.info("camera {}: live video falls back to snapshots: {}", camera, e.getMessage());
            ending = () -> fallBack(e.reason());
        } catch (RuntimeException e) {
            log.error("camera {}: live video failed", camera, e);
        }
        end();
        return false;
    }

    /** Muxes what arrived; false when the ring is closed (the camera was removed). */
    private boolean pump() throws Fmp4Exception {
        admit();
        AccessUnit au;
        int n = 0;
        while ((au = reader.poll()) != null) {
            muxer.add(au);
            n++;
        }
        if (n > 0) {
            muxer.endBatch();
        } else if (ring.isClosed()) {
            ending = () -> closeAll(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "camera stopped", VideoMetrics.STOPPED);
            return false;
        }
        return true;
    }

    private void end() {
        release();
        // After this no viewer joins this source; those that did meanwhile get the same ending.
        ended.accept(this);
        if (ending == null) {
            ending = () -> closeAll(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "live video stopped",
                    VideoMetrics.STOPPED);
        }
        ending.run();
    }

    /** Takes in the viewers that joined: init and the current group of pictures first, when there are some. */
    private void admit() {
        viewers.removeIf(v -> !v.channel.isActive());
        Viewer v;
        while ((v = joining.poll()) != null) {
            viewers.add(v);
            if (init != null) {
                sendInit(v);
                if (gopComplete) {
                    for (ByteBuf f : gop) {
                        write(v, new BinaryWebSocketFrame(f.retainedDuplicate()));
                        metrics.sent.increment();
                    }
                    v.waitingForKey = gop.isEmpty();
                }
            }
        }
    }

    @Override
    public void init(AvcConfig config, byte[] segment) {
        if (init != null) {
            init.release();
        }
        init = Unpooled.wrappedBuffer(segment);
        mime = config.mimeType();
        clearGop();
        for (Viewer v : viewers) {
            sendInit(v);
        }
    }

    private void sendInit(Viewer v) {
        write(v, VideoMessages.init(mime));
        write(v, new BinaryWebSocketFrame(init.retainedDuplicate()));
        v.initialised = true;
        v.waitingForKey = true;
    }

    @Override
    public void fragment(Segment segment, boolean key, int samples) {
        // Written once, straight from the access units into direct memory shared by every viewer: the
        // socket writes need direct memory, and a heap buffer would be copied once per viewer.
        ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(segment.size());
        segment.writeTo(buf);
        metrics.fragments.increment();
        try {
            keep(buf, key);
            long now = System.nanoTime();
            for (Viewer v : viewers) {
                deliver(v, buf, key, now);
            }
        } finally {
            buf.release();
        }
    }

    /** Keeps the segments since the latest key frame for viewers who join (bounded in bytes). */
    private void keep(ByteBuf buf, boolean key) {
        if (key) {
            clearGop();
            gopComplete = true;
        }
        if (!gopComplete) {
            return;
        }
        if (gopBytes + buf.readableBytes() > maxGopBytes) {
            // Too long a group of pictures to keep: joiners wait for the next key frame instead.
            clearGop();
            return;
        }
        gop.add(buf.retainedDuplicate());
        gopBytes += buf.readableBytes();
    }

    private void clearGop() {
        gop.forEach(ByteBuf::release);
        gop.clear();
        gopBytes = 0;
        gopComplete = false;
    }

    private void deliver(Viewer v, ByteBuf buf, boolean key, long now) {
        if (!v.initialised || !v.channel.isActive() || v.waitingForKey && !key) {
            return;
        }
        if (!v.channel.isWritable()) {
            if (!v.waitingForKey || v.behindSince == 0) {
                v.waitingForKey = true;
                v.behindSince = now;
                metrics.skips.increment();
            } else if (now - v.behindSince > maxBehindNanos) {
                metrics.drop(VideoMetrics.TOO_SLOW);
                close(v, WebSocketCloseStatus.POLICY_VIOLATION, "too slow to keep up with the live video");
            }
            return;
        }
        v.waitingForKey = false;
        v.behindSince = 0;
        write(v, new BinaryWebSocketFrame(buf.retainedDuplicate()));
        metrics.sent.increment();
    }

    private void write(Viewer v, WebSocketFrame frame) {
        metrics.bytes.increment(frame.content().readableBytes());
        out.write(v.channel, frame);
    }

    private void fallBack(String reason) {
        admit();
        for (Viewer v : viewers) {
            v.initialised = false;
        }
        for (Viewer v : viewers) {
            metrics.fallback(reason);
            out.write(v.channel, VideoMessages.fallback(camera, reason));
            close(v, WebSocketCloseStatus.NORMAL_CLOSURE, "live video unavailable: " + reason);
        }
        viewers.clear();
    }

    private void closeAll(WebSocketCloseStatus status, String why, String reason) {
        admit();
        for (Viewer v : viewers) {
            metrics.drop(reason);
            close(v, status, why);
        }
        viewers.clear();
    }

    private void close(Viewer v, WebSocketCloseStatus status, String why) {
        out.writeAndClose(v.channel, new CloseWebSocketFrame(status, why));
    }

    private void release() {
        clearGop();
        if (init != null) {
            init.release();
            init = null;
        }
    }

    String camera() {
        return camera;
    }
}
