package io.minewatch.tools.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.IngestSettings;
import io.minewatch.ingest.camera.CameraIngest;
import io.minewatch.ingest.camera.RtspIngest;
import io.minewatch.ingest.ring.PreRollRing;
import io.minewatch.server.video.LiveVideo;
import io.minewatch.server.video.VideoEndpoint;
import io.minewatch.server.video.VideoMetrics;
import io.netty.channel.WriteBufferWaterMark;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Live video benchmark, server side (run by scripts/bench-live-video): pulls the given RTSP cameras
 * with the real ingest into their rings, serves their live video over WebSocket
 * ({@link VideoEndpoint}, {@link LiveVideo}), prints {@code PORT <port>}, waits for
 * {@code VIEWERS × cameras} viewers (another process, {@link LiveVideoViewers}; 0: ingest alone), warms
 * up (system property {@code warmup}, default 20 s: the JIT compiles the hot paths), then measures this
 * process's CPU time from /proc for SECONDS and prints a THREADS line (CPU by thread) and a RESULT line.
 *
 * <p>Usage: {@code LiveVideoBench SECONDS VIEWERS_PER_CAMERA URL...} (system property
 * {@code clk_tck}: the kernel's USER_HZ, default 100).
 */
public final class LiveVideoBench {
    /** The benchmark's own output (its report), not logging. */
    private static final PrintStream REPORT = System.out;

    private LiveVideoBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int perCamera = Integer.parseInt(args[1]);
        int hz = Integer.getInteger("clk_tck", 100);
        int cameras = args.length - 2;
        MeterRegistry registry = new SimpleMeterRegistry();
        VideoMetrics metrics = new VideoMetrics(registry);
        Map<String, PreRollRing> rings = new HashMap<>();
        try (RtspIngest ingest = new RtspIngest(1, registry);
             LiveVideo video = new LiveVideo(metrics, 64, Duration.ofSeconds(10), 16 << 20, Duration.ofMillis(100))) {
            for (int i = 2; i < args.length; i++) {
                CameraIngest c = ingest.add("cam" + (i - 1), args[i], IngestSettings.DEFAULTS, s -> { });
                rings.put(c.camera(), c.ring());
            }
            ingest.start();
            VideoEndpoint endpoint = new VideoEndpoint(rings::containsKey, rings::get, (c, id) -> true, video, metrics,
                    new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024));
            try (BenchWebSocketServer ws = new BenchWebSocketServer(VideoEndpoint.PATH, endpoint, 1)) {
                REPORT.println("PORT " + ws.port());
                REPORT.flush();
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (sum(registry, VideoMetrics.VIEWERS) < cameras * perCamera) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("only " + sum(registry, VideoMetrics.VIEWERS) + " of "
                                + cameras * perCamera + " viewers connected within 120 s");
                    }
                    Thread.sleep(100);
                }
                Thread.sleep(Integer.getInteger("warmup", 20) * 1000L);
                double cpu0 = ProcCpu.self(hz);
                Map<String, Double> threads0 = ProcCpu.threads(hz);
                double made0 = sum(registry, VideoMetrics.FRAGMENTS);
                double sent0 = sum(registry, VideoMetrics.FRAGMENTS_SENT);
                double bytes0 = sum(registry, VideoMetrics.BYTES_SENT);
                Thread.sleep(seconds * 1000L);
                double cpu = ProcCpu.self(hz) - cpu0;
                StringBuilder where = new StringBuilder();
                ProcCpu.threads(hz).forEach((name, t) -> {
                    double d = t - threads0.getOrDefault(name, 0.0);
                    if (d >= 0.05) {
                        where.append(String.format(Locale.ROOT, " %s=%.2f", name.replace(' ', '_'), d));
                    }
                });
                REPORT.println("THREADS cpu_s_by_thread:" + where);
                double viewers = sum(registry, VideoMetrics.VIEWERS);
                double viewerMinutes = Math.max(1, cameras * perCamera) * seconds / 60.0;
                REPORT.println(String.format(Locale.ROOT,
                        "RESULT cameras=%d viewers=%.0f seconds=%d cpu_s=%.2f cpu_s_per_viewer_min=%.4f "
                                + "fragments_made=%.0f fragments_sent=%.0f mb_sent=%.1f skips=%.0f drops=%.0f "
                                + "muxers_started=%.0f",
                        cameras, viewers, seconds, cpu, cpu / viewerMinutes,
                        sum(registry, VideoMetrics.FRAGMENTS) - made0, sum(registry, VideoMetrics.FRAGMENTS_SENT) - sent0,
                        (sum(registry, VideoMetrics.BYTES_SENT) - bytes0) / 1048576.0,
                        sum(registry, VideoMetrics.SKIPS), sum(registry, VideoMetrics.DROPS),
                        sum(registry, VideoMetrics.SOURCES_STARTED)));
                REPORT.flush();
            }
        }
        System.exit(0);
    }

    private static double sum(MeterRegistry registry, String name) {
        double total = 0;
        for (var m : registry.find(name).meters()) {
            for (var measurement : m.measure()) {
                total += measurement.getValue();
            }
        }
        return total;
    }
}
