package io.minewatch.ingest.fmp4;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An H.264 stream's decoder configuration: its SPS and PPS, picture size, the
 * AVCDecoderConfigurationRecord ({@code avcC}, ISO/IEC 14496-15 §5.3.3) and the RFC 6381 codec string.
 *
 * @param sps    the sequence parameter set NAL unit (no start code)
 * @param pps    the picture parameter set NAL unit (no start code)
 * @param width  coded picture width in pixels (after cropping)
 * @param height coded picture height in pixels (after cropping)
 */
public record AvcConfig(byte[] sps, byte[] pps, int width, int height) {
    /** Four-byte NAL unit lengths in the samples ({@code lengthSizeMinusOne} = 3). */
    static final int LENGTH_SIZE = 4;

    public AvcConfig {
        if (sps == null || sps.length < 4 || (sps[0] & 0x1f) != 7) {
            throw new IllegalArgumentException("not an H.264 SPS");
        }
        if (pps == null || pps.length < 1 || (pps[0] & 0x1f) != 8) {
            throw new IllegalArgumentException("not an H.264 PPS");
        }
        if (width <= 0 || height <= 0 || width > 0xffff || height > 0xffff) {
            throw new IllegalArgumentException("bad picture size " + width + "x" + height);
        }
        sps = sps.clone();
        pps = pps.clone();
    }

    /** {@code avc1.PPCCLL}: profile_idc, the constraint flags byte and level_idc of the SPS, in hex. */
    public String codecString() {
        return "avc1." + HexFormat.of().formatHex(sps, 1, 4).toUpperCase(Locale.ROOT);
    }

    /** The MIME type for {@code MediaSource.isTypeSupported}: {@code video/mp4; codecs="avc1.PPCCLL"}. */
    public String mimeType() {
        return "video/mp4; codecs=\"" + codecString() + "\"";
    }

    /** The {@code avcC} box's payload. */
    byte[] decoderConfigurationRecord() {
        Boxes b = new Boxes(16 + sps.length + pps.length);
        b.u8(1).u8(sps[1]).u8(sps[2]).u8(sps[3]);
        b.u8(0xfc | (LENGTH_SIZE - 1));
        b.u8(0xe0 | 1).u16(sps.length).bytes(sps);
        b.u8(1).u16(pps.length).bytes(pps);
        return b.toByteArray();
    }

    /** Same parameter sets (the picture size follows from them). */
    boolean sameSets(byte[] otherSps, byte[] otherPps) {
        return Arrays.equals(sps, otherSps) && Arrays.equals(pps, otherPps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvcConfig c && c.width == width && c.height == height && sameSets(c.sps, c.pps);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sps) * 31 + Arrays.hashCode(pps);
    }

    @Override
    public String toString() {
        return "AvcConfig[" + codecString() + ", " + width + "x" + height + "]";
    }
}
