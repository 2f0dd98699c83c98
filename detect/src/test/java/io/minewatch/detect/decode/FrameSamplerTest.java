package io.minewatch.detect.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sampler on synthetic timestamp sequences: steady, variable-rate, gaps and jumps back. */
class FrameSamplerTest {

    private static final long SECOND = 1_000_000;

    /** Feeds the timestamps in order and returns those taken. */
    private static List<Long> taken(FrameSampler sampler, long[] pts) {
        List<Long> out = new ArrayList<>();
        for (long p : pts) {
            if (sampler.take(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static long[] steady(double fps, long fromMicros, double seconds) {
        int n = (int) Math.round(fps * seconds);
        long[] pts = new long[n];
        for (int i = 0; i < n; i++) {
            pts[i] = fromMicros + Math.round(i * 1_000_000.0 / fps);
        }
        return pts;
    }

    @Test
    void steadyThirtyFpsGivesFiveFpsOverTenSeconds() {
        List<Long> out = taken(new FrameSampler(5), steady(30, 0, 10));
        assertEquals(50, out.size(), 1.0, "taken " + out.size());
        assertEquals(0L, out.get(0), "the first frame is always taken");
        // Evenly spread: every gap is 6 or 7 source frames (200 ms +/- one 33 ms frame).
        for (int i = 1; i < out.size(); i++) {
            long gap = out.get(i) - out.get(i - 1);
            assertTrue(gap >= 166_000 && gap <= 234_000, "gap " + gap + " at " + i);
        }
    }

    @Test
    void rateDoesNotSagWhenTheSourceIsNotAMultipleOfTheTarget() {
        // 25 fps to 10 fps: a sampler that restarted from each frame time (not the due time) would
        // take every 3rd frame, 8.3 fps.
        List<Long> out = taken(new FrameSampler(10), steady(25, 0, 20));
        assertEquals(200, out.size(), 1.0, "taken " + out.size());
    }

    @Test
    void variableRateInputStillGivesTheTargetRate() {
        Random random = new Random(42);
        long[] pts = new long[400];
        long t = 0;
        for (int i = 0; i < pts.length; i++) {
            pts[i] = t;
            t += 30_000 + random.nextInt(90_001); // 30..120 ms: ~13 fps, jittery
        }
        double seconds = (pts[pts.length - 1] - pts[0]) / 1e6;
        List<Long> out = taken(new FrameSampler(5), pts);
        assertEquals(seconds * 5, out.size(), 1.5, "taken " + out.size() + " over " + seconds + " s");
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i) - out.get(i - 1) >= 80_000, "two frames taken too close at " + i);
        }
    }

    @Test
    void sourceSlowerThanTargetPassesEveryFrame() {
        long[] pts = steady(2, 0, 10);
        assertEquals(pts.length, taken(new FrameSampler(5), pts).size());
    }

    @Test
    void gapRestartsFromTheFrameAfterIt() {
        FrameSampler sampler = new FrameSampler(5);
        assertTrue(sampler.take(0));
        assertFalse(sampler.take(100_000));
        assertTrue(sampler.take(200_000));
        // A 3 s gap: the next frame is taken and the schedule continues from it, not from 400 ms
        // (which would take the next 15 frames in a row to catch up).
        assertTrue(sampler.take(3_210_000));
        assertFalse(sampler.take(3_243_000));
        assertFalse(sampler.take(3_300_000));
        assertFalse(sampler.take(3_376_000));
        assertTrue(sampler.take(3_410_000));
    }

    @Test
    void jumpBackRestartsTheSchedule() {
        FrameSampler sampler = new FrameSampler(5);
        List<Long> first = taken(sampler, steady(30, 50 * SECOND, 10));
        assertEquals(50, first.size(), 1.0);
        // The stream restarts from zero (camera reboot, file reopened): without a restart the
        // sampler would wait for 60 s again and take nothing.
        List<Long> after = taken(sampler, steady(30, 0, 10));
        assertEquals(0L, after.get(0), "the first frame after the jump is taken");
        assertEquals(50, after.size(), 1.0, "taken after the jump " + after.size());
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new FrameSampler(0));
        assertThrows(IllegalArgumentException.class, () -> new FrameSampler(-5));
        assertThrows(IllegalArgumentException.class, () -> new FrameSampler(Double.NaN));
    }
}
