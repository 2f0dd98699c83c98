package io.minewatch.detect.ground;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.config.DetectSettings;
import io.minewatch.config.DetectSettings.GroundConfig;
import io.minewatch.config.DetectSettings.RuleConfig;
import io.minewatch.config.DetectSettings.ZoneConfig;
import io.minewatch.detect.decode.FrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.DetectorPool;
import io.minewatch.detect.infer.DjlModel;
import io.minewatch.detect.infer.ModelCard;
import io.minewatch.detect.infer.ObjectDetector;
import io.minewatch.detect.pipeline.CameraDetection;
import io.minewatch.detect.pipeline.CameraPipeline;
import io.minewatch.detect.snapshot.SnapshotWriter;
import io.minewatch.detect.testing.Media;
import io.minewatch.detect.zones.Zone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ground_change wired into a camera's real pipeline (real YOLOX-nano, tracker, one pool worker) from
 * the camera's config: 3 days of frames at 30-minute capture times ({@link GroundScenes}); from day 1
 * a patch of earth grows in the pit and a pickup parks on the stockpile. The detector tracks the
 * pickup, so only the pit raises {@code ground_change}, once, with its before|after snapshot.
 */
class GroundPipelineTest {
    private static final String CARD = "yolox-nano";

    @TempDir
    Path dir;

    private static double hours(Instant t) {
        return (t.toEpochMilli() - GroundScenes.DAY0.toEpochMilli()) / 3_600_000.0;
    }

