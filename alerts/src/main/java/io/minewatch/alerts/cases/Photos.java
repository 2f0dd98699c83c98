package io.minewatch.alerts.cases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Set;

/** On-site photos: checked (type by the first bytes, size), measured (SHA-256) and kept under storage/cases/. */
final class Photos {
    private static final Set<String> OPEN = Set.of(CaseRow.DISPATCHED, CaseRow.ON_SITE, CaseRow.REOPENED);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final CaseContext ctx;

    Photos(CaseContext ctx) {
        this.ctx = ctx;
    }

    /** Checks the file before the transaction: its type and size. Returns its size. */
    long check(Path file, String contentType) {
        long max = ctx.catalogue().cases().maxPhotoBytes();
        try {
            long size = Files.size(file);
            if (size == 0 || size > max) {
                throw Checks.invalid("photo: 1 to " + max + " bytes, got " + size);
            }
            byte[] head = new byte[8];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            boolean ok = switch (contentType == null ? "" : contentType) {
                case "image/jpeg" -> n >= 3 && startsWith(head, JPEG);
                case "image/png" -> n >= 8 && startsWith(head, PNG);
                default -> throw Checks.invalid("content_type: image/jpeg or image/png");
            };
            if (!ok) {
                throw Checks.invalid("photo: the file is not a " + contentType + " image");
            }
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded photo", e);
        }
    }

    PhotoView add(CaseTx tx, String caseId, Path file, String contentType, long size, String actor)
            throws SQLException {
        CaseRow k = ctx.cases().require(tx.c, caseId);
        if (!OPEN.contains(k.state())) {
            throw Checks.conflict("case " + caseId + " is " + k.state() + "; photos belong to the on-site step");
        }
        int n = ctx.parts().nextPhoto(tx.c, caseId);
        String rel = "cases/" + caseId + "/" + n + (contentType.equals("image/png") ? ".png" : ".jpg");
        Path target = ctx.storageDir().resolve(rel);
        String sha;
        try {
            Files.createDirectories(target.getParent());
            sha = sha256(file);
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store photo " + rel, e);
        }
        PhotoView p = new PhotoView(caseId, n, contentType, size, sha, actor, tx.now);
        ctx.parts().insertPhoto(tx.c, p, rel);
        tx.step(caseId, "case_photo", actor, null, null, "photo " + n + ", " + size + " bytes, sha256 " + sha);
        return p;
    }

    Path file(java.sql.Connection c, String caseId, int n) throws SQLException {
        var photos = ctx.parts().photos(c, caseId, n);
        if (photos.isEmpty()) {
            return null;
        }
        Path p = ctx.storageDir().resolve(photos.values().iterator().next()).normalize();
        return p.startsWith(ctx.storageDir().normalize()) && Files.isRegularFile(p) ? p : null;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
