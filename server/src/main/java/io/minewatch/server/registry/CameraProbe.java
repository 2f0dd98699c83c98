package io.minewatch.server.registry;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.Redact;
import io.minewatch.ingest.rtsp.RtspProbe;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code POST /api/v1/cameras/probe}'s work: an RTSP DESCRIBE with the project's client pieces
 * ({@link RtspProbe}: reachability, credentials, video track, codec), then one decoded frame through
 * FFmpeg over TCP (resolution, frame rate, a JPEG snapshot), all within one deadline. At most
 * {@value #CONCURRENT} probes run at once (another is refused, counted in {@code registry.probe.refused});
 * each runs on its own daemon thread, so a request worker waits at most the deadline. The URL's
 * credentials are remembered as secrets, so no message, log or answer shows them.
 */
public final class CameraProbe implements AutoCloseable {
    /** Probes at once. */
    static final int CONCURRENT = 2;
    /** The counter of probes refused because {@value #CONCURRENT} were running. */
    public static final String REFUSED = "registry.probe.refused";

    /** What a probe found, or why it failed ({@code error} set, the rest unset). */
    public record Result(String error, String message, String codec, int width, int height, double fps,
                         boolean authenticated, byte[] jpeg) {
        public String snapshotDataUrl() {
            return jpeg == null ? null : "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
        }
    }

    private final Duration deadline;
    private final Semaphore permits = new Semaphore(CONCURRENT);
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "camera-probe");
        t.setDaemon(true);
        return t;
    });
    private final Counter refused;

    public CameraProbe(Duration deadline, MeterRegistry registry) {
        this.deadline = deadline;
        this.refused = Counter.builder(REFUSED).description("camera probes refused: too many at once")
                .register(registry);
    }

    /** Probes a camera; blocks up to the deadline (call it on a worker thread). Null when too many run. */
    public Result probe(String url, String user, String password) {
        if (!permits.tryAcquire()) {
            refused.increment();
            return null;
        }
        try {
            long end = System.nanoTime() + deadline.toNanos();
            RtspProbe.Description d;
            try {
                d = RtspProbe.describe(url, user, password, deadline);
            } catch (RtspProbe.ProbeException e) {
                return failure(e.failure().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
            }
            String full = CameraEntries.withCredentials(CameraEntries.withoutUserInfo(url),
                    user != null && !user.isEmpty() ? new CameraEntries.Credentials(user, password)
                            : CameraEntries.userInfo(url));
            Redact.rememberCredentials(full);
            Future<Result> grab = threads.submit(() -> grab(full, d));
            long left = Math.max(1, end - System.nanoTime());
            try {
                return grab.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                grab.cancel(true);
                return failure("no_frame", "the camera described a " + codec(d) + " stream but sent no "
                        + "decodable frame within " + deadline.toSeconds() + " s");
            } catch (Exception e) {
                return failure("no_frame", "no frame decoded: " + Redact.text(String.valueOf(e.getMessage())));
            }
        } finally {
            permits.release();
        }
    }

    private Result grab(String url, RtspProbe.Description d) {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(url);
             OpenCVFrameConverter.ToMat convert = new OpenCVFrameConverter.ToMat()) {
            g.setOption("rtsp_transport", "tcp");
            g.setOption("timeout", Long.toString(deadline.toNanos() / 1000));
            g.setOption("allowed_media_types", "video");
            g.startUnsafe();
            for (int i = 0; i < 300; i++) {
                Frame f = g.grabImage();
                if (f == null) {
                    break;
                }
                Mat m = convert.convert(f);
                if (m == null || m.empty()) {
                    continue;
                }
                double fps = g.getFrameRate();
                return new Result(null, null, codec(d), m.cols(), m.rows(),
                        Double.isFinite(fps) ? Math.round(fps * 100) / 100.0 : 0, d.authenticated(), jpeg(m));
            }
            return failure("no_frame", "the stream ended before a frame could be decoded");
        } catch (Exception e) {
            return failure("no_frame", "cannot decode the stream: " + Redact.text(String.valueOf(e.getMessage())));
        }
    }

    private static byte[] jpeg(Mat m) {
        try (BytePointer buf = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 85)) {
            if (!imencode(".jpg", m, buf, params)) {
                throw new IllegalStateException("JPEG encoding failed");
            }
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }

    private static String codec(RtspProbe.Description d) {
        return d.codec().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Result failure(String error, String message) {
        return new Result(error, Redact.text(message), null, 0, 0, 0, false, null);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
