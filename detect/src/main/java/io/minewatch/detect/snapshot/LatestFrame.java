package io.minewatch.detect.snapshot;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A camera's latest decoded frame, latest wins, for the console's snapshot and the video fallback.
 *
 * <p>The decode thread {@link #offer offers} each frame it picks: the slot keeps a second OpenCV
 * header on the frame's pixels (cv::Mat reference counting: no pixel copy, the pixels are freed when
 * both the detect path and the slot have let go) and lets go of the previous one. Memory is bounded
 * to one frame per camera. The JPEG is encoded only when asked ({@link #jpeg()}, CPU work: call it on a
 * worker, never on an event loop), once per frame: later requests for the same frame get the cached
 * bytes. The detect path never modifies a frame's pixels after decoding (it draws on clones).
 */
public final class LatestFrame implements AutoCloseable {

    /** JPEG quality of the snapshots. */
    public static final int QUALITY = 80;
    private static final int RATE_WINDOW = 256;
    /** Seconds of wall time the detect rate is measured over. */
    public static final long WINDOW_S = 5;

    /** One encoded frame. */
    public record Jpeg(byte[] bytes, int width, int height, Instant frameAt, long sequence) {
    }

    private final Object slot = new Object();
    private final Object encoding = new Object();
    private final LongSupplier nanos;
    private final LongSupplier wallMillis;
    private final long[] arrivals = new long[RATE_WINDOW];
    private Mat current;
    private long sequence;
    private long lastAtMillis;
    private long firstNanos;
    private Jpeg cached;
    private boolean closed;

    public LatestFrame() {
        this(System::nanoTime, System::currentTimeMillis);
    }

    LatestFrame(LongSupplier nanos, LongSupplier wallMillis) {
        this.nanos = nanos;
        this.wallMillis = wallMillis;
    }

    /** Keeps a reference to the frame's pixels (the caller still owns and closes its {@code bgr}). */
    public void offer(Mat bgr) {
        Mat ref = new Mat(bgr);
        Mat old;
        synchronized (slot) {
            if (closed) {
                old = ref;
            } else {
                old = current;
                current = ref;
                long t = nanos.getAsLong();
                if (sequence == 0) {
                    firstNanos = t;
                }
                arrivals[(int) (sequence % RATE_WINDOW)] = t;
                sequence++;
                lastAtMillis = wallMillis.getAsLong();
            }
        }
        if (old != null) {
            old.close();
        }
    }

    /** Frames offered so far. */
    public long frames() {
        synchronized (slot) {
            return sequence;
        }
    }

    /** Wall-clock time the latest frame arrived, or empty before the first. */
    public Optional<Instant> lastFrameAt() {
        synchronized (slot) {
            return sequence == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastAtMillis));
        }
    }

    /**
     * Frames per second over the last {@value #WINDOW_S} s of wall time (over the time since the first
     * frame when that is shorter); 0 when no frame arrived in that window.
     */
    public double fps() {
        synchronized (slot) {
            long now = nanos.getAsLong();
            long from = now - WINDOW_S * 1_000_000_000L;
            int n = (int) Math.min(sequence, RATE_WINDOW);
            int inWindow = 0;
            long oldest = now;
            for (int i = 1; i <= n; i++) {
                long t = arrivals[(int) ((sequence - i) % RATE_WINDOW)];
                if (t <= from) {
                    break;
                }
                inWindow++;
                oldest = t;
            }
            if (inWindow == 0) {
                return 0;
            }
            if (inWindow == RATE_WINDOW) {
                long last = arrivals[(int) ((sequence - 1) % RATE_WINDOW)];
                return last > oldest ? (inWindow - 1) * 1e9 / (last - oldest) : 0;
            }
            long span = Math.min(WINDOW_S * 1_000_000_000L, now - firstNanos);
            return span <= 0 ? 0 : inWindow * 1e9 / span;
        }
    }

    /**
     * The latest frame as JPEG, encoded now unless this frame was encoded already; empty before the
     * first frame and after {@link #close()}. Blocks for the encode (milliseconds): not on an event loop.
     */
    public Optional<Jpeg> jpeg() {
        synchronized (encoding) {
            Mat ref;
            long seq;
            long at;
            synchronized (slot) {
                if (closed || current == null) {
                    return Optional.empty();
                }
                if (cached != null && cached.sequence() == sequence) {
                    return Optional.of(cached);
                }
                ref = new Mat(current);
                seq = sequence;
                at = lastAtMillis;
            }
            try (Mat frame = ref; BytePointer buf = new BytePointer();
                    IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, QUALITY)) {
                if (!imencode(".jpg", frame, buf, params)) {
                    throw new IllegalStateException("JPEG encoding of a " + frame.cols() + "x" + frame.rows()
                            + " frame failed");
                }
                byte[] bytes = new byte[(int) buf.limit()];
                buf.get(bytes);
                Jpeg jpeg = new Jpeg(bytes, frame.cols(), frame.rows(), Instant.ofEpochMilli(at), seq);
                synchronized (slot) {
                    if (!closed) {
                        cached = jpeg;
                    }
                }
                return Optional.of(jpeg);
            }
        }
    }

    /** Lets go of the frame (its pixels are freed when the detect path has let go too). */
    @Override
    public void close() {
        Mat old;
        synchronized (slot) {
            closed = true;
            old = current;
            current = null;
            cached = null;
        }
        if (old != null) {
            old.close();
        }
    }
}
