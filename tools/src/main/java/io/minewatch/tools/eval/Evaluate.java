package io.minewatch.tools.eval;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.CameraConfig;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Category;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.infer.ModelCards;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.pipeline.CameraDetection;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.pipeline.DetectMetrics;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.ingest.source.SourceSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Runs a camera's whole detect path over a video as fast as it decodes (no frame dropped) and
 * scores its events against a labels file: per-category event recall and precision, false alerts
 * per hour, and the share of frames the motion gate sent to the detector. {@code scripts/evaluate}.
 */
public final class Evaluate {
    /** The command-line tool's own output (its report and usage), not logging. */
    private static final java.io.PrintStream REPORT = System.out;
    private static final java.io.PrintStream ERRORS = System.err;

    /** What one run gave. */
    public record Result(Map<String, Scorer.Score> scores, double seconds, double sampled, double detected,
                         double motion, List<DetectionEvent> events, String model) {
        public double detectorShare() {
            return sampled == 0 ? 0 : detected / sampled;
        }
    }

    private Evaluate() {
    }

    /**
     * @param card      the model card folder
     * @param detection the camera's detection settings (zones, rules, ...)
     * @param slack     seconds an event may fall outside a label's range and still match it
     */
    public static Result run(Path video, Labels labels, ModelCard card, CameraDetection detection, double fps,
                             double slack, Path storage) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<DetectionEvent> events = new CopyOnWriteArrayList<>();
        SourceSpec spec = new SourceSpec("eval", SourceSpec.Kind.FILE, video.toString(), video.toString(), Map.of(),
                false, false);
        try (DjlModel model = DjlModel.load(card, 1)) {
            Map<String, Supplier<ObjectDetector>> models = Map.of(card.name(), model::newDetector);
            try (DetectorPool pool = new DetectorPool(models, 1, registry);
                 CameraPipeline p = CameraPipeline.create(spec, "eval",
                         () -> new GrabberFrameSource(spec, fps, 0, 0, Clock.systemUTC()),
                         pool.lane("eval", card.name()), card.input().width(), card.input().height(), detection,
                         events::add, new SnapshotWriter(storage), registry)) {
                p.start();
                if (!p.awaitFinished(Duration.ofHours(2))) {
                    throw new IllegalStateException("evaluation did not finish in 2 hours");
                }
            }
        }
        double seconds = length(video);
        return new Result(Scorer.score(labels, events, seconds, slack, rows(card)), seconds,
                count(registry, DetectMetrics.FRAMES_SAMPLED), count(registry, DetectMetrics.FRAMES_DETECTED),
                count(registry, DetectMetrics.FRAMES_MOTION), List.copyOf(events), card.name());
    }

    /**
     * The categories the report always has a row for: the card's, heavy machinery folded into
     * {@code heavy_vehicle} as {@link Scorer} counts it.
     */
    static java.util.Set<String> rows(ModelCard card) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        card.categories().values().forEach(m -> out.add(m.category().heavy()
                ? Category.HEAVY_VEHICLE.wire() : m.category().wire()));
        return out;
    }

    /** {@code [x1,y1,x2,y2]} in whole pixels. */
    static String box(io.minewatch.detect.infer.Box b) {
        return b == null ? "[-]" : String.format(Locale.ROOT, "[%.0f,%.0f,%.0f,%.0f]", b.x1(), b.y1(), b.x2(), b.y2());
    }

    private static double count(SimpleMeterRegistry r, String name) {
        return r.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double length(Path video) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            return g.getLengthInTime() / 1e6;
        }
    }

    /** Prints the report. */
    public static void print(Path video, Labels labels, Result r, double slack, PrintStream out) {
        out.printf(Locale.ROOT, "video: %s (%.1f s)%n", video.getFileName(), r.seconds());
        out.printf(Locale.ROOT, "frames: %.0f picked at the detect rate, %.0f with motion, %.0f sent to the detector"
                + " (%.1f %%)%n", r.sampled(), r.motion(), r.detected(), 100 * r.detectorShare());
        out.printf(Locale.ROOT, "%-15s %6s %6s %7s %9s %7s %6s %9s %9s%n", "category", "labels", "found", "recall",
                "optional", "events", "right", "precision", "false/h");
        for (Scorer.Score s : r.scores().values()) {
            out.printf(Locale.ROOT, "%-15s %6d %6d %7s %9s %7d %6d %9s %9.1f%n", s.category(), s.labels(), s.found(),
                    fmt(s.recall()), s.optionalFound() + "/" + s.optional(), s.events(), s.right(),
                    fmt(s.precision()), s.falsePerHour());
        }
        out.println("events (✓ claimed a labelled appearance within ±" + slack + " s and, where it has boxes, on its box"
                + " (IoU >= " + BoxMatch.MIN_IOU + " or centre inside); ✗ false or repeated; box in detect-frame pixels):");
        Scorer.Matching m = Scorer.match(labels, r.events(), slack);
        for (int i = 0; i < r.events().size(); i++) {
            DetectionEvent e = r.events().get(i);
            if (!Scorer.alerting(e) || Category.CAMERA.wire().equals(e.category())) {
                continue;
            }
            out.printf(Locale.ROOT, "  %s #%-3d %6.1f s  %-22s %-9s %-8s %.2f  object %-4d box %s%s  %s%n",
                    m.rightEvents()[i] ? "✓" : "✗", i + 1, e.streamOffsetS(), e.rule(), e.kind(), e.label(), e.score(),
                    e.objectId(), box(e.box()), e.zone() == null ? "" : "  zone " + e.zone(),
                    m.rightEvents()[i] ? "→ appearance " + (m.appearance()[i] + 1) : "(" + m.why()[i] + ")");
        }
        for (int j = 0; j < labels.appearances().size(); j++) {
            Labels.Appearance a = labels.appearances().get(j);
            if (!m.foundLabels()[j]) {
                out.printf(Locale.ROOT, "  %s appearance %d %5.1f-%5.1f s %s (no event in range%s) %s%n",
                        a.optional() ? "optional, not alerted:" : "missed:", j + 1, a.start(), a.end(), a.category(),
                        a.boxes().isEmpty() ? "" : " on its box", a.note());
            }
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * {@code Evaluate --video FILE --labels FILE [--model CARD_DIR] [--against CARD_DIR] [--config site.yaml
     * --camera ID] [--fps 5] [--slack 0.5] [--json FILE]}; {@code --json} also writes the report as JSON
     * ({@link JsonReport}). With a config, the camera's detection settings, model card and site
     * time zone are used. {@code --against} runs a second card the same way and prints both reports
     * (the second JSON next to the first, {@code .against.json}).
     * {@code Evaluate --images DIR|FILE.json [--model CARD_DIR] [--against CARD_DIR] [--json FILE]}
     * scores the cards on a labelled image folder instead ({@link EvaluateImages}).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            usage("every option takes a value");
        }
        if (a.containsKey("images")) {
            images(a);
            return;
        }
        if (!a.containsKey("video") || !a.containsKey("labels")) {
            usage("--video and --labels (or --images) are required");
        }
        Path video = Path.of(a.get("video"));
        Labels labels = Labels.read(Path.of(a.get("labels")));
        ModelCards cards = new ModelCards(Path.of(a.getOrDefault("model", "models/yolox-nano")));
        CameraDetection detection = CameraDetection.DEFAULT;
        String cardName = null;
        double fps = Double.parseDouble(a.getOrDefault("fps", "5"));
        if (a.containsKey("config")) {
            MinewatchConfig config = ConfigLoader.load(Path.of(a.get("config")), System.getenv());
            String id = a.get("camera");
            CameraConfig camera = config.cameras().stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no camera " + id + " in " + a.get("config")));
            detection = CameraDetection.from(camera.detection(), config.site(camera.site()).timezone());
            cardName = camera.detection().model();
            fps = camera.fps();
        }
        double slack = Double.parseDouble(a.getOrDefault("slack", "0.5"));
        Path storage = Files.createTempDirectory("minewatch-evaluate-");
        Result r = run(video, labels, cards.get(cardName), detection, fps, slack, storage);
        print(video, labels, r, slack, REPORT);
        REPORT.println("snapshots: " + storage);
        if (a.containsKey("json")) {
            Path json = Path.of(a.get("json"));
            JsonReport.write(json, video, Path.of(a.get("labels")), labels, r, fps, slack);
            REPORT.println("json report: " + json);
        }
        if (a.containsKey("against")) {
            ModelCard other = ModelCard.load(Path.of(a.get("against")));
            Result o = run(video, labels, other, detection, fps, slack, storage);
            REPORT.println();
            REPORT.println("against " + other.name() + ":");
            print(video, labels, o, slack, REPORT);
            for (String cat : r.scores().keySet()) {
                Scorer.Score x = r.scores().get(cat);
                Scorer.Score y = o.scores().get(cat);
                if (y != null) {
                    REPORT.printf(Locale.ROOT, "%s: %s recall %s precision %s false/h %.1f | %s recall %s precision %s"
                                    + " false/h %.1f%n", cat, r.model(), fmt(x.recall()), fmt(x.precision()),
                            x.falsePerHour(), o.model(), fmt(y.recall()), fmt(y.precision()), y.falsePerHour());
                }
            }
            if (a.containsKey("json")) {
                Path json = Path.of(a.get("json").replaceAll("\\.json$", "") + ".against.json");
                JsonReport.write(json, video, Path.of(a.get("labels")), labels, o, fps, slack);
                REPORT.println("json report (" + other.name() + "): " + json);
            }
        }
    }

    private static void images(Map<String, String> a) throws Exception {
        ImageSet set = ImageSet.read(Path.of(a.get("images")));
        List<EvaluateImages.Result> results = new java.util.ArrayList<>();
        results.add(EvaluateImages.run(set, ModelCard.load(Path.of(a.getOrDefault("model", "models/yolox-nano")))));
        if (a.containsKey("against")) {
            results.add(EvaluateImages.run(set, ModelCard.load(Path.of(a.get("against")))));
        }
        EvaluateImages.print(set, results, REPORT);
        if (a.containsKey("json")) {
            EvaluateImages.writeJson(Path.of(a.get("json")), set, results);
            REPORT.println("json report: " + a.get("json"));
        }
    }

    private static void usage(String problem) {
        ERRORS.println("evaluate: " + problem);
        ERRORS.println("usage: scripts/evaluate --video FILE --labels FILE [--model CARD_DIR] [--against CARD_DIR]"
                + " [--config site.yaml --camera ID] [--fps 5] [--slack 0.5] [--json FILE]");
        ERRORS.println("       scripts/evaluate --images DIR|FILE.json [--model CARD_DIR] [--against CARD_DIR]"
                + " [--json FILE]");
        System.exit(2);
    }

}
