package io.minewatch.detect.decode;

import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.ingest.ring.RingReader;
import io.minewatch.ingest.rtp.AccessUnit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Frames of a camera pulled by the Netty ingest: reads access units from the camera's pre-roll ring
 * (no copy), decodes every one with {@link AvcodecDecoder}, and converts only the frames due at the
 * detect rate.
 *
 * <p>Starts at the newest key frame in the ring. When it falls behind the ring, or the camera
 * reconnects (a new epoch), the decoder is flushed and restarts at a key frame. Timestamps keep
 * rising across reconnects. {@link #next()} waits for the camera as long as it takes and returns null
 * only after {@link #close()}, or once the ring is closed (the server stops) and the decoder has
 * handed out the frames it held.
 */
public final class AccessUnitFrameSource implements FrameSource {
    private static final long POLL_MILLIS = 500;
    private static final int MAX_PENDING_TIMES = 256;

    private final String camera;
    private final PreRollRing ring;
    private final FrameSampler sampler;
    private final FrameScaler scaler;
    private final Map<Long, Long> wallByPts = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> e) {
            return size() > MAX_PENDING_TIMES;
        }
    };
    private RingReader reader;
    private AvcodecDecoder decoder;
    private volatile boolean closed;
    private final int threads;
    private boolean draining;
    private int epoch = Integer.MIN_VALUE;
    private long epochOffset;
    private long lastPts;
    private long firstPts = Long.MIN_VALUE;
    private boolean needKey = true;
    private long decoded;

    public AccessUnitFrameSource(String camera, PreRollRing ring, double fps, int width, int height) {
        this(camera, ring, fps, width, height, 1);
    }

    /** @param threads decoder threads ({@code detection.decode_threads}) */
    public AccessUnitFrameSource(String camera, PreRollRing ring, double fps, int width, int height, int threads) {
        this.threads = threads;
        this.camera = camera;
        this.ring = ring;
        this.sampler = new FrameSampler(fps);
        this.scaler = new FrameScaler(width, height);
    }

    @Override
    public void open() {
        reader = ring.reader();
    }

    @Override
    public SampledFrame next() throws SourceException {
        try {
            while (!closed) {
                AVFrame f = decoder == null ? null : decoder.receive();
                if (f != null) {
                    SampledFrame s = picked(f);
                    if (s != null) {
                        return s;
                    }
                    continue;
                }
                AccessUnit au = reader.next(POLL_MILLIS);
                if (au == null) {
                    if (!reader.closed()) {
                        continue;
                    }
                    // The ring is closed (the camera was removed): hand out what the decoder holds, then end.
                    if (decoder == null || draining) {
                        return null;
                    }
                    decoder.drain();
                    draining = true;
                    continue;
                }
                feed(au);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void feed(AccessUnit au) throws SourceException {
        if (reader.jumped() || au.epoch() != epoch) {
            if (au.epoch() != epoch && epoch != Integer.MIN_VALUE) {
                epochOffset = lastPts + 100_000 - au.ptsMicros();
            } else if (epoch == Integer.MIN_VALUE) {
                epochOffset = -au.ptsMicros();
            }
            epoch = au.epoch();
            needKey = true;
            if (decoder != null) {
                decoder.flush();
            }
        }
        if (needKey && !au.keyFrame()) {
            return;
        }
        needKey = false;
        if (decoder == null || decoder.codec() != au.codec()) {
            if (decoder != null) {
                decoder.close();
            }
            decoder = new AvcodecDecoder(au.codec(), threads);
        }
        wallByPts.put(au.ptsMicros(), au.wallMicros());
        if (!decoder.send(au)) {
            needKey = true; // what follows a refused picture may reference it
            decoder.flush();
        }
    }

    private SampledFrame picked(AVFrame f) {
        if (f.width() <= 0) {
            return null;
        }
        decoded++;
        long pts = AvcodecDecoder.ptsMicros(f);
        Long wall = wallByPts.remove(pts);
        long streamPts = pts + epochOffset;
        lastPts = Math.max(lastPts, streamPts);
        if (firstPts == Long.MIN_VALUE) {
            firstPts = streamPts;
        }
        if (!sampler.take(streamPts)) {
            return null;
        }
        Instant capture = wall == null ? Instant.now() : Instant.ofEpochSecond(0, wall * 1000L);
        return new SampledFrame(scaler.toBgr(f), streamPts, capture, decoded - 1, pts, epoch);
    }

    @Override
    public long framesDecoded() {
        return decoded;
    }

    /** Access units the decoder refused so far (corrupt data). */
    public long decodeErrors() {
        return decoder == null ? 0 : decoder.errors();
    }

    /** The camera id. */
    public String camera() {
        return camera;
    }

    @Override
    public void close() {
        closed = true;
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
        scaler.close();
    }
}
