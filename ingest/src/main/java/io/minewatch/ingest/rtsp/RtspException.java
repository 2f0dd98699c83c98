package io.minewatch.ingest.rtsp;

/** A malformed or unacceptable RTSP answer, SDP or transport; the message never holds credentials. */
public final class RtspException extends Exception {
    private static final long serialVersionUID = 1L;

    public RtspException(String message) {
        super(message);
    }
}
