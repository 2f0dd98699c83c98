package io.minewatch.server.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The Origin check of WebSocket upgrades: a browser names the page's origin, and only a page served
 * by this server (same host and port as the {@code Host} it asked) may open a WebSocket with the
 * user's session cookie; anything else is a cross-site WebSocket hijack.
 */
final class Origins {
    private Origins() {
    }

    /**
     * True when there is no Origin (not a browser), or it names the same host and port as {@code host}.
     * An opaque origin ({@code null}) or an unreadable one is false.
     */
    static boolean sameAsHost(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return false;
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String h = host.strip().toLowerCase(Locale.ROOT);
        String hostName = h;
        int hostPort = defaultPort;
        int colon = h.lastIndexOf(':');
        if (colon > 0 && colon > h.lastIndexOf(']')) {
            hostName = h.substring(0, colon);
            try {
                hostPort = Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return hostName.equals(uri.getHost().toLowerCase(Locale.ROOT)) && hostPort == port;
    }
}
