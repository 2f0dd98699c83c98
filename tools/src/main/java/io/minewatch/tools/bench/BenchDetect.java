package io.minewatch.tools.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.infer.Detection;
import io.minewatch.detect.infer.DetectorException;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.Letterbox;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.infer.Region;
import io.minewatch.detect.motion.MotionSettings;
import io.minewatch.detect.motion.OpenCvMotionDetector;
import io.minewatch.detect.motion.RegionPlanner;
import io.minewatch.detect.pipeline.CameraDetection;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.pipeline.DetectMetrics;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.zones.Zones;
import io.minewatch.ingest.source.SourceSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The measurements behind {@code scripts/bench-detect}; each prints one line per result. Subcommands:
 * {@code decode FILE}, {@code decode-au FILE THREADS}, {@code pool CARD FILE N}, {@code idle CARD FILE},
 * {@code cameras CARD SECONDS N [--width W] FILE...} ({@code --width W} decodes the file after it scaled
 * to W pixels wide, as a camera's {@code width} key does; the others at their own size).
 */
public final class BenchDetect {
    /** The command-line tool's own output (its report), not logging. */
    private static final java.io.PrintStream REPORT = System.out;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BenchDetect() {
    }

    private static final String USAGE = "usage: BenchDetect decode FILE | decode-au FILE THREADS | pool CARD FILE N"
            + " | idle CARD FILE | cameras CARD SECONDS N [--width W] FILE [[--width W] FILE]...";

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            REPORT.println(USAGE);
            return;
        }
        switch (args[0]) {
            case "decode" -> decode(Path.of(args[1]));
            case "decode-au" -> decodeAccessUnits(Path.of(args[1]), Integer.parseInt(args[2]));
            case "pool" -> pool(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "idle" -> idle(Path.of(args[2]));
            case "cameras" -> cameras(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    clips(List.of(args).subList(4, args.length)));
            default -> throw new IllegalArgumentException("unknown bench " + args[0] + "; " + USAGE);
        }
    }

    /** The cameras' detection settings: the defaults, without overlay learning when {@code -Dbench.overlay=off}. */
    static CameraDetection detection() {
        return "off".equals(System.getProperty("bench.overlay"))
                ? CameraDetection.DEFAULT.withOverlay(io.minewatch.detect.overlay.OverlaySettings.OFF)
                : CameraDetection.DEFAULT;
    }

    /** A clip the cameras play, and the width it is decoded at (0: its own). */
    record Clip(Path file, int width) {
    }

    /** {@code [--width W] FILE ...}: each {@code --width} applies to the one file after it. */
    static List<Clip> clips(List<String> args) {
        List<Clip> clips = new ArrayList<>();
        int width = 0;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--width")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--width needs a value; " + USAGE);
                }
                width = Integer.parseInt(args.get(++i));
                if (width < 0) {
                    throw new IllegalArgumentException("--width must be 0 (the clip's own) or more");
                }
            } else if (args.get(i).startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + args.get(i) + "; " + USAGE);
            } else {
                clips.add(new Clip(Path.of(args.get(i)), width));
                width = 0;
            }
        }
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("no clip; " + USAGE);
        }
        return clips;
    }

    private static SourceSpec spec(String camera, Path file, boolean realtime, boolean loop) {
        return new SourceSpec(camera, SourceSpec.Kind.FILE, file.toString(), file.getFileName().toString(),
                Map.of(), realtime, loop);
    }

    /** CPU time of this thread decoding every frame of the file (converting those at 5 fps). */
    static void decode(Path file) throws Exception {
        decodeOnce(file); // warm-up: class loading, native libraries, JIT
        long p0 = processCpuNanos();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long frames = decodeOnce(file);
        long cpu = processCpuNanos() - p0;
        // FFmpeg may decode on threads of its own: the whole process's CPU is the fair count.
        REPORT.printf(Locale.ROOT, "decode %s frames %d process_cpu_ms_per_frame %.3f thread_cpu_ms_per_frame %.3f%n",
                file.getFileName(), frames, cpu / 1e6 / frames, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6 / frames);
    }

    private static long decodeOnce(Path file) throws Exception {
        long frames;
        try (GrabberFrameSource src = new GrabberFrameSource(spec("bench", file, false, false), 5, 0, 0,
                Clock.systemUTC())) {
            src.open();
            SampledFrame f;
            while ((f = src.next()) != null) {
                f.close();
            }
            frames = src.framesDecoded();
        }
        return frames;
    }

    /**
     * The live cameras' decoder: the file's packets as access units (demuxed and filtered to Annex-B
     * inside the timed run, as ffmpeg's own run demuxes) through a pre-roll ring into
     * {@link AccessUnitFrameSource} — avcodec with {@code threads} threads, frames due at 5 fps
     * converted to BGR. Process CPU per frame decoded, after a warm-up run.
     */
    static void decodeAccessUnits(Path file, int threads) throws Exception {
        decodeAccessUnitsOnce(file, threads);
        long p0 = processCpuNanos();
        long frames = decodeAccessUnitsOnce(file, threads);
        long cpu = processCpuNanos() - p0;
        REPORT.printf(Locale.ROOT, "decode-au %s threads %d frames %d process_cpu_ms_per_frame %.3f%n",
                file.getFileName(), threads, frames, cpu / 1e6 / frames);
    }

    private static long decodeAccessUnitsOnce(Path file, int threads) throws Exception {
        AnnexBFile.Decoded d = AnnexBFile.decode(AnnexBFile.read(file), 5, threads, frame -> { });
        if (d.errors() > 0) {
            throw new IllegalStateException(file + ": " + d.errors() + " decode errors");
        }
        return d.frames();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Frames per second through the pool (1 worker, pre/post-processing included) vs a bare ONNX Runtime loop. */
    static void pool(Path cardDir, Path file, int n) throws Exception {
        ModelCard card = ModelCard.load(cardDir);
        Mat frame = firstFrame(file);
        Letterbox lb = new Letterbox(card.input());
        float[] chw = lb.apply(frame).chw().clone();
        double pooled;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DjlModel model = DjlModel.load(card, 1)) {
            Map<String, Supplier<ObjectDetector>> models = Map.of("m", model::newDetector);
            try (DetectorPool pool = new DetectorPool(models, 1, registry)) {
                DetectorPool.Lane lane = pool.lane("bench", "m");
                AtomicInteger done = new AtomicInteger();
                for (int i = 0; i < 20; i++) {
                    lane.put(job(frame, done));
                }
                lane.awaitIdle(java.time.Duration.ofMinutes(1));
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    lane.put(job(frame, done));
                }
                lane.awaitIdle(java.time.Duration.ofMinutes(5));
                pooled = n / ((System.nanoTime() - t0) / 1e9);
            }
        }
        double bare;
        // DJL made the environment first (with its options); this loop shares it.
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            try (OrtSession s = env.createSession(card.modelFile().toString(), o)) {
                long[] shape = {1, 3, card.input().height(), card.input().width()};
                for (int i = 0; i < 20; i++) {
                    runOnce(env, s, chw, shape, card.input().name());
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    runOnce(env, s, chw, shape, card.input().name());
                }
                bare = n / ((System.nanoTime() - t0) / 1e9);
            }
        }
        frame.close();
        REPORT.printf(Locale.ROOT, "pool fps %.1f bare_onnxruntime fps %.1f ratio %.3f%n", pooled, bare, pooled / bare);
    }

    private static void runOnce(OrtEnvironment env, OrtSession s, float[] chw, long[] shape, String name)
            throws Exception {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(chw), shape);
             OrtSession.Result r = s.run(Map.of(name, t))) {
            r.get(0);
        }
    }

    private static DetectorPool.Job job(Mat frame, AtomicInteger done) {
        return new DetectorPool.Job() {
            @Override
            public Mat image() {
                return frame;
            }

            @Override
            public List<Region> regions() {
                return List.of();
            }

            @Override
            public void run(List<Detection> detections, long waitNanos, long inferNanos) {
                done.incrementAndGet();
            }

            @Override
            public void failed(DetectorException e) {
                throw new IllegalStateException(e);
            }

            @Override
            public void discard() {
            }
        };
    }

    private static Mat firstFrame(Path file) throws Exception {
        try (GrabberFrameSource src = new GrabberFrameSource(spec("bench", file, false, false), 5, 0, 0,
                Clock.systemUTC())) {
            src.open();
            for (int i = 0; i < 100; i++) {
                try (SampledFrame f = src.next()) {
                    if (i == 99 || f.offsetSeconds() > 20) {
                        return f.bgr().clone();
                    }
                }
            }
        }
        throw new IllegalStateException("no frame");
    }

    /** A still frame of the clip looped 10 minutes at 5 fps with Gaussian sensor noise (sigma 3): detector share. */
    static void idle(Path file) throws Exception {
        Mat still = firstFrame(file);
        int frames = 3000;
        int detect = 0;
        try (OpenCvMotionDetector motion = new OpenCvMotionDetector(MotionSettings.DEFAULT, Zones.NONE);
             Mat zero = new Mat(3, 1, org.bytedeco.opencv.global.opencv_core.CV_64F,
                     org.bytedeco.opencv.opencv_core.Scalar.all(0));
             Mat sd = new Mat(3, 1, org.bytedeco.opencv.global.opencv_core.CV_64F,
                     org.bytedeco.opencv.opencv_core.Scalar.all(3))) {
            RegionPlanner planner = new RegionPlanner(416, 416);
            long lastFull = Long.MIN_VALUE;
            for (int i = 0; i < frames; i++) {
                long pts = i * 200_000L;
                try (Mat wide = new Mat(); Mat noise = new Mat(still.rows(), still.cols(),
                        org.bytedeco.opencv.global.opencv_core.CV_16SC3); Mat sum = new Mat(); Mat f = new Mat()) {
                    still.convertTo(wide, org.bytedeco.opencv.global.opencv_core.CV_16SC3);
                    org.bytedeco.opencv.global.opencv_core.randn(noise, zero, sd);
                    org.bytedeco.opencv.global.opencv_core.add(wide, noise, sum);
                    sum.convertTo(f, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
                    var m = motion.detect(f);
                    boolean due = lastFull == Long.MIN_VALUE || pts - lastFull >= 10_000_000;
                    if (m.wholeFrame() || due) {
                        lastFull = pts;
                        detect++;
                    } else if (m.any()) {
                        planner.plan(m.boxes(), f.cols(), f.rows());
                        detect++;
                    }
                }
            }
        }
        still.close();
        REPORT.printf(Locale.ROOT, "idle frames %d sent_to_detector %d share %.4f%n", frames, detect,
                detect / (double) frames);
    }

    /**
     * N cameras playing the clips in real time, looping, for the given seconds, on a pool of one worker
     * per core: per camera, decoded fps vs the clip's own, detect fps, drops; and RSS over time.
     */
    static void cameras(Path cardDir, int seconds, int n, List<Clip> clips) throws Exception {
        ModelCard card = ModelCard.load(cardDir);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Path storage = Files.createTempDirectory("minewatch-bench-");
        List<CameraPipeline> cams = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int workers = Runtime.getRuntime().availableProcessors();
        DetectionListener quiet = e -> { };
        try (DjlModel model = DjlModel.load(card, 1);
             DetectorPool pool = new DetectorPool(Map.of("m", model::newDetector), workers, registry)) {
            REPORT.printf(Locale.ROOT, "start %s%n", memory());
            for (int i = 0; i < n; i++) {
                Clip clip = clips.get(i % clips.size());
                Path file = clip.file();
                String id = "cam" + i + "-" + file.getFileName().toString().split("_")[0];
                SourceSpec spec = spec(id, file, true, true);
                int width = clip.width();
                cams.add(CameraPipeline.create(spec, "bench", () -> new GrabberFrameSource(spec, 5, width, 0,
                        Clock.systemUTC()), pool.lane(id, "m"), card.input().width(), card.input().height(),
                        detection(), quiet, new SnapshotWriter(storage), registry));
                names.add(id);
            }
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            cams.forEach(CameraPipeline::start);
            for (int s = 60; s <= seconds; s += 60) {
                Thread.sleep(60_000);
                REPORT.printf(Locale.ROOT, "at %d s %s%n", s, memory());
            }
            Thread.sleep(Math.max(0, seconds * 1000L - (System.nanoTime() - t0) / 1_000_000));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            for (String id : names) {
                double decoded = count(registry, DetectMetrics.FRAMES_DECODED, id);
                double sampled = count(registry, DetectMetrics.FRAMES_SAMPLED, id);
                double motion = count(registry, DetectMetrics.FRAMES_MOTION, id);
                double detected = count(registry, DetectMetrics.FRAMES_DETECTED, id);
                double dropped = count(registry, DetectMetrics.FRAMES_DROPPED, id);
                REPORT.printf(Locale.ROOT, "camera %s decoded_fps %.2f sampled_fps %.2f detect_fps %.2f"
                        + " motion_frames %.0f detected %.0f dropped %.0f%n", id, decoded / elapsed, sampled / elapsed,
                        detected / elapsed, motion, detected, dropped);
            }
            REPORT.printf(Locale.ROOT, "cameras %d seconds %.0f process_cpu_cores %.3f end %s%n", n, elapsed,
                    cpu / elapsed, memory());
            for (CameraPipeline c : cams) {
                c.close();
            }
        }
    }

    private static double count(SimpleMeterRegistry r, String name, String camera) {
        return r.find(name).tag("camera", camera).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /**
     * RSS with the Java heap's committed size and use beside it. Run with {@code -Xms} = {@code -Xmx}
     * and {@code -XX:+AlwaysPreTouch} (as {@code scripts/bench-detect --rss} does) so the whole heap is
     * resident from the start: RSS minus the committed heap is then what native libraries (FFmpeg,
     * OpenCV, ONNX Runtime), thread stacks, code and metaspace hold, and any growth of it is theirs.
     */
    static String memory() throws Exception {
        java.lang.management.MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double rss = rssMb();
        double committed = heap.getCommitted() / 1048576.0;
        return String.format(Locale.ROOT, "rss_mb %.0f heap_committed_mb %.0f heap_used_mb %.0f rss_minus_heap_mb %.0f",
                rss, committed, heap.getUsed() / 1048576.0, rss - committed);
    }

    /** Resident set size of this process (heap, native and mapped), from /proc. */
    static double rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
