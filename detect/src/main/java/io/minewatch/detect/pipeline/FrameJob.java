package io.minewatch.detect.pipeline;

import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.DetectorException;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.Region;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One camera frame in the pool: detected, then tracked and judged by the camera's stage; always closed. */
final class FrameJob implements DetectorPool.Job {
    private static final Logger log = LoggerFactory.getLogger(FrameJob.class);

    private final SampledFrame frame;
    private final List<Region> regions;
    private final DetectStage stage;
    private final DetectMetrics metrics;
    private final String camera;
    private final boolean groundLook;
    private final Runnable done;

    FrameJob(SampledFrame frame, List<Region> regions, DetectStage stage, DetectMetrics metrics, String camera) {
        this(frame, regions, stage, metrics, camera, false, null);
    }

    /** With {@code groundLook}: the camera's ground watch looks at this frame once its objects are tracked. */
    FrameJob(SampledFrame frame, List<Region> regions, DetectStage stage, DetectMetrics metrics, String camera,
             boolean groundLook) {
        this(frame, regions, stage, metrics, camera, groundLook, null);
    }

    /** @param done told on the worker once the frame is detected and judged, or failed (a flight's progress); may be null */
    FrameJob(SampledFrame frame, List<Region> regions, DetectStage stage, DetectMetrics metrics, String camera,
             boolean groundLook, Runnable done) {
        this.groundLook = groundLook;
        this.done = done;
        this.frame = frame;
        this.regions = regions;
        this.stage = stage;
        this.metrics = metrics;
        this.camera = camera;
    }

    @Override
    public Mat image() {
        return frame.bgr();
    }

    @Override
    public List<Region> regions() {
        return regions;
    }

    @Override
    public void run(List<Detection> detections, long waitNanos, long inferNanos) {
        try {
            metrics.latency.record(inferNanos, TimeUnit.NANOSECONDS);
            metrics.detected.increment();
            stage.accept(frame, detections, regions, groundLook);
        } finally {
            frame.close();
            if (done != null) {
                done.run();
            }
        }
    }

    @Override
    public void failed(DetectorException e) {
        try {
            // Summarised: the first failure in full, then every thousandth.
            long n = metrics.failures.incrementAndGet();
            if (n % 1000 == 1) {
                log.error("camera {}: detection failed ({} so far)", camera, n, e);
            }
        } finally {
            frame.close();
            if (done != null) {
                done.run();
            }
        }
    }

    @Override
    public void discard() {
        frame.close();
    }
}
