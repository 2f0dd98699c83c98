package io.minewatch.server.web;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import io.minewatch.server.http.StaticFiles;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the console: {@code /} (the command centre page), {@code /m/} (the officials' phone page),
 * {@code /analyst/} (the analysts' search, verdicts and exports), {@code /replay/} (an alert's clip with its track),
 * {@code /admin/} (the admins' registry page), {@code /flights/} (drone flights: upload, progress, report),
 * {@code /cases/} (the case loop: list, detail, intake, dispatch, close, review, statistics), {@code /dept/}
 * (a city department's whistles),
 * {@code /assets/...} and {@code /i18n/<lang>.json}, from the classpath folder {@code web/} (in the
 * jar) or, for working on the front end, from a folder on disk (edits show on reload).
 *
 * <p>Paths are checked before anything is looked up: each segment is letters, digits, '.', '_' or
 * '-' and does not begin with a dot (so no {@code ..}, no hidden files, no empty segment, no
 * backslash), and the name must end in a known type. Files read from the classpath are kept in
 * memory (the folder is small and fixed), so a repeat answer never touches the disk; every answer
 * carries an ETag and {@code Cache-Control: no-cache}, so a browser revalidates and gets a 304.
 * Callers run {@link #serve} off the event loop (the first read of a file is I/O).
 */
public final class StaticAssets implements StaticFiles {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    private static final int MAX_SEGMENTS = 6;
    private static final long MAX_FILE = 4L << 20;
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** One answer: 200 with a body, 304 without, or 308 to the canonical path. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        /** As a Netty answer (for a HEAD, the headers and length without the body). */
        public FullHttpResponse toNetty(boolean head) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
            headers.forEach((k, v) -> r.headers().set(k, v));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            HttpUtil.setContentLength(r, body.length);
            return r;
        }
    }

    private record Asset(byte[] body, String contentType, String etag) {
    }

    private final ClassLoader loader;
    private final Path directory;
    private final ConsoleHeaders security;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    private StaticAssets(ClassLoader loader, Path directory, ConsoleHeaders security) {
        this.loader = loader;
        this.directory = directory;
        this.security = security;
    }

    /** The assets built into the jar (classpath folder {@code web/}). */
    public static StaticAssets fromClasspath(ConsoleHeaders security) {
        return new StaticAssets(StaticAssets.class.getClassLoader(), null, security);
    }

    /**
     * The assets of a folder on disk, read on every request (for changing the front end without a
     * rebuild: point it at {@code server/src/main/resources/web}).
     */
    public static StaticAssets fromDirectory(Path directory, ConsoleHeaders security) {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("console assets folder not found: " + directory, e);
        }
        return new StaticAssets(null, real, security);
    }

    /** Whether a path is one of the console's (the router asks before it answers 404). */
    public static boolean owns(String path) {
        return path.equals("/") || path.equals("/m") || path.startsWith("/m/")
                || path.equals("/analyst") || path.equals("/analyst/")
                || path.equals("/replay") || path.startsWith("/replay/")
                || path.equals("/admin") || path.equals("/admin/")
                || path.equals("/flights") || path.equals("/flights/")
                || path.equals("/cases") || path.equals("/cases/")
                || path.equals("/dept") || path.equals("/dept/")
                || path.startsWith("/assets/") || path.startsWith("/i18n/") || path.equals("/favicon.ico");
    }

    @Override
    public Optional<FullHttpResponse> serve(String path, String ifNoneMatch, boolean head) {
        return owns(path) ? serve(path, ifNoneMatch).map(r -> r.toNetty(head)) : Optional.empty();
    }

    /** {@link #serve(String, String)} without a validator. */
    public Optional<Response> serve(String path) {
        return serve(path, null);
    }

    /**
     * The answer to a GET (or HEAD) of a decoded request path; empty when the path is not a console
     * asset or names no file (the caller answers 404).
     *
     * @param ifNoneMatch the request's If-None-Match header, or null
     */
    public Optional<Response> serve(String path, String ifNoneMatch) {
        if (path == null) {
            return Optional.empty();
        }
        if (path.equals("/m") || path.equals("/analyst") || path.equals("/replay") || path.equals("/admin")
                || path.equals("/flights") || path.equals("/cases") || path.equals("/dept")) {
            Map<String, String> h = new LinkedHashMap<>(security.asMap());
            h.put("Location", path + "/");
            return Optional.of(new Response(308, "text/plain; charset=utf-8", new byte[0], h));
        }
        Optional<String> name = resourceName(path);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Asset> asset = directory == null
                ? Optional.ofNullable(cache.computeIfAbsent(name.get(), this::loadResource))
                : loadFile(name.get());
        return asset.map(a -> answer(a, ifNoneMatch));
    }

    private Response answer(Asset a, String ifNoneMatch) {
        Map<String, String> h = new LinkedHashMap<>(security.asMap());
        h.put("ETag", a.etag());
        h.put("Cache-Control", "no-cache");
        if (ifNoneMatch != null && matches(ifNoneMatch, a.etag())) {
            return new Response(304, a.contentType(), new byte[0], h);
        }
        return new Response(200, a.contentType(), a.body(), h);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag) || c.equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** The file under {@code web/} that a path names, when the path is safe and of a known type. */
    static Optional<String> resourceName(String path) {
        String rel;
        if (path.equals("/")) {
            rel = "index.html";
        } else if (path.equals("/m/")) {
            rel = "m/index.html";
        } else if (path.equals("/analyst/")) {
            rel = "analyst/index.html";
        } else if (path.equals("/replay/")) {
            rel = "replay/index.html";
        } else if (path.equals("/admin/")) {
            rel = "admin/index.html";
        } else if (path.equals("/flights/")) {
            rel = "flights/index.html";
        } else if (path.equals("/cases/")) {
            rel = "cases/index.html";
        } else if (path.equals("/dept/")) {
            rel = "dept/index.html";
        } else if (path.equals("/favicon.ico")) {
            rel = "assets/favicon.svg";
        } else if (path.startsWith("/assets/") || path.startsWith("/i18n/")) {
            rel = path.substring(1);
        } else {
            return Optional.empty();
        }
        String[] segments = rel.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            return Optional.empty();
        }
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches()) {
                return Optional.empty();
            }
        }
        if (type(rel) == null) {
            return Optional.empty();
        }
        return Optional.of(rel);
    }

    private static String type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private Asset loadResource(String name) {
        try (InputStream in = loader.getResourceAsStream("web/" + name)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readNBytes((int) MAX_FILE + 1);
            if (body.length > MAX_FILE) {
                throw new IllegalStateException("console asset too large: web/" + name);
            }
            return asset(name, body);
        } catch (IOException e) {
            throw new UncheckedIOException("console asset unreadable: web/" + name, e);
        }
    }

    private Optional<Asset> loadFile(String name) {
        Path file = directory.resolve(name).normalize();
        try {
            if (!file.startsWith(directory) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !file.toRealPath().startsWith(directory) || Files.size(file) > MAX_FILE) {
                return Optional.empty();
            }
            return Optional.of(asset(name, Files.readAllBytes(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Asset asset(String name, byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            String etag = "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
            return new Asset(body, type(name), etag);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
