package io.minewatch.ingest.rtsp;

import io.minewatch.ingest.rtp.AccessUnit;

/** What one RTSP session reports to its camera; every call comes on the connection's event loop. */
public interface SessionListener {
    /** PLAY was answered: media should flow now. */
    void playing(String describe);

    /** An RTP or RTCP packet arrived (for the no-data watchdog). */
    void data();

    /** A whole access unit, in owned memory. */
    void accessUnit(AccessUnit au);

    /** The camera answered with a redirect to this location. */
    void redirect(String location);

    /**
     * The camera refused the transport asked in SETUP (461 Unsupported Transport, or an answer
     * without it); the session then ends.
     */
    default void transportRefused(Transport asked, String answer) {
    }

    /** The session failed or ended; {@code reason} names what happened, without credentials. */
    void ended(String reason);
}
