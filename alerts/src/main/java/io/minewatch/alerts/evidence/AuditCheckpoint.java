package io.minewatch.alerts.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checkpoint file beside the audit log ({@code audit.head}): the head's sequence number and hash,
 * replaced atomically and fsynced after every append. With a key (environment variable
 * {@value #KEY_ENV}) it also carries an HMAC-SHA256 of both, so that whoever lacks the key cannot
 * write a checkpoint that verifies — though they can still put back an older signed one.
 */
public final class AuditCheckpoint implements AuditAnchor {
    /** Environment variable holding the checkpoint key (any text, at least 16 characters). */
    public static final String KEY_ENV = "MINEWATCH_AUDIT_KEY";
    /** The checkpoint's file name, beside the log. */
    public static final String FILE_NAME = "audit.head";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final byte[] key;

    /** @param key HMAC key, or null for an unsigned checkpoint */
    AuditCheckpoint(Path log, byte[] key) {
        this.file = log.resolveSibling(FILE_NAME);
        this.key = key == null ? null : key.clone();
    }

    /** The key from {@value #KEY_ENV}, or null when unset; a key under 16 characters is refused. */
    public static byte[] keyFromEnv() {
        String k = System.getenv(KEY_ENV);
        if (k == null || k.isEmpty()) {
            return null;
        }
        if (k.length() < 16) {
            throw new IllegalArgumentException(KEY_ENV + " is too short: use at least 16 characters");
        }
        return k.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void record(long seq, String hash) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", seq);
        n.put("hash", hash);
        if (key != null) {
            n.put("mac", mac(key, seq, hash));
        }
        DurableFile.replace(file, n.toString(), "audit checkpoint");
    }

    /**
     * The checkpoint beside a log, if there is one.
     *
     * @param key the HMAC key, or null to skip the signature check
     * @throws IOException when it is unreadable, or (with a key) unsigned or signed with another key
     */
    static Optional<Mark> read(Path log, byte[] key) throws IOException {
        Path file = log.resolveSibling(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String source = "checkpoint " + file.getFileName();
        long seq;
        String hash;
        String mac;
        try {
            var n = JSON.readTree(Files.readString(file));
            seq = n.get("seq").asLong();
            hash = n.get("hash").asText();
            mac = n.path("mac").asText("");
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + ": unreadable (" + e.getClass().getSimpleName() + ")");
        }
        if (key != null && !MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII),
                mac(key, seq, hash).getBytes(StandardCharsets.US_ASCII))) {
            throw new IOException(source + ": signature " + (mac.isEmpty() ? "missing" : "does not match")
                    + " (written without the key in " + KEY_ENV + ", or forged)");
        }
        return Optional.of(new Mark(source, seq, hash));
    }

    static String mac(byte[] key, long seq, String hash) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(m.doFinal((seq + ":" + hash).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}
