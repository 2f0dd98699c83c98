package io.minewatch.server.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The security headers of every console page and asset: a Content-Security-Policy that allows only
 * this origin (plus, for images, {@code data:}, {@code blob:} and the configured map tile host), no
 * framing, no MIME sniffing, no referrer beyond this origin.
 */
public final class ConsoleHeaders {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

    private final Map<String, String> headers;

    private ConsoleHeaders(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    /**
     * @param mapTiles the tile URL template of {@code http.console.map_tiles} ({@code {z}/{x}/{y}}),
     *                 or null for none (the map then draws the sites by coordinates only)
     * @throws IllegalArgumentException naming the key when the template is not an http(s) URL
     */
    public static ConsoleHeaders of(String mapTiles) {
        String img = "img-src 'self' data: blob:";
        if (mapTiles != null && !mapTiles.isBlank()) {
            img += " " + tileOrigin(mapTiles);
        }
        String csp = String.join("; ",
                "default-src 'self'",
                img,
                "media-src 'self' blob:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", csp);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "same-origin");
        return new ConsoleHeaders(h);
    }

    /** The scheme, host and port of a tile URL template, for the policy's img-src. */
    static String tileOrigin(String template) {
        String probe = template.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")
                .replace("{s}", "a");
        URI uri;
        try {
            uri = URI.create(probe);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("http.console.map_tiles: not a URL template", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority();
        if (!(scheme.equals("http") || scheme.equals("https")) || authority == null
                || authority.contains("@") || !HOST.matcher(authority).matches()) {
            throw new IllegalArgumentException(
                    "http.console.map_tiles: must be an http(s) URL template like https://tiles.example/{z}/{x}/{y}.png");
        }
        if (template.contains("{s}.")) {
            // Subdomain rotation ({s}.tile.example): allow every subdomain of the host.
            String host = authority.substring(authority.indexOf('.') + 1);
            return scheme + "://*." + host;
        }
        return scheme + "://" + authority;
    }

    /** The headers, in a stable order. */
    public Map<String, String> asMap() {
        return headers;
    }
}
