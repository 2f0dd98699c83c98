package io.minewatch.detect.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minewatch.detect.decode.SampledFrame;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one-deep hand-off between a camera's decode and detect threads. */
@Timeout(10)
class FrameSlotTest {

    private static SampledFrame frame(long seq) {
        return new SampledFrame(new Mat(4, 4, CV_8UC3), seq * 200_000, Instant.EPOCH, seq);
    }

    private static boolean isClosed(SampledFrame f) {
        return f.bgr().isNull();
    }

    @Test
    void offerLatestReturnsTheReplacedFrame() throws Exception {
        FrameSlot slot = new FrameSlot();
        SampledFrame a = frame(0);
        SampledFrame b = frame(1);
        assertNull(slot.offerLatest(a));
        assertSame(a, slot.offerLatest(b));
        assertFalse(isClosed(a), "the caller closes the replaced frame, not the slot");
        assertSame(b, slot.take());
        assertNull(slot.offerLatest(frame(2)), "empty again after take");
        a.close();
        b.close();
        slot.clear();
    }

    @Test
    void putBlocksUntilTake() throws Exception {
        FrameSlot slot = new FrameSlot();
        SampledFrame a = frame(0);
        SampledFrame b = frame(1);
        slot.put(a);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            started.countDown();
            try {
                slot.put(b);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Thread.sleep(200);
        assertFalse(second.isDone(), "put returned while the slot was full");
        assertSame(a, slot.take());
        second.get(5, TimeUnit.SECONDS);
        assertSame(b, slot.take());
        a.close();
        b.close();
    }

    @Test
    void finishReleasesAWaitingTakeWithNull() throws Exception {
        FrameSlot slot = new FrameSlot();
        AtomicReference<SampledFrame> got = new AtomicReference<>(frame(9));
        CompletableFuture<Void> taker = CompletableFuture.runAsync(() -> {
            try {
                got.getAndSet(slot.take()).close();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(taker.isDone(), "take returned with nothing in the slot");
        slot.finish();
        taker.get(5, TimeUnit.SECONDS);
        assertNull(got.get());
    }

    @Test
    void aWaitingFrameIsDeliveredBeforeTheEnd() throws Exception {
        FrameSlot slot = new FrameSlot();
        SampledFrame a = frame(0);
        slot.put(a);
        slot.finish();
        assertSame(a, slot.take());
        assertNull(slot.take());
        a.close();
    }

    @Test
    void finishReleasesABlockedPutAndClosesItsFrame() throws Exception {
        FrameSlot slot = new FrameSlot();
        SampledFrame a = frame(0);
        SampledFrame b = frame(1);
        slot.put(a);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                slot.put(b);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(second.isDone());
        slot.clear();
        second.get(5, TimeUnit.SECONDS);
        assertTrue(isClosed(b), "a frame put after the end is closed, not leaked");
    }

    @Test
    void clearClosesTheWaitingFrameAndEnds() throws Exception {
        FrameSlot slot = new FrameSlot();
        SampledFrame a = frame(0);
        assertNull(slot.offerLatest(a));
        slot.clear();
        assertTrue(isClosed(a), "the waiting frame's native memory was not freed");
        assertNull(slot.take());
        assertEquals(0, a.sequence());
    }

    /**
     * Regression: after shutdown cleared the slot, the decode thread could still offer the frame it
     * was converting; the slot kept it and its native memory was never freed.
     */
    @Test
    void offerAfterClearClosesTheFrame() {
        FrameSlot slot = new FrameSlot();
        slot.clear();
        SampledFrame late = frame(1);
        assertNull(slot.offerLatest(late));
        assertTrue(isClosed(late));
    }
}
