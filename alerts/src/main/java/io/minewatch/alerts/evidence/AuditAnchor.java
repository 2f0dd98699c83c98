package io.minewatch.alerts.evidence;

/**
 * A place outside the audit log that records the log's head (sequence number and hash of its newest
 * entry), so that a log cut short or rewritten from some entry on no longer matches it.
 *
 * <p>{@link AuditLog} calls {@link #record} after each entry reached the disk, under the log's lock.
 * An anchor that cannot record (its database is down) logs it and returns: the log itself must not
 * stop taking entries.
 */
public interface AuditAnchor {

    /** Records the log's newest entry: its sequence number and hash. */
    void record(long seq, String hash);

    /**
     * What one anchor says about the log: it held entry {@code seq} with hash {@code hash}.
     *
     * @param source names the anchor in problems ("checkpoint evidence/audit.head", "clip sidecar ...")
     */
    record Mark(String source, long seq, String hash) {
    }
}
