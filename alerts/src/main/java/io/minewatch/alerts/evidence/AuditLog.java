package io.minewatch.alerts.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The append-only audit log of evidence: one JSON object a line, each hashing the one before.
 * Every append reaches the disk (fsync) before it returns. Thread-safe.
 *
 * <p>The chain alone shows an entry was edited, removed or inserted in the middle — not that the log
 * was cut short, or cut and continued with new entries. So after each append the head (sequence
 * number and hash of the newest entry) is recorded outside the log: in the checkpoint file
 * {@code audit.head} beside it ({@link AuditCheckpoint}) and in every {@link AuditAnchor} added (the
 * database); closed clips' sidecars record it too. {@link EvidenceVerifier} checks the log against
 * each of them. On open, a log that no longer holds the entry its checkpoint names is refused.
 */
public final class AuditLog implements AutoCloseable {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final List<AuditAnchor> anchors = new CopyOnWriteArrayList<>();
    private long seq;
    private String last;

    private AuditLog(Path file, Clock clock, FileChannel channel, long seq, String last) {
        this.file = file;
        this.clock = clock;
        this.channel = channel;
        this.seq = seq;
        this.last = last;
    }

    /** Opens (or creates) the log and continues its chain, with an unsigned checkpoint. */
    public static AuditLog open(Path file, Clock clock) throws IOException {
        return open(file, clock, null);
    }

    /**
     * Opens (or creates) the log and continues its chain.
     *
     * @param checkpointKey HMAC key of the checkpoint file ({@link AuditCheckpoint#keyFromEnv()}), or null
     * @throws IOException when the log is unreadable, or no longer holds the entry its checkpoint names
     *                     (cut short or rewritten while the server was down), or (with a key) the
     *                     checkpoint is not signed with it: run verify-evidence
     */
    public static AuditLog open(Path file, Clock clock, byte[] checkpointKey) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<AuditEntry> entries = Files.exists(file) ? read(file) : List.of();
        AuditEntry tail = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        Optional<AuditAnchor.Mark> mark;
        try {
            mark = AuditCheckpoint.read(file, checkpointKey);
        } catch (IOException e) {
            // Signing a checkpoint written without the key would vouch for whatever log it names.
            throw new IOException(e.getMessage() + "; run scripts/verify-evidence. When the key is new, remove "
                    + "the checkpoint once the log verifies: the server writes a signed one", e);
        }
        if (mark.isPresent()) {
            String problem = EvidenceVerifier.check(entries, mark.get());
            if (problem != null) {
                throw new IOException(problem + "; run scripts/verify-evidence, and move the evidence folder "
                        + "aside to start a new log");
            }
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        AuditLog log = new AuditLog(file, clock, ch, tail == null ? 0 : tail.seq(),
                tail == null ? GENESIS : tail.hash());
        AuditCheckpoint checkpoint = new AuditCheckpoint(file, checkpointKey);
        if (tail != null) {
            checkpoint.record(tail.seq(), tail.hash());   // entries a crash left past the checkpoint, or a new key
        }
        log.anchors.add(checkpoint);
        return log;
    }

    /** Records the head in {@code anchor} after every append from now on, and now. */
    public synchronized void addAnchor(AuditAnchor anchor) {
        anchors.add(anchor);
        if (seq > 0) {
            anchor.record(seq, last);
        }
    }

    /**
     * Why a log file does not match an anchor of its head (cut short or rewritten), or null when it
     * does. Check before {@link #open}, which brings the checkpoint up to the log's tail.
     */
    public static String mismatch(Path file, AuditAnchor.Mark mark) throws IOException {
        return EvidenceVerifier.check(Files.exists(file) ? read(file) : List.of(), mark);
    }

    /** The newest entry's sequence number and hash ({@code 0} and {@link #GENESIS} while empty). */
    public synchronized AuditAnchor.Mark head() {
        return new AuditAnchor.Mark("audit log", seq, last);
    }

    /** Appends an entry and returns it. */
    public synchronized AuditEntry append(String actor, String action, String alert, String subject, String sha256) {
        AuditEntry draft = new AuditEntry(seq + 1, clock.instant(), nz(actor), action, nz(alert), nz(subject),
                nz(sha256), last, "");
        AuditEntry entry = new AuditEntry(draft.seq(), draft.time(), draft.actor(), draft.action(), draft.alert(),
                draft.subject(), draft.sha256(), draft.prev(), draft.computeHash());
        try {
            channel.write(ByteBuffer.wrap((toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to audit log " + file, e);
        }
        seq = entry.seq();
        last = entry.hash();
        for (AuditAnchor a : anchors) {
            a.record(seq, last);   // the checkpoint throws when it cannot be written, as the log does
        }
        return entry;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String toJson(AuditEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", e.seq());
        n.put("time", e.time().toString());
        n.put("actor", e.actor());
        n.put("action", e.action());
        n.put("alert", e.alert());
        n.put("subject", e.subject());
        n.put("sha256", e.sha256());
        n.put("prev", e.prev());
        n.put("hash", e.hash());
        return n.toString();
    }

    /** Every entry of a log file, as written; a line that is not an entry is an IOException naming it. */
    public static List<AuditEntry> read(Path file) throws IOException {
        List<AuditEntry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                var n = JSON.readTree(line);
                entries.add(new AuditEntry(n.get("seq").asLong(), java.time.Instant.parse(n.get("time").asText()),
                        n.get("actor").asText(), n.get("action").asText(), n.get("alert").asText(),
                        n.get("subject").asText(), n.get("sha256").asText(), n.get("prev").asText(),
                        n.get("hash").asText()));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": line " + lineNo + ": not an audit entry");
            }
        }
        return entries;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
