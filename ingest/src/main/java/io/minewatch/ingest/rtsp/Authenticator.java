package io.minewatch.ingest.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers RTSP authentication challenges (RFC 2617 as used by RTSP 1.0): Digest (MD5, with or without
 * {@code qop=auth}) when offered, Basic otherwise. Never logs or returns the password.
 */
final class Authenticator {
    private static final int MAX_CHALLENGE = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String password;
    private final boolean digest;
    private final Map<String, String> params;
    private int nonceCount;

    private Authenticator(String user, String password, boolean digest, Map<String, String> params) {
        this.user = user;
        this.password = password == null ? "" : password;
        this.digest = digest;
        this.params = params;
    }

    /**
     * An authenticator for the challenges of a 401 answer (its WWW-Authenticate headers).
     *
     * @throws RtspException when no challenge is Digest (MD5) or Basic
     */
    static Authenticator forChallenges(String user, String password, List<String> challenges) throws RtspException {
        Authenticator basic = null;
        for (String c : challenges) {
            if (c.length() > MAX_CHALLENGE) {
                continue;
            }
            String lower = c.toLowerCase(Locale.ROOT).strip();
            if (lower.startsWith("digest")) {
                Map<String, String> p = params(c.strip().substring(6));
                String algorithm = p.getOrDefault("algorithm", "MD5");
                if (p.containsKey("nonce") && algorithm.equalsIgnoreCase("MD5")) {
                    return new Authenticator(user, password, true, p);
                }
            } else if (lower.startsWith("basic")) {
                basic = new Authenticator(user, password, false, Map.of());
            }
        }
        if (basic == null) {
            throw new RtspException("camera asks for an authentication scheme other than Digest (MD5) or Basic");
        }
        return basic;
    }

    /** The Authorization header for a request. */
    String header(String method, String uri) {
        if (!digest) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
        String realm = params.getOrDefault("realm", "");
        String nonce = params.get("nonce");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        StringBuilder h = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"")
                .append(realm).append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append('"');
        String qop = params.get("qop");
        if (qop != null && List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth")) {
            String nc = String.format(Locale.ROOT, "%08x", ++nonceCount);
            byte[] c = new byte[8];
            RANDOM.nextBytes(c);
            String cnonce = HexFormat.of().formatHex(c);
            h.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2))
                    .append("\", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            h.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (params.containsKey("opaque")) {
            h.append(", opaque=\"").append(params.get("opaque")).append('"');
        }
        if (params.containsKey("algorithm")) {
            h.append(", algorithm=").append(params.get("algorithm"));
        }
        return h.toString();
    }

    /** The scheme in use, for log lines. */
    String scheme() {
        return digest ? "Digest" : "Basic";
    }

    static String md5(String s) {
        return DigestParams.md5(s);
    }

    /** Parses {@code k=v, k="v, with commas"} pairs; keys lower-cased. */
    static Map<String, String> params(String s) {
        return DigestParams.parse(s);
    }
}
