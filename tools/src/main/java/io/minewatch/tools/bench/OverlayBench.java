package io.minewatch.tools.bench;

import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.motion.MotionSettings;
import io.minewatch.detect.motion.OpenCvMotionDetector;
import io.minewatch.detect.overlay.OverlayLearner;
import io.minewatch.detect.overlay.OverlaySettings;
import io.minewatch.detect.zones.Zones;
import io.minewatch.ingest.source.SourceSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * What overlay learning adds to a camera's CPU: the file played as a camera's detect path plays it
 * (every frame decoded, 5 fps converted, the motion gate on each), alternately without and with the
 * overlay learner, and the process's CPU per second of video compared ({@code ratio_process}), with
 * the learner's own thread CPU against the pass without it ({@code ratio_thread}, less noisy). Both
 * are upper bounds of the share it adds to a camera: the detector's CPU, left out here, only makes
 * the camera's total larger. {@code scripts/bench-detect}, section 6.
 *
 * <p>Usage: {@code OverlayBench FILE [WIDTH] [PASSES] [REFRESH_S]}.
 */
public final class OverlayBench {
    /** The command-line tool's own output (its report), not logging. */
    private static final java.io.PrintStream REPORT = System.out;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private OverlayBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            REPORT.println("usage: OverlayBench FILE [WIDTH] [PASSES] [REFRESH_S]");
            return;
        }
        Path file = Path.of(args[0]);
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SourceSpec spec = new SourceSpec("bench", SourceSpec.Kind.FILE, file.toString(),
                file.getFileName().toString(), Map.of(), false, false);
        long[] without = new long[3];
        long[] with = new long[3];
        OverlaySettings d = OverlaySettings.DEFAULT;
        OverlaySettings settings = args.length > 3 ? new OverlaySettings(true, d.sampleMicros(),
                Math.round(Double.parseDouble(args[3]) * 1e6), d.horizonSamples(), d.warmupSamples(), d.edgeContrast(),
                d.minPersistence(), d.dropCoverage()) : d;
        try (OverlayLearner learner = new OverlayLearner(settings)) {
            long offset = 0;
            for (int pass = 0; pass < 2 * passes; pass++) {
                boolean learn = pass % 2 == 1;
                long[] r = play(spec, width, learn ? learner : null, offset);
                offset += r[2] + 200_000;
                long[] into = learn ? with : without;
                for (int i = 0; i < 3; i++) {
                    into[i] += r[i];
                }
            }
            double secondsWithout = without[2] / 1e6;
            double secondsWith = with[2] / 1e6;
            double baseMs = without[0] / 1e6 / secondsWithout;
            double withMs = with[0] / 1e6 / secondsWith;
            double learnerMs = with[1] / 1e6 / secondsWith;
            REPORT.printf(Locale.ROOT, "overlay %s video_s %.1f process_cpu_ms_per_s without %.2f with %.2f"
                            + " learner_thread_cpu_ms_per_s %.3f ratio_thread %.4f ratio_process %.4f mask_share %.3f%n",
                    file.getFileName(), secondsWith, baseMs, withMs, learnerMs, learnerMs / baseMs,
                    withMs / baseMs - 1, learner.mask().frameShare());
        }
    }

    /** Plays the file once; returns process CPU nanos, the learner's thread CPU nanos and the video's length in micros. */
    private static long[] play(SourceSpec spec, int width, OverlayLearner learner, long offset) throws Exception {
        long learnerNanos = 0;
        long last = 0;
        long p0 = processCpuNanos();
        try (OpenCvMotionDetector gate = new OpenCvMotionDetector(MotionSettings.DEFAULT, Zones.NONE);
             GrabberFrameSource src = new GrabberFrameSource(spec, 5, width, 0, Clock.systemUTC())) {
            src.open();
            SampledFrame f;
            while ((f = src.next()) != null) {
                try (SampledFrame frame = f) {
                    gate.detect(frame.bgr());
                    if (learner != null) {
                        long c = THREADS.getCurrentThreadCpuTime();
                        // Stream time keeps rising across passes, as a looping camera's does.
                        learner.observe(frame.bgr(), offset + frame.ptsMicros());
                        learnerNanos += THREADS.getCurrentThreadCpuTime() - c;
                    }
                    last = frame.ptsMicros();
                }
            }
        }
        return new long[] {processCpuNanos() - p0, learnerNanos, last};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
