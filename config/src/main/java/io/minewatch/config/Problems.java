package io.minewatch.config;

/**
 * Builds the one-line error messages of one configuration source: {@code <file>: line <N>: <key>: <what>}.
 * Every message goes through {@link Redact#text(String)} last, whatever the caller put in it.
 */
final class Problems {
    private static final int MAX_SHOWN = 120;

    private final String source;

    Problems(String source) {
        this.source = source;
    }

    /** An error at a line of the source, naming the key path (empty for the document itself). */
    ConfigException at(int line, String path, String what) {
        String key = path.isEmpty() ? "(top level)" : path;
        return new ConfigException(Redact.text(oneLine(source) + ": line " + line + ": " + oneLine(key) + ": "
                + oneLine(what)));
    }

    /** An error at a line that belongs to no key, e.g. a YAML syntax error. */
    ConfigException atLine(int line, String what) {
        return new ConfigException(Redact.text(oneLine(source) + ": line " + line + ": " + oneLine(what)));
    }

    /** An error about the source as a whole, e.g. one that cannot be read. */
    ConfigException whole(String what, Throwable cause) {
        return new ConfigException(Redact.text(oneLine(source) + ": " + oneLine(what)), cause);
    }

    /** The text with control characters (line breaks above all) replaced, so a message stays one line. */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString().strip();
    }

    /** A value for a message: quoted, shortened, with credentials and remembered secrets masked. */
    static String quote(String value) {
        String shown = Redact.text(oneLine(value));
        if (shown.length() > MAX_SHOWN) {
            shown = shown.substring(0, MAX_SHOWN) + "...";
        }
        return '"' + shown + '"';
    }
}
