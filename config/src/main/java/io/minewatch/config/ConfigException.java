package io.minewatch.config;

/**
 * A configuration that cannot be used. The message is one line naming the file, the key and,
 * where known, the line at fault; it never contains a secret.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
