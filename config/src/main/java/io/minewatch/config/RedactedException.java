package io.minewatch.config;

/**
 * A copy of an exception whose message went through {@link Redact#text(String)}: the same class name,
 * stack trace and chain of causes, none of their secrets. For wrapping a driver's or library's exception
 * (JDBC, Flyway, Paho) whose message may echo a URL with its password, when the wrapper keeps a cause
 * that a log or a stack-trace print might show.
 */
public final class RedactedException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Deeper chains are cut: a cause loop or a pathological chain must not recurse without end. */
    private static final int MAX_DEPTH = 16;

    private final String originalClass;

    private RedactedException(Throwable original, int depth) {
        super(Redact.text(original.getMessage()),
                original.getCause() == null || original.getCause() == original || depth >= MAX_DEPTH
                        ? null : new RedactedException(original.getCause(), depth + 1),
                false, true);
        this.originalClass = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /** The redacted copy of the exception and its causes; null stays null. */
    public static RedactedException of(Throwable original) {
        return original == null ? null : new RedactedException(original, 0);
    }

    /** The class of the original exception. */
    public String originalClass() {
        return originalClass;
    }

    /** Reads like the original: {@code <original class>: <redacted message>}. */
    @Override
    public String toString() {
        String message = getMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
