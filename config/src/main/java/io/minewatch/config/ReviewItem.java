package io.minewatch.config;

import java.util.Objects;

/**
 * One point of the legal office's review checklist (issue 18).
 *
 * @param id       stable id (e.g. {@code photos})
 * @param text     what the reviewer checks, Chinese first
 * @param required a failed required point fails the review whatever the score
 */
public record ReviewItem(String id, String text, boolean required) {
    public ReviewItem {
        Objects.requireNonNull(id, "id");
        text = text == null ? id : text;
    }
}
