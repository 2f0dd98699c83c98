package io.minewatch.ingest.rtmp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A publish's stream name: {@code <camera id>} with optional credentials in its query,
 * {@code <camera id>?user=U&pass=P} (as MediaMTX takes them): RTMP has no authentication that drone apps
 * can use, and a drone app takes nothing but the URL. Query values may be percent-encoded; a malformed
 * one counts as no credentials. The name is never logged whole: {@link #camera} is what may be shown.
 *
 * @param camera   the id before any {@code ?} (may be anything the client sent: check it)
 * @param user     the {@code user} parameter, or null
 * @param password the {@code pass} parameter, or null
 */
record StreamKey(String camera, String user, String password) {
    /** The longest stream name looked at. */
    static final int MAX_LENGTH = 1024;

    static StreamKey parse(String name) {
        if (name == null) {
            return new StreamKey("", null, null);
        }
        if (name.length() > MAX_LENGTH) {
            name = name.substring(0, MAX_LENGTH);
        }
        int q = name.indexOf('?');
        String camera = q < 0 ? name : name.substring(0, q);
        String user = null;
        String pass = null;
        if (q >= 0) {
            for (String p : name.substring(q + 1).split("&")) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String k = p.substring(0, eq);
                String v = decode(p.substring(eq + 1));
                if (k.equals("user")) {
                    user = v;
                } else if (k.equals("pass")) {
                    pass = v;
                }
            }
        }
        return new StreamKey(camera, user, pass);
    }

    private static String decode(String v) {
        try {
            return URLDecoder.decode(v, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether both credentials were given. */
    boolean hasCredentials() {
        return user != null && password != null;
    }

    /** Whether the credentials are these (compared in constant time). */
    boolean matches(String expectedUser, String expectedPassword) {
        if (!hasCredentials()) {
            return false;
        }
        boolean u = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                expectedUser.getBytes(StandardCharsets.UTF_8));
        boolean p = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                expectedPassword.getBytes(StandardCharsets.UTF_8));
        return u & p;
    }

    /** The camera part, safe to log: printable ASCII only, at most 64 characters. */
    String shownCamera() {
        String c = camera.replaceAll("[^A-Za-z0-9_.-]", "?");
        return c.length() > 64 ? c.substring(0, 64) + "..." : c;
    }

    @Override
    public String toString() {
        return "StreamKey[camera=" + shownCamera() + ", user=" + (user == null ? "none" : "given")
                + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
