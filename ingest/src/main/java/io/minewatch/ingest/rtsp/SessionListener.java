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

    /** The session failed or ended; {@code reason} names what happened, without credentials. */
    void ended(String reason);
}
