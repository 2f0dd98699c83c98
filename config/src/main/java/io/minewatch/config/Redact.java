package io.minewatch.config;

import java.util.regex.Pattern;

/**
 * Masks credentials in text that is about to be logged, shown or put in an error message.
 *
 * <p>Camera and broker URLs carry passwords as {@code scheme://user:pass@host}; every module that
 * prints a URL passes it through {@link #url(String)} first.
 */
public final class Redact {
    /** The mask that replaces a password. */
    public static final String MASK = "****";

    // scheme "://" user ":" password "@" — the password may hold anything but '@', '/' and white space,
    // so "rtsp://host:554/path@x" (a port, no password) is left alone.
    private static final Pattern USERINFO =
            // Greedy to the last '@' before the path: FFmpeg accepts a raw '@' inside the password.
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:@/\\s]*:)[^/\\s]*@");

    private Redact() {
    }

    /**
     * Returns the text with the password of every {@code scheme://user:pass@host} URL in it replaced by
     * {@value #MASK}; text without such a password is returned unchanged, {@code null} stays {@code null}.
     */
    public static String url(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        return USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
    }
}
