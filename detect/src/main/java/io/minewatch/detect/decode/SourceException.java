package io.minewatch.detect.decode;

/** A source could not be opened or read; the message names the camera and the masked source. */
public final class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
