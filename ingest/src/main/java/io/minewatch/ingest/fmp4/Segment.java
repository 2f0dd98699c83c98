package io.minewatch.ingest.fmp4;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One media segment ({@code moof} + {@code mdat}): its box headers, built, and its samples' NAL units
 * by reference into the access units (which nobody modifies). {@link #writeTo} copies it straight into
 * the buffer that goes out, so a segment is never assembled on the heap first (no copy, no garbage).
 */
public final class Segment {
    private final byte[] head;
    private final List<MediaSegment.Sample> samples;
    private final int size;

    Segment(byte[] head, List<MediaSegment.Sample> samples, int size) {
        this.head = head;
        this.samples = samples;
        this.size = size;
    }

    /** Bytes of the whole segment. */
    public int size() {
        return size;
    }

    /** Writes the whole segment into {@code out} (which must have room for {@link #size()} bytes or grow). */
    public void writeTo(ByteBuf out) {
        out.writeBytes(head);
        for (MediaSegment.Sample s : samples) {
            for (Nal nal : s.nals()) {
                out.writeInt(nal.length());
                out.writeBytes(nal.data(), nal.offset(), nal.length());
            }
        }
    }

    /** The whole segment as one array (a copy). */
    public byte[] toByteArray() {
        byte[] b = new byte[size];
        System.arraycopy(head, 0, b, 0, head.length);
        int o = head.length;
        for (MediaSegment.Sample s : samples) {
            for (Nal nal : s.nals()) {
                int n = nal.length();
                b[o] = (byte) (n >>> 24);
                b[o + 1] = (byte) (n >>> 16);
                b[o + 2] = (byte) (n >>> 8);
                b[o + 3] = (byte) n;
                System.arraycopy(nal.data(), nal.offset(), b, o + 4, n);
                o += 4 + n;
            }
        }
        return b;
    }
}
