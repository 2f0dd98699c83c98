package io.minewatch.alerts.evidence;

import java.time.Instant;

/**
 * One line of the audit log. {@code hash} is the SHA-256 of the entry's canonical text, which
 * includes {@code prev}, the hash of the entry before: removing, reordering or editing any entry
 * breaks the chain from there on.
 *
 * @param seq     1, 2, 3... with no gaps
 * @param time    when it happened
 * @param actor   who did it: "system", an official's id, an HTTP client
 * @param action  clip_created, clip_partial, clip_viewed, clip_exported, clip_deleted, ...
 * @param alert   the alert concerned, or ""
 * @param subject the file or object concerned (relative to the storage directory), or ""
 * @param sha256  the subject file's SHA-256 where it matters (clip_created, clip_partial), or ""
 * @param prev    the previous entry's hash ("0" x 64 for the first)
 * @param hash    this entry's hash
 */
public record AuditEntry(long seq, Instant time, String actor, String action, String alert,
                         String subject, String sha256, String prev, String hash) {

    /** The text hashed: every field but the hash, in a fixed order, unambiguous (length-prefixed). */
    String canonical() {
        StringBuilder b = new StringBuilder();
        for (String f : new String[] {Long.toString(seq), time.toString(), actor, action, alert, subject, sha256, prev}) {
            b.append(f.length()).append(':').append(f).append(';');
        }
        return b.toString();
    }

    String computeHash() {
        return Sha256.of(canonical());
    }
}
