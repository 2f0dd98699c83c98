/**
 * Evidence: the hash-chained audit log of clips, the anchors of its head, and its verification.
 *
 * <h2>What the evidence chain proves</h2>
 * <ul>
 *   <li>Each entry of {@code evidence/audit.jsonl} hashes its fields and the entry before: an entry
 *       edited, removed, inserted or reordered anywhere before the end is found and named.</li>
 *   <li>After every append the head (sequence number and hash of the newest entry) is recorded in
 *       three places outside the log: the checkpoint file {@code evidence/audit.head} (HMAC-SHA256
 *       signed when {@code MINEWATCH_AUDIT_KEY} is set), the database row {@code audit_anchor} (only
 *       moves forward), and, when a clip is closed, that clip's sidecar. A log cut short (67 entries
 *       to 5, or its last entries removed), or cut and continued with a new chain, no longer holds
 *       the entry an anchor names with the hash it names, and {@code verify-evidence} says which
 *       anchor fails. The server refuses to start on such a log, so it cannot bury the cut under new
 *       entries.</li>
 *   <li>Each clip's SHA-256 is in its {@code clip_created}/{@code clip_partial} entry: a clip altered
 *       or removed without a {@code clip_deleted} entry is named.</li>
 * </ul>
 *
 * <h2>What it does not prove</h2>
 * <ul>
 *   <li>Whoever can write the log, the checkpoint file, every sidecar and the database row can
 *       rewrite all of them consistently: the chain is tamper-evident against a partial edit, not
 *       against the owner of the storage folder and the database. With {@code MINEWATCH_AUDIT_KEY}
 *       set (from the environment, never from the storage folder), a rewritten checkpoint must also
 *       carry a valid HMAC, which needs the key; but an older, genuinely signed checkpoint can be put
 *       back with a log cut to match it (a roll-back) — only the database row and the sidecars of
 *       clips closed since then catch that.</li>
 *   <li>Entries appended after the newest anchor (the moment between an append reaching the disk and
 *       its anchors being written, or while the database is down) are vouched for by the chain
 *       alone.</li>
 *   <li>The chain says when the server recorded a clip, not that the camera's picture is true; times
 *       are the server's clock.</li>
 *   <li>Retention removes old clips with their sidecars (recorded as {@code clip_deleted}); their
 *       anchors go with them, the checkpoint and the database row remain.</li>
 * </ul>
 * For stronger guarantees, copy {@code audit.head} (or the database row) off the machine regularly,
 * e.g. into a write-once store, and verify against those copies.
 */
package io.minewatch.alerts.evidence;
