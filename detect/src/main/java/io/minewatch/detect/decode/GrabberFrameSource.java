package io.minewatch.detect.decode;

import io.minewatch.config.Redact;
import io.minewatch.ingest.source.SourceSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Reads a file or an RTSP URL with JavaCV's {@link FFmpegFrameGrabber}, decodes every frame and
 * converts only those due at the detect rate.
 *
 * <p>Timestamps are the stream's own presentation times; a looping file keeps counting up across
 * loops. Real-time files are paced at those times; others run as fast as they decode.
 */
public final class GrabberFrameSource implements FrameSource {
    private final SourceSpec spec;
    private final FrameSampler sampler;
    private final FrameScaler scaler;
    private final Clock clock;
    private FFmpegFrameGrabber grabber;
    private Instant startWall;
    private long startNanos;
    private long firstPts = Long.MIN_VALUE;
    private long loopOffset;
    private long lastPts;
    private long decoded;

    public GrabberFrameSource(SourceSpec spec, double fps, int width, int height, Clock clock) {
        this.spec = spec;
        this.sampler = new FrameSampler(fps);
        this.scaler = new FrameScaler(width, height);
        this.clock = clock;
    }

    @Override
    public void open() throws SourceException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        grabber = new FFmpegFrameGrabber(spec.uri());
        spec.options().forEach(grabber::setOption);
        try {
            startGrabber();
        } catch (FFmpegFrameGrabber.Exception e) {
            closeGrabber();
            throw new SourceException("camera " + spec.camera() + ": cannot open " + spec.safeName()
                    + ": " + clean(e.getMessage()));
        }
        startWall = clock.instant();
        startNanos = System.nanoTime();
    }

    private void startGrabber() throws FFmpegFrameGrabber.Exception {
        if (spec.kind() == SourceSpec.Kind.RTSP) {
            // start() holds a JVM-wide lock while it connects; one dead camera must not stall the rest.
            grabber.startUnsafe();
        } else {
            grabber.start();
        }
    }

    @Override
    public SampledFrame next() throws SourceException {
        try {
            while (true) {
                Frame frame = grabber.grabFrame(false, true, false, false, false);
                if (frame == null) {
                    if (!spec.loop() || decoded == 0) {
                        return null;
                    }
                    restartLoop();
                    continue;
                }
                if (frame.image == null) {
                    continue;
                }
                AVFrame picture = DecodedPicture.of(grabber);
                if (picture == null || picture.width() <= 0) {
                    continue;
                }
                decoded++;
                if (firstPts == Long.MIN_VALUE) {
                    firstPts = startOffset(frame.timestamp);
                }
                long pts = frame.timestamp + loopOffset;
                lastPts = pts;
                if (!sampler.take(pts)) {
                    continue;
                }
                if (spec.realtime()) {
                    pace(pts);
                }
                return new SampledFrame(scaler.toBgr(picture), pts - firstPts, captureTime(pts), decoded - 1);
            }
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new SourceException("camera " + spec.camera() + ": read failed on " + spec.safeName()
                    + ": " + clean(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The stream's start time, so offsets count from the container's zero, not the first key frame. */
    private long startOffset(long firstTimestamp) {
        long start = grabber.getFormatContext().start_time();
        return start == avutil.AV_NOPTS_VALUE ? firstTimestamp : Math.min(start, firstTimestamp);
    }

    private void restartLoop() throws FFmpegFrameGrabber.Exception {
        long frameMicros = Math.round(1_000_000 / Math.max(1.0, grabber.getFrameRate()));
        grabber.stop();
        startGrabber();
        loopOffset = lastPts + frameMicros - firstPts;
    }

    private void pace(long pts) throws InterruptedException {
        long dueNanos = startNanos + TimeUnit.MICROSECONDS.toNanos(pts - firstPts);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private Instant captureTime(long pts) {
        if (spec.kind() == SourceSpec.Kind.RTSP) {
            return clock.instant();
        }
        return startWall.plusNanos(TimeUnit.MICROSECONDS.toNanos(pts - firstPts));
    }

    @Override
    public long framesDecoded() {
        return decoded;
    }

    private String clean(String message) {
        String m = message == null ? "unknown error" : message.replace(spec.uri(), spec.safeName());
        return Redact.text(m);
    }

    private void closeGrabber() {
        if (grabber != null) {
            try {
                grabber.close();
            } catch (org.bytedeco.javacv.FrameGrabber.Exception | RuntimeException ignored) {
                // closing after a failure: nothing more to report
            }
            grabber = null;
        }
    }

    @Override
    public void close() {
        closeGrabber();
        scaler.close();
    }
}
