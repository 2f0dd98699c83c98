package io.minewatch.detect.motion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.decode.GrabberFrameSource;
import io.minewatch.detect.decode.SampledFrame;
import io.minewatch.detect.infer.Box;
import io.minewatch.detect.testing.Media;
import io.minewatch.detect.zones.Zones;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The motion gate on the real traffic clip at 5 fps: the red pickup driving along the far lane
 * (4.5–9 s) is motion where it is, while the parked row it passes is not.
 */
class RealFootageMotionTest {
    /** The pickup at 6.5 s, as YOLOX-nano boxes it ("car" 0.72). */
    private static final Box PICKUP = new Box(179, 115, 287, 177);
    /** The parked white sedan in front of the camera. */
    private static final Box SEDAN = new Box(309, 234, 465, 310);

    @Test
    void aDrivingPickupIsMotionAndTheParkedRowIsNot() throws Exception {
        boolean pickupFound = false;
        int sedanMoving = 0;
        int frames = 0;
        try (GrabberFrameSource src = Media.source("street", Media.video(Media.TRAFFIC), Clock.systemUTC());
             MotionDetector d = new OpenCvMotionDetector(MotionSettings.DEFAULT, Zones.NONE)) {
            src.open();
            SampledFrame f;
            while ((f = src.next()) != null) {
                try (SampledFrame frame = f) {
                    Motion m = d.detect(frame.bgr());
                    double t = frame.offsetSeconds();
                    if (t > 40) {
                        break;
                    }
                    frames++;
                    if (Math.abs(t - 6.5) < 0.15) {
                        pickupFound = m.boxes().stream().anyMatch(b -> overlap(b, PICKUP) > 0.5);
                        System.out.println("6.5 s motion " + m.boxes());
                    }
                    if (!m.wholeFrame() && m.boxes().stream().anyMatch(b -> contains(b, SEDAN))) {
                        sedanMoving++;
                    }
                }
            }
        }
        assertTrue(pickupFound, "no motion box on the pickup at 6.5 s");
        assertTrue(sedanMoving <= frames / 10, "the parked sedan was inside motion in " + sedanMoving + " of "
                + frames + " frames");
    }

    /** Share of {@code target} covered by {@code b}. */
    private static float overlap(Box b, Box target) {
        float iw = Math.min(b.x2(), target.x2()) - Math.max(b.x1(), target.x1());
        float ih = Math.min(b.y2(), target.y2()) - Math.max(b.y1(), target.y1());
        return iw <= 0 || ih <= 0 ? 0 : iw * ih / target.area();
    }

    private static boolean contains(Box b, Box target) {
        return overlap(b, target) > 0.9;
    }
}
