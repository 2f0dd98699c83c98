package io.minewatch.ingest.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of RFC 2617 Digest shared by the RTSP client ({@link Authenticator}) and the push
 * server's verifier: parsing {@code k=v, k="v"} parameter lists (at most {@value #MAX_PARAMS}) and MD5.
 */
public final class DigestParams {
    /** The most parameters read from one header; the rest are ignored. */
    public static final int MAX_PARAMS = 32;

    private DigestParams() {
    }

    /** Parses {@code k=v, k="v, with commas"} pairs; keys lower-cased. */
    public static Map<String, String> parse(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n && out.size() < MAX_PARAMS) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    end = n;
                }
                value = s.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = s.indexOf(',', i);
                if (end < 0) {
                    end = n;
                }
                value = s.substring(i, end).strip();
                i = end;
            }
            out.put(key, value);
        }
        return out;
    }

    /** The lower-case hex MD5 of a string's UTF-8 bytes. */
    public static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
