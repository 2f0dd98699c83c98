package io.minewatch.alerts.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip whose every entry is listed with its SHA-256 in a closing {@code SHA256SUMS} ({@code sha256sum -c}
 * format), as the alerts' evidence export lays it out: small texts deflated, files (video, JPEG: they do not
 * shrink) stored and hashed in the same pass, never loaded whole. Then an optional how-to text, outside the sums.
 * <pre>{@code try (HashedZip z = new HashedZip(out)) { z.text("a.json", json); z.file("snapshots/x.jpg", path);
 * z.finish(howTo); }}</pre>
 */
public final class HashedZip implements AutoCloseable {
    public static final String SUMS = "SHA256SUMS";
    private final ZipOutputStream zip;
    private final List<String> sums = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean finished;

    public HashedZip(OutputStream out) {
        this.zip = new ZipOutputStream(out);
    }

    /** A small entry from memory (UTF-8 text), deflated. */
    public HashedZip text(String name, String text) throws IOException {
        return bytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public HashedZip bytes(String name, byte[] bytes) throws IOException {
        claim(name);
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
        sums.add(Sha256.of(bytes) + "  " + name);
        return this;
    }

    /** A file, streamed without compression and hashed as it is copied. */
    public HashedZip file(String name, Path file) throws IOException {
        claim(name);
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest md = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
        sums.add(HexFormat.of().formatHex(md.digest()) + "  " + name);
        return this;
    }

    /** Writes {@code SHA256SUMS} and, when given, {@code HOW-TO-VERIFY.txt}; nothing may be added after. */
    public void finish(String howTo) throws IOException {
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(new ZipEntry(SUMS));
        zip.write((String.join("\n", sums) + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        if (howTo != null) {
            zip.putNextEntry(new ZipEntry("HOW-TO-VERIFY.txt"));
            zip.write(howTo.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        finished = true;
    }

    private void claim(String name) {
        if (finished) {
            throw new IllegalStateException("zip finished: cannot add " + name);
        }
        boolean dotted = java.util.Arrays.stream(name.split("/", -1)).anyMatch(p -> p.isEmpty() || p.equals("..")
                || p.equals("."));
        if (dotted || name.contains("\\") || name.equals(SUMS) || !names.add(name)) {
            throw new IllegalArgumentException("bad or repeated zip entry name: " + name);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
