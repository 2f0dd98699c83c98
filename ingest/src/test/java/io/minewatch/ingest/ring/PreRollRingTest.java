package io.minewatch.ingest.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.ingest.rtp.AccessUnit;
import io.minewatch.ingest.rtp.VideoCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pre-roll ring: bounds, key-frame start, shared readers that never hold the writer back. */
class PreRollRingTest {
    private final Map<String, Integer> drops = new HashMap<>();

    private PreRollRing ring(double seconds, long bytes, int units) {
        return new PreRollRing(seconds, bytes, units, r -> drops.merge(r, 1, Integer::sum));
    }

    /** Access unit number i at 10 fps, a key frame every 10, of the given size. */
    private static AccessUnit au(int i, int size, int epoch) {
        return new AccessUnit(VideoCodec.H264, new byte[size], i * 9000L, i * 100_000L, 1_000_000_000L + i * 100_000L,
                i % 10 == 0, epoch);
    }

    @Test
    void startsAtAKeyFrameAndDropsWhatComesBefore() {
        PreRollRing r = ring(30, 1 << 20, 1000);
        for (int i = 5; i < 25; i++) {
            r.write(au(i, 100, 1));
        }
        AccessUnit[] held = r.snapshot();
        assertTrue(held[0].keyFrame());
        assertEquals(15, held.length);
        assertEquals(5, drops.get(PreRollRing.NO_KEYFRAME));
    }

    @Test
    void secondsBoundEvictsWholeGroupsOfPictures() {
        PreRollRing r = ring(3, 1 << 20, 1000);
        for (int i = 0; i < 100; i++) {
            r.write(au(i, 100, 1));
            assertTrue(r.snapshot()[0].keyFrame(), "always starts at a key frame");
            assertTrue(r.seconds() <= 3.0 + 1e-9, r.seconds() + " s held");
        }
        assertTrue(r.seconds() >= 2.0, "keeps at least the bound minus one group: " + r.seconds());
    }

    @Test
    void bytesBoundHolds() {
        PreRollRing r = ring(30, 10_000, 1000);
        for (int i = 0; i < 200; i++) {
            r.write(au(i, 333, 1));
            assertTrue(r.bytes() <= 10_000);
        }
        assertTrue(r.snapshot()[0].keyFrame());
        r.write(au(200, 20_000, 1));
        assertEquals(1, drops.get(PreRollRing.TOO_LARGE));
    }

    @Test
    void aNewConnectionWaitsForItsOwnKeyFrame() {
        PreRollRing r = ring(30, 1 << 20, 1000);
        for (int i = 0; i < 15; i++) {
            r.write(au(i, 100, 1));
        }
        r.write(au(15, 100, 2)); // new epoch, not a key frame
        assertEquals(1, drops.get(PreRollRing.NO_KEYFRAME));
        r.write(au(20, 100, 2));
        assertEquals(16, r.size());
    }

    @Test
    void readersShareUnitsAndASlowReaderSkipsToAKeyFrameWithoutStallingTheWriter() throws Exception {
        PreRollRing r = ring(2, 1 << 20, 1000);
        r.write(au(0, 100, 1));
        RingReader fast = r.reader();
        RingReader slow = r.reader();
        AccessUnit first = fast.next(10);
        assertSame(first, slow.next(10), "no copy per reader");
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 1; i < 10_000; i++) {
                r.write(au(i, 100, 1)); // nobody reads: the writer never waits
            }
        });
        AccessUnit next = slow.next(10);
        assertTrue(next.keyFrame(), "a reader that fell behind continues at a key frame");
        assertTrue(slow.jumped());
        assertTrue(slow.skipped() > 9000);
        assertEquals(1, drops.get(PreRollRing.READER_BEHIND));
    }

    @Test
    void readersWaitForDataAndWakeOnClose() throws Exception {
        PreRollRing r = ring(30, 1 << 20, 100);
        RingReader reader = r.reader();
        assertNull(reader.next(50));
        Thread writer = new Thread(() -> r.write(au(0, 10, 1)));
        writer.start();
        assertEquals(0, reader.next(5000).ptsMicros());
        new Thread(r::close).start();
        assertNull(reader.next(5000));
    }
}
