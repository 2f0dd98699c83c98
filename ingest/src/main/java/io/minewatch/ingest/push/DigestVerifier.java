package io.minewatch.ingest.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** Checks RTSP Digest (MD5) credentials of pushers against the configured user; constant-time compare. */
final class DigestVerifier {
    static final String REALM = "minewatch";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String password;

    DigestVerifier(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** A fresh nonce for a challenge. */
    static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The WWW-Authenticate header for a nonce. */
    static String challenge(String nonce) {
        return "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\"";
    }

    /** Whether the Authorization header answers our nonce with the right password. */
    boolean verify(String header, String method, String nonce) {
        if (header == null || nonce == null || header.length() > 4096
                || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = params(header.substring(7));
        if (!user.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || p.get("uri") == null
                || p.get("response") == null) {
            return false;
        }
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5(method + ":" + p.get("uri"));
        String expected;
        String qop = p.get("qop");
        if (qop != null && qop.equalsIgnoreCase("auth")) {
            expected = md5(ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":" + p.getOrDefault("cnonce", "")
                    + ":auth:" + ha2);
        } else {
            expected = md5(ha1 + ":" + nonce + ":" + ha2);
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> params(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < s.length() && out.size() < 32) {
            while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1);
                end = end < 0 ? s.length() : end;
                value = s.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = s.indexOf(',', i);
                end = end < 0 ? s.length() : end;
                value = s.substring(i, end).trim();
                i = end;
            }
            out.put(key, value);
        }
        return out;
    }
}
