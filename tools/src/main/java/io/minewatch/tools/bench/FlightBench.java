package io.minewatch.tools.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.detect.decode.FlightFrameSource;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.event.DetectionListener;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.pipeline.DetectMetrics;
import io.minewatch.detect.pipeline.FlightPipeline;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Drone flight processing (issue 16), three runs on one detector pool of a worker per core:
 * <ol>
 *   <li>the flight alone: processing time ÷ footage duration at the detect rate (every frame to the detector);</li>
 *   <li>N live cameras (the clips in real time, looping) for the time the flight took: their drop counts;</li>
 *   <li>the same cameras while the flight runs again on a background lane: their drop counts, and the
 *       flight's ratio under that load.</li>
 * </ol>
 * Usage: {@code FlightBench CARD FLIGHT_VIDEO FPS N_CAMERAS CLIP...} (scripts/bench-flight).
 */
public final class FlightBench {
    private static final PrintStream REPORT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private FlightBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: FlightBench CARD FLIGHT_VIDEO FPS N_CAMERAS CLIP...");
        }
        ModelCard card = ModelCard.load(Path.of(args[0]));
        Path flight = Path.of(args[1]);
        double fps = Double.parseDouble(args[2]);
        int n = Integer.parseInt(args[3]);
        List<Path> clips = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            clips.add(Path.of(args[i]));
        }
        int workers = Runtime.getRuntime().availableProcessors();
        Path storage = Files.createTempDirectory("minewatch-flight-bench-");
        try (DjlModel model = DjlModel.load(card, 1)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (DetectorPool pool = new DetectorPool(Map.of("m", model::newDetector), workers, registry)) {
                runFlight(pool, flight, fps, storage, registry, "warmup", Long.MAX_VALUE);
                double[] alone = runFlight(pool, flight, fps, storage, registry, "alone", Long.MAX_VALUE);
                REPORT.printf(Locale.ROOT, "flight alone workers %d video_s %.1f frames %.0f processing_s %.1f ratio %.3f%n",
                        workers, alone[0], alone[2], alone[1], alone[1] / alone[0]);
                long window = Math.max(30_000, Math.round(alone[1] * 1000));
                List<CameraPipeline> cams = cameras(pool, clips, n, card, storage, registry);
                try {
                    Thread.sleep(10_000); // cameras settle (warm decoders, first loops)
                    double[] before = drops(registry, cams);
                    Thread.sleep(window);
                    double[] without = minus(drops(registry, cams), before);
                    report("without_flight", cams, without, window / 1000.0);
                    double[] start = drops(registry, cams);
                    // Bounded: when the live cameras leave no worker free, the flight (lower priority) waits.
                    double[] loaded = runFlight(pool, flight, fps, storage, registry, "loaded",
                            System.nanoTime() + 3 * window * 1_000_000L);
                    double[] with = minus(drops(registry, cams), start);
                    report("with_flight", cams, with, loaded[1]);
                    REPORT.printf(Locale.ROOT, "flight with %d cameras video_s %.1f judged_video_s %.1f frames %.0f"
                            + " processing_s %.1f ratio %.3f%n", n, loaded[0], loaded[3], loaded[2], loaded[1],
                            loaded[3] > 0 ? loaded[1] / loaded[3] : Double.POSITIVE_INFINITY);
                } finally {
                    cams.forEach(CameraPipeline::close);
                }
            }
        }
    }

    /** {video seconds, processing seconds, frames, video seconds judged}; stops reading at the deadline (nanoTime). */
    private static double[] runFlight(DetectorPool pool, Path video, double fps, Path storage,
                                      SimpleMeterRegistry registry, String name, long deadline) throws Exception {
        DetectionListener quiet = e -> { };
        long[] frames = new long[2];
        long t0 = System.nanoTime();
        double duration;
        try (FlightPipeline p = new FlightPipeline("flight-" + name, null, pool.backgroundLane("flight-" + name, "m"),
                null, quiet, new SnapshotWriter(storage), registry);
             FlightFrameSource src = new FlightFrameSource(video, name, fps, 960, Instant.now(), 0)) {
            src.open();
            duration = src.durationS();
            p.run(src, () -> System.nanoTime() > deadline, pts -> {
                frames[0]++;
                frames[1] = Math.max(frames[1], pts);
            });
            p.awaitIdle(Duration.ofMinutes(30));
        }
        return new double[] {duration, (System.nanoTime() - t0) / 1e9, frames[0], frames[1] / 1e6 + 1 / fps};
    }

    private static List<CameraPipeline> cameras(DetectorPool pool, List<Path> clips, int n, ModelCard card,
                                                Path storage, SimpleMeterRegistry registry) {
        List<CameraPipeline> cams = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path file = clips.get(i % clips.size());
            String id = "cam" + i;
            SourceSpec spec = new SourceSpec(id, SourceSpec.Kind.FILE, file.toString(), file.getFileName().toString(),
                    Map.of(), true, true);
            CameraPipeline c = CameraPipeline.create(spec, "bench", () -> new GrabberFrameSource(spec, 5, 640, 0,
                    Clock.systemUTC()), pool.lane(id, "m"), card.input().width(), card.input().height(),
                    BenchDetect.detection(), e -> { }, new SnapshotWriter(storage), registry);
            c.start();
            cams.add(c);
        }
        return cams;
    }

    /** Per camera: {dropped, detected}. */
    private static double[] drops(SimpleMeterRegistry r, List<CameraPipeline> cams) {
        double[] out = new double[cams.size() * 2];
        for (int i = 0; i < cams.size(); i++) {
            String id = cams.get(i).camera();
            out[2 * i] = r.find(DetectMetrics.FRAMES_DROPPED).tag("camera", id).counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            out[2 * i + 1] = r.find(DetectMetrics.FRAMES_DETECTED).tag("camera", id).counters().stream()
                    .mapToDouble(c -> c.count()).sum();
        }
        return out;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static void report(String phase, List<CameraPipeline> cams, double[] d, double seconds) {
        double dropped = 0;
        double detected = 0;
        for (int i = 0; i < cams.size(); i++) {
            dropped += d[2 * i];
            detected += d[2 * i + 1];
        }
        REPORT.printf(Locale.ROOT, "%s cameras %d seconds %.1f live_detected %.0f live_dropped %.0f"
                + " dropped_per_camera_minute %.2f%n", phase, cams.size(), seconds, detected, dropped,
                dropped / cams.size() / (seconds / 60));
    }
}
