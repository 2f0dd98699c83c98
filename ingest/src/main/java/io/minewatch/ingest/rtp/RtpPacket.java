package io.minewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The fixed header of an RTP packet (RFC 3550) and where its payload lies in the buffer.
 * Parsing never throws and never copies: a malformed packet parses to {@code null}.
 *
 * @param payloadType    payload type (0..127)
 * @param marker         the marker bit (for video: last packet of an access unit)
 * @param sequence       16-bit sequence number
 * @param timestamp      32-bit RTP timestamp, unsigned
 * @param ssrc           synchronisation source
 * @param payloadOffset  absolute index of the payload in the buffer
 * @param payloadLength  payload length, padding removed
 */
public record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc,
                        int payloadOffset, int payloadLength) {

    /** The smallest RTP packet: a 12-byte header. */
    public static final int HEADER = 12;

    /** Parses the readable bytes of the buffer (not consumed), or returns null if they are not RTP version 2. */
    public static RtpPacket parse(ByteBuf buf) {
        int start = buf.readerIndex();
        int len = buf.readableBytes();
        if (len < HEADER) {
            return null;
        }
        int b0 = buf.getUnsignedByte(start);
        if ((b0 >> 6) != 2) {
            return null;
        }
        int b1 = buf.getUnsignedByte(start + 1);
        int offset = HEADER + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (len < offset + 4) {
                return null;
            }
            offset += 4 + 4 * buf.getUnsignedShort(start + offset + 2);
        }
        int end = len;
        if ((b0 & 0x20) != 0) {
            int pad = len > 0 ? buf.getUnsignedByte(start + len - 1) : 0;
            if (pad == 0) {
                return null;
            }
            end -= pad;
        }
        if (offset > end) {
            return null;
        }
        return new RtpPacket(b1 & 0x7F, (b1 & 0x80) != 0, buf.getUnsignedShort(start + 2),
                buf.getUnsignedInt(start + 4), buf.getUnsignedInt(start + 8), start + offset, end - offset);
    }
}
