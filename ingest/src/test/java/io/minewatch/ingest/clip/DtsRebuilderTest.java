package io.minewatch.ingest.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decode times from presentation times: whatever a camera sends, DTS strictly grows, PTS ≥ DTS, and a
 * clock that steps back keeps the timeline's length.
 */
class DtsRebuilderTest {
    private final List<long[]> out = new ArrayList<>();
    private final DtsRebuilder<Integer> dts = new DtsRebuilder<>((p, t) -> out.add(new long[] {p, t[0], t[1], t[2]}));

    private void checkMuxable() {
        for (int i = 0; i < out.size(); i++) {
            long[] o = out.get(i);
            assertTrue(o[1] >= o[2], "packet " + o[0] + ": pts " + o[1] + " < dts " + o[2]);
            assertTrue(o[3] > 0, "packet " + o[0] + ": duration " + o[3]);
            if (i > 0) {
                assertTrue(o[2] > out.get(i - 1)[2], "packet " + o[0] + ": dts " + o[2] + " after " + out.get(i - 1)[2]);
            }
        }
    }

    /** Regression: a 16,700-tick step back (VLC) in a stream without B-frames. */
    @Test
    void stepBackWithoutBFramesContinuesOneFrameLater() {
        long pts = 0;
        for (int i = 0; i < 40; i++) {
            dts.add(i, i < 20 ? pts : pts - 16_700);
            pts += 3000;
        }
        dts.flush();
        checkMuxable();
        assertEquals(40, out.size());
        assertEquals(39 * 3000, out.get(39)[1], "the timeline keeps its length");
        assertTrue(dts.corrections() >= 1);
    }

    /** Regression: the rebuilder fixed its delay after 5 packets and could then let DTS fall below the previous one. */
    @Test
    void stepBackWithBFramesStaysMuxable() {
        // I P B B P B B ... : decode order, presentation 0, 3, 1, 2, 6, 4, 5 ... (frames of 3000 ticks)
        long[] order = {0, 3, 1, 2, 6, 4, 5, 9, 7, 8, 12, 10, 11, 15, 13, 14, 18, 16, 17, 21, 19, 20, 24, 22, 23};
        for (int i = 0; i < order.length; i++) {
            long pts = order[i] * 3000 - (i >= 12 ? 16_700 : 0);
            dts.add(i, pts);
        }
        dts.flush();
        checkMuxable();
        assertEquals(order.length, out.size());
    }

    @Test
    void jitterAndDuplicatesStayMuxable() {
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 500; i++) {
            // +-2/3 frame of jitter, and the clock stepping back 20,000 ticks every 50 frames
            dts.add(i, i * 3000L + r.nextInt(4000) - 2000 - (i / 50) * 20_000L);
        }
        dts.flush();
        checkMuxable();
        assertEquals(500, out.size());
        long last = out.get(499)[1];
        assertTrue(Math.abs(last - 499 * 3000L) < 40 * 3000L, "timeline length within 40 frames: " + last);
    }
}
