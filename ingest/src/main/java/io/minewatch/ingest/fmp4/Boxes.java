package io.minewatch.ingest.fmp4;

import java.util.Arrays;

/**
 * A growable big-endian byte buffer that writes ISO-BMFF boxes: {@link #open} writes a size
 * placeholder and the type, {@link #close} patches the size in. Not thread-safe.
 */
final class Boxes {
    private byte[] buf;
    private int pos;
    private final int[] open = new int[16];
    private int depth;

    Boxes(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    /** Starts a box of this four-character type. */
    Boxes open(String type) {
        if (depth == open.length) {
            throw new IllegalStateException("boxes nested too deep");
        }
        open[depth++] = pos;
        u32(0);
        for (int i = 0; i < 4; i++) {
            u8(type.charAt(i));
        }
        return this;
    }

    /** Starts a full box (version and 24-bit flags after the type). */
    Boxes open(String type, int version, int flags) {
        open(type);
        return u32((version << 24) | (flags & 0xffffff));
    }

    /** Ends the innermost open box, writing its size. */
    Boxes close() {
        int start = open[--depth];
        put32(start, pos - start);
        return this;
    }

    Boxes u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    Boxes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Boxes u32(long v) {
        ensure(4);
        put32(pos, (int) v);
        pos += 4;
        return this;
    }

    Boxes u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    Boxes zeros(int n) {
        ensure(n);
        pos += n; // the array is zero-filled and never reused below pos
        return this;
    }

    Boxes bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    Boxes bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    /** Where the next byte goes (for offsets patched later). */
    int position() {
        return pos;
    }

    /** Overwrites 4 bytes at {@code at}. */
    void put32(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " boxes left open");
        }
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
