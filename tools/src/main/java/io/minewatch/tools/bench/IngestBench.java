package io.minewatch.tools.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.camera.CameraIngest;
import io.minewatch.ingest.camera.RtspIngest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingest-only benchmark (run by scripts/bench-ingest): pulls the given RTSP URLs into 30 s rings for
 * a while and prints one line of numbers: process CPU seconds (whole run and steady state), access
 * units, heap used and resident memory.
 *
 * <p>Usage: {@code IngestBench SECONDS URL...}
 */
public final class IngestBench {
    /** The benchmark's own output (its report), not logging. */
    private static final java.io.PrintStream REPORT = System.out;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<CameraIngest> cams = new ArrayList<>();
        try (RtspIngest ingest = new RtspIngest(1, new SimpleMeterRegistry())) {
            for (int i = 1; i < args.length; i++) {
                cams.add(ingest.add("cam" + i, args[i], IngestSettings.DEFAULTS, s -> { }));
            }
            ingest.start();
            Thread.sleep(5000);
            long cpu0 = os.getProcessCpuTime();
            long au0 = cams.stream().mapToLong(c -> c.metrics().accessUnits()).sum();
            Thread.sleep(seconds * 1000L);
            long cpu1 = os.getProcessCpuTime();
            long au1 = cams.stream().mapToLong(c -> c.metrics().accessUnits()).sum();
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heap = rt.totalMemory() - rt.freeMemory();
            long ringBytes = cams.stream().mapToLong(c -> c.ring().bytes()).sum();
            long gaps = cams.stream().mapToLong(c -> c.metrics().sequenceGaps()).sum();
            REPORT.println(String.format(Locale.ROOT,
                    "RESULT cameras=%d seconds=%d cpu_total_s=%.2f cpu_steady_s=%.2f access_units=%d seq_gaps=%d "
                            + "heap_mb=%.1f ring_mb=%.1f rss_mb=%.1f",
                    cams.size(), seconds, cpu1 / 1e9, (cpu1 - cpu0) / 1e9, au1 - au0, gaps, heap / 1048576.0,
                    ringBytes / 1048576.0, rssMb()));
        }
    }

    private static double rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }
}
