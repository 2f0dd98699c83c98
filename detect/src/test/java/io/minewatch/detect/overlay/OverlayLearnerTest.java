package io.minewatch.detect.overlay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.testing.Media;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayLearnerTest {
    @TempDir
    Path dir;

    static OverlayMask learn(Path video) throws Exception {
        try (OverlayLearner learner = new OverlayLearner(OverlaySettings.DEFAULT);
             GrabberFrameSource src = Media.source("osd", video, Clock.systemUTC())) {
            src.open();
            SampledFrame f;
            while ((f = src.next()) != null) {
                try (SampledFrame frame = f) {
                    learner.observe(frame.bgr(), frame.ptsMicros());
                }
            }
            return learner.mask();
        }
    }

    @Test
    void tune() throws Exception {
        System.setProperty("overlay.dump", "/tmp/trust/dump/d");
        for (OverlayFootage o : List.of(OverlayFootage.street(), OverlayFootage.freeway(), OverlayFootage.streetLarge())) {
            List<Box> truth = o.truth(dir);
            OverlayMask m = learn(o.make(dir));
            System.out.println(o.name() + " truth " + truth);
            System.out.println(o.name() + " mask " + m.boxes() + " share " + m.frameShare());
            for (Box t : truth) {
                System.out.println("  truth " + t + " covered " + m.coverage(t));
            }
        }
        for (String clip : List.of(Media.TRAFFIC, Media.HAAR, "mihailrc_highway_traffic.mp4")) {
            OverlayMask m = learn(Media.video(clip));
            System.out.println(clip + " plain mask " + m.boxes() + " share " + m.frameShare());
        }
        assertTrue(true);
    }
}
