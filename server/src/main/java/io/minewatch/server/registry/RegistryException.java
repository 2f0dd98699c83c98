package io.minewatch.server.registry;

/** A registry change refused: the HTTP status to answer and a message that holds no credential. */
public final class RegistryException extends Exception {
    private final int status;

    public RegistryException(int status, String message) {
        super(io.minewatch.config.Redact.text(message), null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
