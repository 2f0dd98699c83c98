package io.minewatch.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle's {@link Argon2BytesGenerator}) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (base64 without padding), compared in constant
 * time. The default cost is OWASP's first Argon2id choice (19 MiB, 2 passes, 1 lane).
 */
public final class PasswordHasher {
    /** Memory in KiB, passes and lanes of new hashes. */
    public static final int MEMORY_KIB = 19_456;
    public static final int PASSES = 2;
    public static final int LANES = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    /** A new PHC string for the password, with a fresh random salt. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(out);
    }

    /** Whether the string is a PHC Argon2id hash this class can check. */
    public static boolean wellFormed(String phc) {
        return phc != null && PHC.matcher(phc).matches();
    }

    /**
     * Whether the password matches the PHC string: the hash is recomputed with the string's salt and
     * cost and compared in constant time ({@link MessageDigest#isEqual}). A malformed string matches nothing.
     */
    public static boolean verify(String phc, String password) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches()) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = B64D.decode(m.group(4));
            expected = B64D.decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = derive(password == null ? "" : password, salt, Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(passes).withParallelism(lanes)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            gen.generateBytes(pw, out);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
        return out;
    }
}
