package io.minewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Consumer;

/**
 * H.265 over RTP (RFC 7798): single NAL units, aggregation packets (AP) and fragmentation units
 * (FU), with the DONL/DOND fields when the SDP's {@code sprop-max-don-diff} is above 0.
 */
final class H265Depacketizer extends NalDepacketizer {
    private static final int AP = 48;
    private static final int FU = 49;
    private final boolean donl;

    H265Depacketizer(int payloadType, int clockRate, List<byte[]> parameterSets, boolean donl, int epoch,
                     Consumer<AccessUnit> sink, RtpCounters counters, int maxAccessUnit) {
        super(VideoCodec.H265, payloadType, clockRate, parameterSets, epoch, sink, counters, maxAccessUnit);
        this.donl = donl;
    }

    @Override
    Role role(int b0) {
        int type = (b0 >> 1) & 0x3F;
        if (type >= 16 && type <= 21) {
            return Role.KEY;
        }
        return switch (type) {
            case 32 -> Role.VPS;
            case 33 -> Role.SPS;
            case 34 -> Role.PPS;
            case 35 -> Role.AUD;
            default -> Role.OTHER;
        };
    }

    @Override
    void payload(ByteBuf b, int off, int n) {
        if (n < 3) {
            fail(RtpCounters.MALFORMED);
            return;
        }
        int b0 = b.getUnsignedByte(off);
        int type = (b0 >> 1) & 0x3F;
        if (type < AP) {
            appendNal(b, off, n);
        } else if (type == AP) {
            aggregate(b, off + 2, off + n);
        } else if (type == FU) {
            fragment(b, off, n, b0, b.getUnsignedByte(off + 1));
        } else {
            // PACI (50) and the reserved types.
            fail(RtpCounters.UNSUPPORTED);
        }
    }

    private void aggregate(ByteBuf b, int i, int end) {
        boolean first = true;
        while (i < end) {
            int skip = donl ? (first ? 2 : 1) : 0;
            first = false;
            if (end - i < skip + 2) {
                fail(RtpCounters.MALFORMED);
                return;
            }
            i += skip;
            int size = b.getUnsignedShort(i);
            i += 2;
            if (size < 2 || size > end - i) {
                fail(RtpCounters.MALFORMED);
                return;
            }
            appendNal(b, i, size);
            i += size;
        }
    }

    private void fragment(ByteBuf b, int off, int n, int b0, int b1) {
        int fu = b.getUnsignedByte(off + 2);
        boolean start = (fu & 0x80) != 0;
        boolean end = (fu & 0x40) != 0;
        int at = off + 3;
        if (start) {
            if (donl) {
                at += 2;
            }
            startFragmented(new byte[] {(byte) ((b0 & 0x81) | ((fu & 0x3F) << 1)), (byte) b1});
        }
        int left = off + n - at;
        if (left <= 0) {
            fail(RtpCounters.MALFORMED);
            return;
        }
        appendFragment(b, at, left, end);
    }
}
