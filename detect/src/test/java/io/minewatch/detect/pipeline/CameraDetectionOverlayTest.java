package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.minewatch.config.DetectSettings;
import io.minewatch.detect.overlay.OverlaySettings;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code detection.overlay} from the config reaches the camera's overlay learner's settings. */
class CameraDetectionOverlayTest {

    private static OverlaySettings of(DetectSettings.OverlayConfig c) {
        DetectSettings s = new DetectSettings(null, 10, DetectSettings.MotionConfig.DEFAULT, List.of(), Map.of(),
                List.of(), true, 1, c);
        return CameraDetection.from(s, ZoneOffset.UTC).overlay();
    }

    @Test
    void theDefaultConfigIsTheDefaultLearner() {
        assertEquals(OverlaySettings.DEFAULT, of(DetectSettings.OverlayConfig.DEFAULT));
    }

    @Test
    void everyKeyReachesTheLearner() {
        OverlaySettings s = of(new DetectSettings.OverlayConfig(false, 0.8, 5.2, 12));
        assertFalse(s.enabled());
        assertEquals(0.8, s.dropCoverage());
        assertEquals(4, s.warmupSamples(), "5.2 s of looks, one every 1.3 s");
        assertEquals(12_000_000, s.refreshMicros());
        assertEquals(2, of(new DetectSettings.OverlayConfig(true, 0.6, 2, 30)).warmupSamples(), "at least two looks");
    }
}
