package io.minewatch.alerts.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a page of the alert list ends: the last row's {@code created_at} and {@code id}. Opaque to
 * clients (URL-safe base64 of {@code v1:<millis>:<id>}); the next page holds the rows strictly after
 * it in the order created_at desc, id desc.
 */
public record PageCursor(long createdAt, String id) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_LENGTH = 200;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a previous page's {@code next} gave; anything else is refused naming {@code cursor}. */
    public static PageCursor decode(String text) {
        if (text.length() > MAX_LENGTH) {
            throw bad();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad();
        }
        String[] parts = plain.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("v1") || !ID.matcher(parts[2]).matches()) {
            throw bad();
        }
        try {
            long at = Long.parseLong(parts[1]);
            if (at < 0) {
                throw bad();
            }
            return new PageCursor(at, parts[2]);
        } catch (NumberFormatException e) {
            throw bad();
        }
    }

    private static IllegalArgumentException bad() {
        return new IllegalArgumentException("cursor is not one this server gave (use the \"next\" of the previous page)");
    }
}
