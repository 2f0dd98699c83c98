package io.minewatch.ingest.testing;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code ByteBufAllocator} that remembers every buffer it hands out, so a test can check from its
 * own thread, after the pipeline is done, that every one was released ({@link #unreleased}) and how
 * many bytes are held at any moment ({@link #liveBytes}). Not thread-safe: for EmbeddedChannel tests.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> buffers = new ArrayList<>();
    private long allocated;

    public TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** A tracked heap buffer holding these bytes (for input the test feeds in). */
    public ByteBuf copyOf(byte[] bytes, int offset, int length) {
        return heapBuffer(length, length).writeBytes(bytes, offset, length);
    }

    private ByteBuf track(ByteBuf b) {
        buffers.add(b);
        allocated++;
        if (buffers.size() > 4096) {
            buffers.removeIf(x -> x.refCnt() == 0);
        }
        return b;
    }

    /** Buffers handed out and not yet released. */
    public List<ByteBuf> unreleased() {
        return buffers.stream().filter(b -> b.refCnt() > 0).toList();
    }

    /** The capacity of the buffers not yet released: the memory the pipeline holds now. */
    public long liveBytes() {
        return buffers.stream().filter(b -> b.refCnt() > 0).mapToLong(ByteBuf::capacity).sum();
    }

    /** How many buffers were handed out in all (to show the check saw traffic). */
    public long allocated() {
        return allocated;
    }

    /** Forgets released buffers. */
    public void reset() {
        buffers.removeIf(b -> b.refCnt() == 0);
    }
}
