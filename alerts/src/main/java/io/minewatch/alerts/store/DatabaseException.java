package io.minewatch.alerts.store;

/** The alerts database failed; the message names the database (password masked). */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
