package io.minewatch.ingest.fmp4;

/** A stream the muxer cannot put in fragmented MP4 for a browser; {@link #reason()} says why in one word. */
public final class Fmp4Exception extends Exception {
    /** Reason: an H.265 stream (browsers' MSE support for it is too patchy to rely on). */
    public static final String H265 = "h265";
    /** Reason: an H.264 stream whose parameter sets cannot be used. */
    public static final String CODEC = "codec";

    private final String reason;

    public Fmp4Exception(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@link #H265} or {@link #CODEC}. */
    public String reason() {
        return reason;
    }
}
