package io.minewatch.alerts.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks the audit chain and the files it vouches for: each entry's hash, the link to the entry
 * before, the sequence without gaps, each clip's SHA-256 against its {@code clip_created} entry
 * (unless a later {@code clip_deleted} entry removed it) — and the log against every anchor of its
 * head: the checkpoint file, each closed clip's sidecar, and those passed in (the database). An
 * anchor naming an entry the log no longer holds, or holds with another hash, means the log was cut
 * short or rewritten from there. Each problem names the entry, file or anchor.
 */
public final class EvidenceVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bound on the sidecars read (a clip tree larger than this is a problem in itself). */
    private static final int MAX_SIDECARS = 1_000_000;

    private EvidenceVerifier() {
    }

    /**
     * @param log        the audit log file
     * @param storageDir the folder entries' subjects are relative to
     * @return the problems found; empty when everything verifies
     */
    public static List<String> verify(Path log, Path storageDir) throws IOException {
        return verify(log, storageDir, List.of(), null);
    }

    /**
     * @param anchors       further anchors of the log's head (the database's)
     * @param checkpointKey the checkpoint's HMAC key, or null not to check its signature
     */
    public static List<String> verify(Path log, Path storageDir, List<AuditAnchor.Mark> anchors,
                                      byte[] checkpointKey) throws IOException {
        List<String> problems = new ArrayList<>();
        List<AuditEntry> entries = AuditLog.read(log);
        chain(entries, problems);
        List<AuditAnchor.Mark> marks = new ArrayList<>(anchors);
        try {
            var checkpoint = AuditCheckpoint.read(log, checkpointKey);
            checkpoint.ifPresent(marks::add);
            if (checkpoint.isEmpty() && !entries.isEmpty()) {
                problems.add("checkpoint " + AuditCheckpoint.FILE_NAME + ": missing, though the log has "
                        + entries.size() + " entries (the server writes it with every entry)");
            }
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
        marks.addAll(sidecars(storageDir));
        for (AuditAnchor.Mark m : marks) {
            String p = check(entries, m);
            if (p != null) {
                problems.add(p);
            }
        }
        files(entries, storageDir, problems);
        return problems;
    }

    private static void chain(List<AuditEntry> entries, List<String> problems) {
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
    }

    /** Null when the log holds the anchored entry with the anchored hash; else the problem. */
    static String check(List<AuditEntry> entries, AuditAnchor.Mark mark) {
        if (mark.seq() <= 0) {
            return null;
        }
        long lastSeq = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
        for (AuditEntry e : entries) {
            if (e.seq() == mark.seq()) {
                return e.hash().equals(mark.hash()) ? null
                        : "audit entry " + mark.seq() + ": hash differs from the one " + mark.source()
                        + " records (the log was rewritten from there on)";
            }
        }
        if (mark.seq() > lastSeq) {
            return "audit log cut short: " + mark.source() + " records entry " + mark.seq()
                    + " but the log ends at entry " + lastSeq;
        }
        return "audit entry " + mark.seq() + ": missing, though " + mark.source() + " records it";
    }

    /** The anchors in closed clips' sidecars ({@code clips/.../<alert>.json}). */
    public static List<AuditAnchor.Mark> sidecars(Path storageDir) throws IOException {
        Path clips = storageDir.resolve("clips");
        if (!Files.isDirectory(clips)) {
            return List.of();
        }
        List<AuditAnchor.Mark> marks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(clips, 3)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .limit(MAX_SIDECARS)::iterator) {
                String name = storageDir.relativize(p).toString().replace('\\', '/');
                try {
                    var n = JSON.readTree(Files.readString(p));
                    long seq = n.path("audit_seq").asLong(0);
                    if (seq > 0) {
                        marks.add(new AuditAnchor.Mark("clip sidecar " + name, seq, n.path("audit_hash").asText("")));
                    }
                } catch (IOException | RuntimeException e) {
                    // An unreadable sidecar anchors nothing; its clip is checked against the log below.
                }
            }
        }
        return marks;
    }

    private static void files(List<AuditEntry> entries, Path storageDir, List<String> problems) throws IOException {
        Set<String> deleted = new HashSet<>();
        for (AuditEntry e : entries) {
            if (e.action().equals("clip_deleted")) {
                deleted.add(e.subject());
            }
        }
        Map<String, String> seen = new HashMap<>();
        for (AuditEntry e : entries) {
            if (!e.sha256().isEmpty() && !e.subject().isEmpty() && !deleted.contains(e.subject())) {
                Path file = storageDir.resolve(e.subject()).normalize();
                if (!file.startsWith(storageDir.normalize()) || !Files.isRegularFile(file)) {
                    problems.add(e.subject() + ": missing (recorded in audit entry " + e.seq() + ")");
                } else if (!seen.computeIfAbsent(e.subject(), s -> hash(file)).equals(e.sha256())) {
                    problems.add(e.subject() + ": SHA-256 differs from audit entry " + e.seq() + " (the file was altered)");
                }
            }
        }
    }

    private static String hash(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