    private static List<ZoneConfig> zoneConfigs() {
        List<ZoneConfig> zones = new ArrayList<>();
        for (Zone z : GroundScenes.ZONES.all()) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < z.polygon().xs().length; i++) {
                pts.add(new double[] {z.polygon().xs()[i], z.polygon().ys()[i]});
            }
            zones.add(new ZoneConfig(z.name(), z.kind(), pts));
        }
        return zones;
    }

    @Test
    void thePitAlertsOnceAndTheTrackedPickupDoesNot() throws Exception {
        List<ZoneConfig> zones = zoneConfigs();
        DetectSettings settings = new DetectSettings(null, 10, DetectSettings.MotionConfig.DEFAULT, zones, Map.of(),
                List.of(new RuleConfig(GroundChangeRule.NAME, List.of(), null, 30, 3,
                        new GroundConfig(0.10, 6, 12, 30, 3, 6, 72, 30))),
                false, 1, new DetectSettings.OverlayConfig(false, 0.6, 16, 30));
        // Overlay learning off: a scene this still would teach it the parked cars as "text".
        CameraDetection detection = CameraDetection.from(settings, GroundScenes.SITE);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<DetectionEvent> events = new CopyOnWriteArrayList<>();
        try (GroundScenes scenes = new GroundScenes();
             DjlModel model = DjlModel.load(ModelCard.load(Media.models().resolve(CARD)), 1);
             DetectorPool pool = new DetectorPool(Map.of(CARD, (Supplier<ObjectDetector>) () -> recording(
                     model.newDetector(), scenes.pickupBox())), 1, registry)) {
            List<Instant> times = GroundScenes.times(3, 30);
            Supplier<FrameSource> source = () -> new FrameSource() {
                private final Random rnd = new Random(5);
                private int i;

                @Override
                public void open() {
                }

                @Override
                public SampledFrame next() {
                    if (i >= times.size()) {
                        return null;
                    }
                    Instant t = times.get(i);
                    double h = hours(t);
                    double cloud = ((int) (h / 24)) % 2 == 1 ? 0.7 : 1.0;
                    Mat f = scenes.frame(t, new GroundScenes.Look(h < 24 ? 0 : Math.min(60, (h - 24) * 1.5), false,
                            false, 3, false, h >= 24, cloud), rnd);
                    long micros = (t.toEpochMilli() - GroundScenes.DAY0.toEpochMilli()) * 1000;
                    return new SampledFrame(f, micros, t, i++);
                }

                @Override
                public long framesDecoded() {
                    return i;
                }

                @Override
                public void close() {
                }
            };
            CameraPipeline p = CameraPipeline.create(Media.spec("ground-cam", Media.video(Media.TRAFFIC)), "site-a",
                    GroundScenes.SITE, source, pool.lane("ground-cam", CARD), 416, 416, detection, events::add,
                    new SnapshotWriter(dir), registry);
            try (p) {
                p.start();
                assertTrue(p.awaitFinished(Duration.ofMinutes(4)), "sequence did not finish");
            } // closing waits for the ground thread's last observation
        }
        double observed = registry.find("detect.ground.observations").counter().count();
        double dropped = registry.find("detect.ground.dropped").counter().count();
        List<DetectionEvent> ground = events.stream().filter(e -> e.rule().equals(GroundChangeRule.NAME)).toList();
        assertEquals(1, ground.size(), ground + " (" + observed + " observations, " + dropped + " dropped)");
        DetectionEvent e = ground.get(0);
        assertEquals(GroundScenes.PIT.name(), e.zone());
        assertEquals("ground", e.category());
        assertEquals("change", e.kind());
        assertTrue(hours(e.time()) >= 36, "persisted 12 h after the patch appeared: " + e.time());
        assertEquals(2 * 640, e.frameWidth(), "the snapshot is the before|after pair");
        assertTrue(e.box().x1() >= 640, "the box is on the after half: " + e.box());
        try (Mat snap = imread(dir.resolve(e.snapshot()).toString())) {
            assertEquals(e.frameWidth(), snap.cols());
            assertEquals(e.frameHeight(), snap.rows());
        }
        assertTrue(observed >= times().size() - 2 * dropped - 2, observed + " observations");
        // The pickup stands there for 2 days (96 frames): the detector must have seen it, else the
        // stockpile's silence would prove nothing about tracked objects.
        assertTrue(PICKUP_SEEN.get() >= 80, "pickup detected in " + PICKUP_SEEN.get() + " frames");
    }

    /**
     * Frames of the view before it moves; the rest are of the view re-aimed and zoomed in by a third
     * (the tamper check does not see the small move of {@link GroundChangeRuleTest}'s moved view).
     */
    private static final int STILL = 14;

    /**
     * The wiring from the tamper check to the ground thread: 40 frames one second apart in stream time
     * (the tamper check's clock) and 30 minutes apart in capture time (the ground rule's), all lit as
     * at noon; from frame 14 the view is re-aimed and zoomed in. The rule (one band, 3-frame references, 6 observations
     * over 3 h) would report both zones as changed from frame 20; the tamper check fires "moved" at
     * about frame 17 (3 s hold), and the ground thread drops the references at its next observation,
     * builds them from the moved view, and reports nothing. The same frames without tamper checks do
     * alert, so the silence is the reset's.
     */
    @Test
    void aMovedTamperResetsTheGroundReferences() throws Exception {
        Moved withTamper;
        Moved without;
        try (GroundScenes scenes = new GroundScenes();
             DjlModel model = DjlModel.load(ModelCard.load(Media.models().resolve(CARD)), 1)) {
            withTamper = playMoved(scenes, model, true);
            without = playMoved(scenes, model, false);
        }
        List<DetectionEvent> tamper = withTamper.events().stream()
                .filter(e -> e.rule().equals("camera_tamper")).toList();
        assertEquals(1, tamper.size(), "one tamper event: " + tamper);
        assertEquals("moved", tamper.get(0).label());
        assertTrue(hours(tamper.get(0).time()) >= 12 + STILL * 0.5, "moved after the view moved: " + tamper);
        assertEquals(1.0, withTamper.resets(), "references dropped once");
        assertEquals(List.of(), ground(withTamper.events()), "the moved view alerted despite the reset");
        assertTrue(withTamper.observations() >= 30, withTamper.observations() + " observations");

        assertEquals(0.0, without.resets());
        assertTrue(without.events().stream().noneMatch(e -> e.rule().equals("camera_tamper")));
        assertTrue(!ground(without.events()).isEmpty(), "without the tamper check the moved view must alert, "
                + "else the silence above proves nothing (" + without.observations() + " observations)");
    }

    private record Moved(List<DetectionEvent> events, double resets, double observations) {
    }

    private static List<DetectionEvent> ground(List<DetectionEvent> events) {
        return events.stream().filter(e -> e.rule().equals(GroundChangeRule.NAME)).toList();
    }

    private Moved playMoved(GroundScenes scenes, DjlModel model, boolean tamper) throws Exception {
        DetectSettings settings = new DetectSettings(null, 10, DetectSettings.MotionConfig.DEFAULT, zoneConfigs(),
                Map.of(), List.of(new RuleConfig(GroundChangeRule.NAME, List.of(), null, 30, 3,
                        new GroundConfig(0.10, 6, 3, 30, 24, 3, 72, 30))),
                tamper, 1, new DetectSettings.OverlayConfig(false, 0.6, 16, 30));
        CameraDetection detection = CameraDetection.from(settings, GroundScenes.SITE);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<DetectionEvent> events = new CopyOnWriteArrayList<>();
        Instant noon = GroundScenes.DAY0.plus(Duration.ofHours(12));
        Supplier<FrameSource> source = () -> new FrameSource() {
            private final Random rnd = new Random(9);
            private int i;

            @Override
            public void open() {
            }

            @Override
            public SampledFrame next() {
                if (i >= 40) {
                    return null;
                }
                Mat f = scenes.frame(noon, GroundScenes.Look.plain(), rnd);
                if (i >= STILL) {
                    Mat m = GroundScenes.turned(f);
                    f.close();
                    f = m;
                }
                Instant t = noon.plus(Duration.ofMinutes(30L * i));
                return new SampledFrame(f, i * 1_000_000L, t, i++);
            }

            @Override
            public long framesDecoded() {
                return i;
            }

            @Override
            public void close() {
            }
        };
        try (DetectorPool pool = new DetectorPool(Map.of(CARD, (Supplier<ObjectDetector>) model::newDetector), 1,
                registry)) {
            CameraPipeline p = CameraPipeline.create(Media.spec("moved-cam", Media.video(Media.TRAFFIC)), "site-a",
                    GroundScenes.SITE, source, pool.lane("moved-cam", CARD), 416, 416, detection, events::add,
                    new SnapshotWriter(dir), registry);
            try (p) {
                p.start();
                assertTrue(p.awaitFinished(Duration.ofMinutes(2)), "sequence did not finish");
            }
        }
        return new Moved(List.copyOf(events), registry.find("detect.ground.resets").counter().count(),
                registry.find("detect.ground.observations").counter().count());
    }

    /** Full frames in which the real detector found the pickup where it is parked. */
    private static final java.util.concurrent.atomic.AtomicInteger PICKUP_SEEN = new java.util.concurrent.atomic.AtomicInteger();

    /** The real detector, counting the frames in which it finds the parked pickup (IoU >= 0.5). */
    private static ObjectDetector recording(ObjectDetector real, io.minewatch.detect.infer.Box pickup) {
        return new ObjectDetector() {
            @Override
            public List<io.minewatch.detect.infer.Detection> detect(Mat bgr)
                    throws io.minewatch.detect.infer.DetectorException {
                List<io.minewatch.detect.infer.Detection> found = real.detect(bgr);
                if (bgr.cols() == 640 && found.stream().anyMatch(d -> d.box().iou(pickup) >= 0.5)) {
                    PICKUP_SEEN.incrementAndGet();
                }
                return found;
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    private static List<Instant> times() {
        return GroundScenes.times(3, 30);
    }
}
