package io.minewatch.detect.infer;

/** The detector could not load its model or run on a frame; the message names the model. */
public final class DetectorException extends Exception {
    private static final long serialVersionUID = 1L;

    public DetectorException(String message) {
        super(message);
    }

    public DetectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
