package io.minewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The clock pairing of an RTCP sender report (RFC 3550 6.4.1): this RTP timestamp was taken at this
 * wall-clock time.
 *
 * @param ssrc          the sender
 * @param wallMicros    NTP time of the report, as microseconds since the Unix epoch
 * @param rtpTimestamp  RTP timestamp (32-bit, unsigned) at that time
 */
public record SenderReport(long ssrc, long wallMicros, long rtpTimestamp) {
    private static final int PT_SR = 200;
    /** Seconds from 1900 (NTP) to 1970 (Unix). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;
    private static final int MAX_PACKETS = 16;

    /** The first sender report in a compound RTCP packet, or null if there is none or it is malformed. */
    public static SenderReport find(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        for (int n = 0; n < MAX_PACKETS && end - i >= 8; n++) {
            int b0 = buf.getUnsignedByte(i);
            if ((b0 >> 6) != 2) {
                return null;
            }
            int pt = buf.getUnsignedByte(i + 1);
            int len = 4 * (buf.getUnsignedShort(i + 2) + 1);
            if (len > end - i) {
                return null;
            }
            if (pt == PT_SR && len >= 28) {
                long seconds = buf.getUnsignedInt(i + 8);
                long fraction = buf.getUnsignedInt(i + 12);
                long micros = (seconds - NTP_UNIX_OFFSET) * 1_000_000L + ((fraction * 1_000_000L) >>> 32);
                return new SenderReport(buf.getUnsignedInt(i + 4), micros, buf.getUnsignedInt(i + 16));
            }
            i += len;
        }
        return null;
    }
}
