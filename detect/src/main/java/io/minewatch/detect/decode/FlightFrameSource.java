package io.minewatch.detect.decode;

import io.minewatch.config.Redact;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Reads a drone flight's video file as fast as it decodes, picking frames at the detect rate, from the
 * start or from a resume point (after a restart).
 *
 * <p>Opened with {@link FFmpegFrameGrabber#startUnsafe()}: {@code start()} holds a JVM-wide lock while
 * it probes, and a large upload being probed must not stall the cameras' sources. Offsets count from
 * the container's zero, so they match the telemetry's times ({@code t} from the video's first frame);
 * capture times are the flight's start plus the offset.
 */
public final class FlightFrameSource implements FrameSource {
    private final Path file;
    private final String name;
    private final FrameSampler sampler;
    private final FrameScaler scaler;
    private final Instant flightStart;
    private final long resumeMicros;
    private FFmpegFrameGrabber grabber;
    private long firstPts = Long.MIN_VALUE;
    private long decoded;
    private double durationS;
    private boolean closed;

    /**
     * @param file         the video
     * @param name         what to call it in messages (the flight's id)
     * @param fps          detect frames a second of video
     * @param width        detect-frame width (the height follows the video's aspect), or 0 for the video's
     * @param flightStart  capture time of the first frame
     * @param resumeMicros offset to start at (0: the beginning); earlier frames are skipped
     */
    public FlightFrameSource(Path file, String name, double fps, int width, Instant flightStart, long resumeMicros) {
        this.file = file;
        this.name = name;
        this.sampler = new FrameSampler(fps);
        this.scaler = new FrameScaler(width, 0);
        this.flightStart = flightStart;
        this.resumeMicros = Math.max(0, resumeMicros);
    }

    @Override
    public void open() throws SourceException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            grabber.startUnsafe();
            if (grabber.getImageWidth() <= 0) {
                throw new SourceException("flight " + name + ": " + file.getFileName() + " has no video stream");
            }
            durationS = Math.max(0, grabber.getLengthInTime() / 1e6);
            if (resumeMicros > 0) {
                grabber.setVideoTimestamp(resumeMicros);
            }
        } catch (FFmpegFrameGrabber.Exception e) {
            close();
            throw new SourceException("flight " + name + ": cannot open " + file.getFileName() + ": "
                    + Redact.text(String.valueOf(e.getMessage())));
        } catch (SourceException e) {
            close();
            throw e;
        }
    }

    /** The video's frame rate (from its container, without decoding), or 0 when it cannot be read. */
    public static double frameRate(Path video) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.startUnsafe();
            double fps = g.getFrameRate();
            g.stop();
            return Double.isFinite(fps) ? fps : 0;
        } catch (org.bytedeco.javacv.FrameGrabber.Exception | RuntimeException e) {
            return 0;
        }
    }

    /** The video's duration in seconds (from its container), 0 when it does not say. */
    public double durationS() {
        return durationS;
    }

    @Override
    public SampledFrame next() throws SourceException {
        try {
            while (true) {
                Frame frame = grabber.grabFrame(false, true, false, false, false);
                if (frame == null) {
                    return null;
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
                    long start = grabber.getFormatContext().start_time();
                    firstPts = start == avutil.AV_NOPTS_VALUE ? frame.timestamp : Math.min(start, frame.timestamp);
                }
                long pts = frame.timestamp - firstPts;
                if (pts < resumeMicros || !sampler.take(pts)) {
                    continue;
                }
                return new SampledFrame(scaler.toBgr(picture), pts,
                        flightStart.plusNanos(TimeUnit.MICROSECONDS.toNanos(pts)), decoded - 1);
            }
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new SourceException("flight " + name + ": read failed on " + file.getFileName() + ": "
                    + Redact.text(String.valueOf(e.getMessage())));
        }
    }

    @Override
    public long framesDecoded() {
        return decoded;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (grabber != null) {
            try {
                grabber.close();
            } catch (org.bytedeco.javacv.FrameGrabber.Exception | RuntimeException ignored) {
                // closing: nothing more to report
            }
            grabber = null;
        }
        scaler.close();
    }
}
