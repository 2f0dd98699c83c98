package io.minewatch.ingest.rtsp;

/** How RTP reaches the client. */
public enum Transport {
    /** Interleaved in the RTSP TCP connection (default: survives NAT and loses nothing). */
    TCP,
    /** Separate UDP ports for RTP and RTCP. */
    UDP
}
