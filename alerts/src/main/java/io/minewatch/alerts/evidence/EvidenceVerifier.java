package io.minewatch.alerts.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the audit chain and the files it vouches for: each entry's hash, the link to the entry
 * before, the sequence without gaps, and each clip's SHA-256 against its {@code clip_created} entry
 * (unless a later {@code clip_deleted} entry removed it). Each problem names the entry or file.
 */
public final class EvidenceVerifier {
    private EvidenceVerifier() {
    }

    /**
     * @param log        the audit log file
     * @param storageDir the folder entries' subjects are relative to
     * @return the problems found; empty when everything verifies
     */
    public static List<String> verify(Path log, Path storageDir) throws IOException {
        List<String> problems = new ArrayList<>();
        List<AuditEntry> entries = AuditLog.read(log);
        String prev = AuditLog.GENESIS;
        long expectedSeq = 1;
        for (AuditEntry e : entries) {
            if (e.seq() != expectedSeq) {
                problems.add("audit entry " + e.seq() + ": expected entry " + expectedSeq
                        + " here (entries missing or out of order)");
            }
            if (!e.prev().equals(prev)) {
                problems.add("audit entry " + e.seq() + ": does not link to the entry before it (an entry was "
                        + "removed, inserted or changed)");
            }
            if (!e.computeHash().equals(e.hash())) {
                problems.add("audit entry " + e.seq() + ": content does not match its hash (the entry was edited)");
            }
            prev = e.hash();
            expectedSeq = e.seq() + 1;
        }
        Set<String> deleted = new HashSet<>();
        for (AuditEntry e : entries) {
            if (e.action().equals("clip_deleted")) {
                deleted.add(e.subject());
            }
        }
        for (AuditEntry e : entries) {
            if (!e.sha256().isEmpty() && !e.subject().isEmpty() && !deleted.contains(e.subject())) {
                Path file = storageDir.resolve(e.subject()).normalize();
                if (!file.startsWith(storageDir.normalize()) || !Files.isRegularFile(file)) {
                    problems.add(e.subject() + ": missing (recorded in audit entry " + e.seq() + ")");
                } else if (!Sha256.of(file).equals(e.sha256())) {
                    problems.add(e.subject() + ": SHA-256 differs from audit entry " + e.seq() + " (the file was altered)");
                }
            }
        }
        return problems;
    }
}
