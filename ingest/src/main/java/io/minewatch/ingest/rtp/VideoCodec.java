package io.minewatch.ingest.rtp;

import java.util.Locale;

/** The video codecs the ingest depacketizes; anything else in an SDP is ignored. */
public enum VideoCodec {
    /** H.264 / AVC, RTP payload format RFC 6184. */
    H264,
    /** H.265 / HEVC, RTP payload format RFC 7798. */
    H265;

    /** The codec of an SDP {@code rtpmap} encoding name (case-insensitive), or null when unsupported. */
    public static VideoCodec fromEncodingName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "H264" -> H264;
            case "H265", "HEVC" -> H265;
            default -> null;
        };
    }
}
