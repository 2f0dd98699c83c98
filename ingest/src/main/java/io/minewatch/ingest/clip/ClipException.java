package io.minewatch.ingest.clip;

/** A clip could not be written; the message names the file. */
public final class ClipException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClipException(String message) {
        super(message);
    }
}
