package io.minewatch.detect.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.testing.Media;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learner alone on the shared clips, played twice as a looping camera plays them (stream time
 * rising): with burned-in text (three layouts made by drawtext) it finds the text lines; on the
 * clips as they are (no text) it masks next to nothing.
 */
class OverlayLearnerTest {
    private static final Logger LOG = LoggerFactory.getLogger(OverlayLearnerTest.class);

    @TempDir
    Path dir;

    static OverlayMask learn(Path video, int passes) throws Exception {
        try (OverlayLearner learner = new OverlayLearner(OverlaySettings.DEFAULT)) {
            long offset = 0;
            for (int pass = 0; pass < passes; pass++) {
                long last = 0;
                try (GrabberFrameSource src = Media.source("osd", video, Clock.systemUTC())) {
                    src.open();
                    SampledFrame f;
                    while ((f = src.next()) != null) {
                        try (SampledFrame frame = f) {
                            learner.observe(frame.bgr(), offset + frame.ptsMicros());
                            last = frame.ptsMicros();
                        }
                    }
                }
                offset += last + 200_000;
            }
            return learner.mask();
        }
    }

    /** Lines of text at least half covered by the mask. */
    private static long found(OverlayMask mask, List<Box> truth) {
        return truth.stream().filter(t -> mask.coverage(t) >= 0.5).count();
    }

    @Test
    void findsTheFreewayCamerasName() throws Exception {
        // Known limits, 320x240 with 12-14 px text: the clock top left is drawn across a lane line,
        // whose edges join it into a blob too large to be a line; the blinking banner is found only
        // in part (0.45 of it); the counters (yellow, no outline, on bright concrete) stay below the
        // edge contrast.
        check(OverlayFootage.freeway(), 1);
    }

    @Test
    void findsTheStreetCamerasNameClockAndBlinkingBanner() throws Exception {
        check(OverlayFootage.street(), 3);
    }

    @Test
    void findsTheBannerOfTheLargeLayout() throws Exception {
        // Known limit: the large name and clock are drawn over the parked row and the kerb, whose
        // edges join them into blobs too large to be lines; the banner on the road is found.
        check(OverlayFootage.streetLarge(), 1);
    }

    private void check(OverlayFootage layout, int atLeast) throws Exception {
        List<Box> truth = layout.truth(dir);
        assertEquals(4, truth.size(), "the layout's four lines of text: " + truth);
        OverlayMask mask = learn(layout.make(dir), 2);
        LOG.info("{}: mask {} share {}", layout.name(), mask.boxes(), String.format("%.3f", mask.frameShare()));
        for (Box t : truth) {
            LOG.info("{}: text {} covered {}", layout.name(), t, String.format("%.2f", mask.coverage(t)));
        }
        assertTrue(found(mask, truth) >= atLeast, layout.name() + ": only " + found(mask, truth) + " of " + truth
                + " found in " + mask.boxes());
        // The mask's boxes are padded (0.3 of a line's height each side) and take in scenery next to the
        // text; beyond that, scenery mistaken for text stays within 3 % of the frame.
        double text = OverlayMask.unionArea(truth) / (layout.width() * (double) layout.height());
        assertTrue(mask.frameShare() <= text * 2.5 + 0.03, layout.name() + ": mask share " + mask.frameShare()
                + " for text covering " + text);
    }

    @Test
    void theClipsWithoutTextMaskNextToNothing() throws Exception {
        for (String clip : List.of(Media.TRAFFIC, Media.HAAR)) {
            OverlayMask mask = learn(Media.video(clip), 2);
            LOG.info("{} (no text): mask {} share {}", clip, mask.boxes(), String.format("%.3f", mask.frameShare()));
            assertTrue(mask.frameShare() <= 0.02, clip + ": " + mask.boxes());
        }
    }

    @Test
    void coverageAndShareAreExactAreasOfTheUnion() {
        OverlayMask m = new OverlayMask(List.of(new Box(0, 0, 10, 10), new Box(5, 5, 15, 15)), 100, 100);
        assertEquals((100 + 100 - 25) / 10_000.0, m.frameShare(), 1e-9, "overlapping boxes counted once");
        assertEquals(1.0, m.coverage(new Box(1, 1, 9, 9)), 1e-9);
        assertEquals(0.0, m.coverage(new Box(20, 20, 30, 30)), 1e-9);
        // Half of it in the first box, half in the second, a quarter in both: three quarters covered.
        assertEquals(0.75, m.coverage(new Box(5, 0, 15, 10)), 1e-9);
        assertEquals(0.0, OverlayMask.EMPTY.coverage(new Box(0, 0, 10, 10)));
    }
}
