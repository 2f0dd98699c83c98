package io.minewatch.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.config.Redact;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Splits a camera entry's credentials from its URL and puts them back: the stored body holds the URL
 * without user info; the user name and password travel sealed; the running camera gets the URL with
 * them (percent-encoded) in its user info, as the YAML would give it.
 */
final class CameraEntries {
    /** The placeholder a camera's URL with credentials is bound through, so every message masks it. */
    static final String URL_VAR = "MINEWATCH_REGISTRY_CAMERA_URL";

    /** A user name and password, either may be null. */
    record Credentials(String user, String password) {
        boolean any() {
            return user != null && !user.isEmpty();
        }
    }

    private CameraEntries() {
    }

    /** The URL without user info; a URL that does not parse is returned as is (the binder names it). */
    static String withoutUserInfo(String url) {
        try {
            URI u = new URI(url);
            if (u.getRawUserInfo() == null) {
                return url;
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), u.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /** The user info of a URL, or none. */
    static Credentials userInfo(String url) {
        try {
            String info = new URI(url).getRawUserInfo();
            if (info == null) {
                return new Credentials(null, null);
            }
            int colon = info.indexOf(':');
            String user = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
            String pass = colon < 0 ? null : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
            Redact.remember(pass);
            return new Credentials(user, pass);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return new Credentials(null, null);
        }
    }

    /** The URL with the credentials in its user info (none: the URL as is). */
    static String withCredentials(String url, Credentials c) {
        if (c == null || !c.any() || !url.startsWith("rtsp://")) {
            return url;
        }
        String info = enc(c.user()) + (c.password() == null ? "" : ":" + enc(c.password()));
        return "rtsp://" + info + "@" + url.substring("rtsp://".length());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A text field of a request body, or null when absent or null. */
    static String text(JsonNode body, String key) {
        JsonNode n = body.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** Removes and returns a text field. */
    static String take(ObjectNode body, String key) {
        String v = text(body, key);
        body.remove(key);
        return v;
    }
}
