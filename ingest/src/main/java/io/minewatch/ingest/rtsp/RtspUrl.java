package io.minewatch.ingest.rtsp;

import io.minewatch.config.Redact;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An {@code rtsp://[user[:password]@]host[:port]/path} URL split into where to connect, what to ask
 * for (without credentials), and the credentials themselves. {@link #toString()} masks the password.
 *
 * @param host      host name or address
 * @param port      TCP port (554 when absent)
 * @param request   the URL as sent in requests: no user information
 * @param user      user name, or null
 * @param password  password, or null
 */
public record RtspUrl(String host, int port, String request, String user, String password) {
    /** The default RTSP port. */
    public static final int DEFAULT_PORT = 554;

    /**
     * Parses an rtsp:// URL.
     *
     * @throws RtspException when it is not an rtsp:// URL with a host (the message shows it masked)
     */
    public static RtspUrl parse(String url) throws RtspException {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RtspException("not a valid URL: " + Redact.text(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp")) {
            throw new RtspException("unsupported scheme (rtsp:// only): " + Redact.text(url));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RtspException("URL has no host: " + Redact.text(url));
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String host = uri.getHost();
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String request = "rtsp://" + hostPart + (uri.getPort() == -1 ? "" : ":" + port) + path + query;
        return new RtspUrl(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port, request,
                user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Whether a user name was given. */
    public boolean hasCredentials() {
        return user != null;
    }

    /** This URL pointing elsewhere (a redirect), keeping the credentials when the new one has none. */
    public RtspUrl redirect(String location) throws RtspException {
        RtspUrl next = parse(location);
        if (next.hasCredentials() || !hasCredentials() || !next.host.equalsIgnoreCase(host)) {
            return next;
        }
        return new RtspUrl(next.host, next.port, next.request, user, password);
    }

    /**
     * The request URL with secret query parameters masked ({@code ?token=****}; it never holds
     * {@code user:pass@}): safe to log. Requests use {@link #request()}, unmasked.
     */
    @Override
    public String toString() {
        return Redact.text(request);
    }
}
