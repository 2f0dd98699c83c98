package io.minewatch.server.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the registry's credentials (camera user names and passwords, officials' secrets) before they
 * reach the database: AES-256-GCM from the JDK, a fresh 12-byte nonce per value, stored as base64 of
 * nonce + ciphertext. The key is {@code MINEWATCH_REGISTRY_KEY} (base64 of 32 bytes) when set, else the
 * file {@code registry.key} in the storage folder, made on first use readable by its owner only. A
 * database dump alone therefore holds no usable credential.
 */
public final class CredentialSeal {
    /** The environment variable that holds the key (base64 of 32 bytes). */
    public static final String KEY_ENV = "MINEWATCH_REGISTRY_KEY";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    private CredentialSeal(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException(KEY_ENV + " must be base64 of 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key from the environment, else from (or new in) {@code storage/registry.key}. */
    public static CredentialSeal open(Path storage, String envKey) throws IOException {
        if (envKey != null && !envKey.isBlank()) {
            return new CredentialSeal(Base64.getDecoder().decode(envKey.strip()));
        }
        Path file = storage.resolve("registry.key");
        if (!Files.exists(file)) {
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            try {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(k));
            } catch (FileAlreadyExistsException e) {
                // made by another start in between: read it below
            }
        }
        return new CredentialSeal(Base64.getDecoder().decode(Files.readString(file).strip()));
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a credential: " + e.getClass().getSimpleName());
        }
    }

    /** @throws IllegalStateException when the value was sealed with another key (no detail of it) */
    public String open(String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a registry credential does not open with this key (was "
                    + KEY_ENV + " or registry.key changed?)");
        }
    }
}
