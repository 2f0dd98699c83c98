package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.event.DetectionEvent;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.overlay.OverlayFootage;
import io.minewatch.detect.overlay.OverlayMask;
import io.minewatch.detect.overlay.OverlaySettings;
import io.minewatch.detect.testing.Media;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared clips with text burned in by ffmpeg's drawtext (a camera name in Latin and Chinese
 * glyphs, a clock ticking with the stream, counters, a blinking banner; three layouts), through the
 * real pipeline and model, with overlay learning off and on: with it on, no event's box lies mostly
 * inside the text, and every labelled (required) heavy vehicle is still found.
 */
class OverlayTextTest {
    private static final Logger LOG = LoggerFactory.getLogger(OverlayTextTest.class);
    /** An event whose box lies at least this much inside the burned-in text is an alert on the text. */
    static final double MOSTLY_INSIDE = 0.5;
    /** Seconds an event may fall outside a label's range and still find it (as scripts/evaluate). */
    static final double SLACK = 1.0;

    @TempDir
    Path dir;

    static Stream<OverlayFootage> layouts() {
        return Stream.of(OverlayFootage.freeway(), OverlayFootage.street(), OverlayFootage.streetLarge());
    }

    @ParameterizedTest
    @MethodSource("layouts")
    void noEventOnBurnedInTextAndEveryLabelledHeavyVehicleStillFound(OverlayFootage layout) throws Exception {
        Path clip = layout.make(dir);
        List<Box> text = layout.truth(dir);
        List<double[]> required = requiredAppearances(layout.clip());
        try (Harness h = new Harness("yolox-nano")) {
            List<DetectionEvent> off = run(h, "off", clip, CameraDetection.DEFAULT.withOverlay(OverlaySettings.OFF));
            CameraPipeline on;
            List<DetectionEvent> withMask;
            try (CameraPipeline p = h.run("on", clip, Clock.systemUTC(), CameraDetection.DEFAULT, dir.resolve("on"))) {
                on = p;
                withMask = events(h, "on");
                OverlayMask mask = on.overlay().mask();
                double share = h.registry.get(DetectMetrics.OVERLAY_SHARE).tag("camera", "on").gauge().value();
                assertEquals(mask.frameShare(), share, 1e-9, "the gauge reports the mask's share");
                byte[] jpeg = on.overlay().image();
                assertNotNull(jpeg, "no overlay view after a whole clip");
                assertTrue(jpeg.length > 1000 && (jpeg[0] & 0xff) == 0xFF && (jpeg[1] & 0xff) == 0xD8,
                        "the overlay view is a JPEG");
                Files.write(dir.resolve(layout.name() + "-overlay.jpg"), jpeg);
                double dropped = h.registry.get(DetectMetrics.DETECTIONS_DROPPED).tag("camera", "on")
                        .tag("reason", "overlay").counter().count();
                LOG.info("{}: mask {} (share {}), detections dropped as overlay {}", layout.name(), mask.boxes(),
                        String.format("%.3f", share), dropped);
            }
            List<DetectionEvent> onText = onText(withMask, text);
            LOG.info("{}: events on the text, overlay off {} of {}: {}", layout.name(), onText(off, text).size(),
                    off.size(), onText(off, text));
            LOG.info("{}: events on the text, overlay on {} of {}", layout.name(), onText.size(), withMask.size());
            assertTrue(onText.isEmpty(), "events on burned-in text " + text + ": " + onText);
            for (double[] a : required) {
                assertTrue(found(off, a), "without the mask the heavy vehicle at " + a[0] + "-" + a[1] + " s is missed");
                assertTrue(found(withMask, a), "with the overlay mask the heavy vehicle at " + a[0] + "-" + a[1]
                        + " s is no longer found: " + withMask);
            }
        }
    }

    private List<DetectionEvent> run(Harness h, String camera, Path clip, CameraDetection d) throws Exception {
        try (CameraPipeline p = h.run(camera, clip, Clock.systemUTC(), d, dir.resolve(camera))) {
            return events(h, camera);
        }
    }

    private static List<DetectionEvent> events(Harness h, String camera) {
        return h.events.stream().filter(e -> e.camera().equals(camera)).toList();
    }

    /** Events whose box lies mostly inside the text's true boxes. */
    static List<DetectionEvent> onText(List<DetectionEvent> events, List<Box> text) {
        OverlayMask truth = new OverlayMask(text, 1, 1);
        return events.stream().filter(e -> truth.coverage(e.box()) >= MOSTLY_INSIDE).toList();
    }

    private static boolean found(List<DetectionEvent> events, double[] a) {
        return events.stream().anyMatch(e -> "heavy_vehicle".equals(e.rule())
                && e.streamOffsetS() >= a[0] - SLACK && e.streamOffsetS() <= a[1] + SLACK);
    }

    /** The required (not optional) heavy-vehicle appearances of the clip's labels file: start and end seconds. */
    static List<double[]> requiredAppearances(String clip) throws Exception {
        String base = clip.substring(0, clip.lastIndexOf('.'));
        Path labels = Path.of(System.getProperty("user.dir")).resolve("../labels/" + base + ".labels").normalize();
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(labels)) {
            String l = line.replaceAll("#.*", "").trim();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f[2].equals("heavy_vehicle") && !(f.length > 4 && f[4].equals("optional"))) {
                out.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        }
        assertTrue(Files.exists(labels), labels.toString());
        return out;
    }
}
