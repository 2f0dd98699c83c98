package io.minewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Consumer;

/** H.264 over RTP (RFC 6184), non-interleaved mode: single NAL units, STAP-A and FU-A. */
final class H264Depacketizer extends NalDepacketizer {
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    H264Depacketizer(int payloadType, int clockRate, List<byte[]> parameterSets, int epoch,
                     Consumer<AccessUnit> sink, RtpCounters counters, int maxAccessUnit) {
        super(VideoCodec.H264, payloadType, clockRate, parameterSets, epoch, sink, counters, maxAccessUnit);
    }

    @Override
    Role role(int b0) {
        return switch (b0 & 0x1F) {
            case 5 -> Role.KEY;
            case 7 -> Role.SPS;
            case 8 -> Role.PPS;
            case 9 -> Role.AUD;
            default -> Role.OTHER;
        };
    }

    @Override
    void payload(ByteBuf b, int off, int n) {
        int header = b.getUnsignedByte(off);
        int type = header & 0x1F;
        if (type >= 1 && type <= 23) {
            appendNal(b, off, n);
        } else if (type == STAP_A) {
            aggregate(b, off + 1, off + n);
        } else if (type == FU_A) {
            fragment(b, off, n, header);
        } else {
            // 0, 30, 31 are reserved; STAP-B, MTAP16/24 and FU-B belong to the interleaved mode.
            fail(RtpCounters.UNSUPPORTED);
        }
    }

    private void aggregate(ByteBuf b, int i, int end) {
        if (i >= end) {
            fail(RtpCounters.MALFORMED);
        }
        while (i < end) {
            if (end - i < 2) {
                fail(RtpCounters.MALFORMED);
                return;
            }
            int size = b.getUnsignedShort(i);
            i += 2;
            if (size == 0 || size > end - i) {
                fail(RtpCounters.MALFORMED);
                return;
            }
            appendNal(b, i, size);
            i += size;
        }
    }

    private void fragment(ByteBuf b, int off, int n, int indicator) {
        if (n < 3) {
            fail(RtpCounters.MALFORMED);
            return;
        }
        int fu = b.getUnsignedByte(off + 1);
        boolean start = (fu & 0x80) != 0;
        boolean end = (fu & 0x40) != 0;
        if (start) {
            startFragmented(new byte[] {(byte) ((indicator & 0xE0) | (fu & 0x1F))});
        }
        appendFragment(b, off + 2, n - 2, end);
    }
}
