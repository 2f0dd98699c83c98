package io.minewatch.detect.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.motion.MotionSettings;
import io.minewatch.detect.motion.OpenCvMotionDetector;
import io.minewatch.detect.testing.Media;
import io.minewatch.detect.zones.Zones;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * An idle scene: a still frame of the traffic clip looped for two minutes at 5 fps with sensor-like
 * noise. The detector may see at most 5 % of the frames (the periodic whole-frame looks).
 */
class IdleSceneTest {

    @Test
    void aStillNoisySceneSendsFewFramesToTheDetector() throws Exception {
        int frames = 600;
        int detected = 0;
        try (Mat still = Media.frameAt(Media.video(Media.TRAFFIC), 22.0);
             MotionGate gate = new MotionGate(new OpenCvMotionDetector(MotionSettings.DEFAULT, Zones.NONE),
                     416, 416, 10_000_000)) {
            for (int i = 0; i < frames; i++) {
                try (Mat f = Media.noisy(still, 3)) {
                    if (gate.decide(f, i * 200_000L).detect()) {
                        detected++;
                    }
                }
            }
        }
        double share = detected / (double) frames;
        System.out.printf("idle scene: %d of %d frames sent to the detector (%.1f %%)%n", detected, frames, 100 * share);
        assertTrue(share <= 0.05, "share sent to the detector " + share);
    }
}
