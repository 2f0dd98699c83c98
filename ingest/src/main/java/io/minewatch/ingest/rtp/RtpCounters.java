package io.minewatch.ingest.rtp;

/**
 * What a depacketizer reports while it works: packets in, access units out, and every loss by
 * reason. Called on the connection's event loop; implementations must be cheap and non-blocking.
 */
public interface RtpCounters {
    /** Dropped access unit: a sequence gap lost part of it. */
    String SEQ_GAP = "seq_gap";
    /** Dropped access unit: the stream is damaged (after a gap) until the next key frame. */
    String DAMAGED = "damaged";
    /** Dropped access unit: a malformed payload (truncated aggregate, stray fragment, bad header). */
    String MALFORMED = "malformed";
    /** Dropped access unit: larger than the access-unit limit. */
    String TOO_LARGE = "too_large";
    /** Dropped access unit: a packetization mode this depacketizer does not support (STAP-B, MTAP, PACI). */
    String UNSUPPORTED = "unsupported";

    /** An RTP packet of {@code bytes} bytes arrived (counted before any check). */
    default void packet(int bytes) {
    }

    /** A packet that is not RTP, or of another payload type, was ignored. */
    default void invalidPacket() {
    }

    /** A sequence gap of {@code lost} packets. */
    default void sequenceGap(int lost) {
    }

    /** A late (reordered) or duplicate packet was discarded. */
    default void lateOrDuplicate() {
    }

    /** An access unit was delivered. */
    default void accessUnit(boolean keyFrame, int bytes) {
    }

    /** An access unit was dropped, for one of the reasons above. */
    default void dropped(String reason) {
    }

    /** Counts nothing. */
    RtpCounters NONE = new RtpCounters() {
    };
}
