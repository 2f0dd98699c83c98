package io.minewatch.ingest.push;

import io.minewatch.ingest.rtsp.DigestParams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Checks RTSP Digest (MD5, RFC 2617) credentials of pushers against the configured user: the realm,
 * the nonce the connection was given and the request URI must match what the server knows, and the
 * user name and response are compared in constant time. Keeps only HA1, not the password.
 */
final class DigestVerifier {
    static final String REALM = "minewatch";
    /** The longest Authorization header looked at. */
    static final int MAX_HEADER = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a request's credentials amount to; every verdict but {@link #OK} is refused. */
    enum Verdict {
        OK("ok", false),
        /** No Authorization header, or not Digest: the ordinary first challenge. */
        MISSING("no_credentials", false),
        MALFORMED("malformed", true),
        /** Wrong user name or password. */
        WRONG("wrong_credentials", true),
        REALM_MISMATCH("realm_mismatch", true),
        URI_MISMATCH("uri_mismatch", true),
        /** A nonce this connection was not given (replayed, or from before a refusal). */
        UNKNOWN_NONCE("unknown_nonce", true),
        /** The right answer to this connection's nonce, but the nonce has expired. */
        STALE("stale_nonce", false);

        private final String reason;
        private final boolean failure;

        Verdict(String reason, boolean failure) {
            this.reason = reason;
            this.failure = failure;
        }

        /** The metric tag value. */
        String reason() {
            return reason;
        }

        /** Whether this counts as a failed guess (throttled, and cut off after too many). */
        boolean failure() {
            return failure;
        }
    }

    private final byte[] user;
    private final String ha1;

    DigestVerifier(String user, String password) {
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.ha1 = DigestParams.md5(user + ":" + REALM + ":" + password);
    }

    /** A fresh random nonce. */
    static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The WWW-Authenticate header for a nonce. */
    static String challenge(String nonce, boolean stale) {
        return "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\"" + (stale ? ", stale=true" : "");
    }

    /**
     * Judges the Authorization header of a request.
     *
     * @param header  the Authorization header, or null
     * @param method  the request method
     * @param uri     the request URI, as on the request line
     * @param nonce   the nonce this connection was last given, or null
     * @param expired whether that nonce has outlived its lifetime
     */
    Verdict verify(String header, String method, String uri, String nonce, boolean expired) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Verdict.MISSING;
        }
        if (header.length() > MAX_HEADER) {
            return Verdict.MALFORMED;
        }
        Map<String, String> p = DigestParams.parse(header.substring(7));
        String response = p.get("response");
        String name = p.get("username");
        if (response == null || name == null || p.get("uri") == null) {
            return Verdict.MALFORMED;
        }
        if (!REALM.equals(p.get("realm"))) {
            return Verdict.REALM_MISMATCH;
        }
        if (nonce == null || !nonce.equals(p.get("nonce"))) {
            return Verdict.UNKNOWN_NONCE;
        }
        if (!uri.equals(p.get("uri"))) {
            return Verdict.URI_MISMATCH;
        }
        String ha2 = DigestParams.md5(method + ":" + uri);
        String qop = p.get("qop");
        String expected;
        if (qop != null && qop.equalsIgnoreCase("auth")) {
            expected = DigestParams.md5(ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":"
                    + p.getOrDefault("cnonce", "") + ":auth:" + ha2);
        } else {
            expected = DigestParams.md5(ha1 + ":" + nonce + ":" + ha2);
        }
        // Both compared in full whatever the outcome of the first, so timing tells nothing.
        boolean userOk = MessageDigest.isEqual(user, name.getBytes(StandardCharsets.UTF_8));
        boolean responseOk = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (!(userOk & responseOk)) {
            return Verdict.WRONG;
        }
        return expired ? Verdict.STALE : Verdict.OK;
    }
}
