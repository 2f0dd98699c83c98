package io.minewatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validates the {@code cameras} list: ids, site references, sources, rates and sizes. */
final class CameraBinder {
    static final List<String> KEYS = List.of("id", "site", "detect", "record", "fps", "width", "height",
            "enabled", "realtime", "loop", "detection", "ingest", "drone_sn");
    /** A drone serial number goes into an MQTT topic: no wildcards or separators. */
    private static final java.util.regex.Pattern SERIAL = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> SCHEMES = Set.of("rtsp", "rtsps");

    private CameraBinder() {
    }

    static List<CameraConfig> cameras(List<Section> items, Set<String> siteIds, Path baseDir)
            throws ConfigException {
        List<CameraConfig> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Section s : items) {
            out.add(camera(s, siteIds, seen, baseDir));
        }
        return out;
    }

    static CameraConfig camera(Section s, Set<String> siteIds, Set<String> seen, Path baseDir)
            throws ConfigException {
        s.allowOnly(KEYS);
        String id = ConfigBinder.id(s, "id", "camera", seen);
        String site = s.requiredString("site");
        if (!siteIds.contains(site)) {
            throw s.error("site", "unknown site " + s.shown("site") + " (defined sites: "
                    + (siteIds.isEmpty() ? "none" : String.join(", ", siteIds)) + ")");
        }
        boolean enabled = s.bool("enabled", true);
        String detect = source(s, "detect", s.requiredString("detect"), id, enabled, baseDir);
        String recordValue = s.string("record", null);
        String record = recordValue == null ? null : source(s, "record", recordValue, id, enabled, baseDir);
        double fps = s.number("fps", 5.0);
        if (!(fps > 0 && fps <= 60)) {
            throw s.error("fps", "fps must be > 0 and <= 60, got " + s.shown("fps"));
        }
        int width = s.integer("width", 0);
        if (width != 0 && (width < 16 || width > 7680)) {
            throw s.error("width", "width must be 0 (keep the source's) or 16..7680, got " + s.shown("width"));
        }
        int height = s.integer("height", 0);
        if (height != 0 && (height < 16 || height > 4320)) {
            throw s.error("height", "height must be 0 (keep the source's) or 16..4320, got " + s.shown("height"));
        }
        String droneSn = s.nonBlank("drone_sn", null);
        if (droneSn != null && !SERIAL.matcher(droneSn).matches()) {
            throw s.error("drone_sn", "invalid drone serial number " + s.shown("drone_sn")
                    + " (1 to 64 letters, digits, '_' or '-')");
        }
        return new CameraConfig(id, site, detect, record, fps, width, height, enabled,
                s.bool("realtime", true), s.bool("loop", false), DetectBinder.detection(s.section("detection")),
                IngestBinder.ingest(s.section("ingest")), droneSn);
    }

    /**
     * A detect or record source: an rtsp(s) URL, kept as written, or a file path, resolved against the
     * config file's folder and, for an enabled camera, required to be an existing regular file.
     */
    private static String source(Section s, String key, String value, String cameraId, boolean enabled, Path baseDir)
            throws ConfigException {
        if (value.isBlank()) {
            throw s.error(key, "must not be blank");
        }
        boolean secret = s.substituted(key);
        if (key.equals("detect") && (value.equals(CameraConfig.PUSH) || value.equals(CameraConfig.RTMP))) {
            return value;
        }
        if (value.contains("://")) {
            checkUrl(s, key, value, secret);
            return value;
        }
        Path path = ConfigBinder.resolve(s, key, value, baseDir);
        if (enabled && !Files.isRegularFile(path)) {
            String what = Files.exists(path) ? "not a regular file" : "file not found";
            throw s.error(key, what + (secret ? " (path from the environment, not shown)" : ": " + path)
                    + " (camera \"" + cameraId + "\")");
        }
        return path.toString();
    }

    private static void checkUrl(Section s, String key, String value, boolean secret) throws ConfigException {
        String shown = secret ? "(URL from the environment, not shown)" : Problems.quote(value);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw s.error(key, "not a valid URL (" + e.getReason() + " at index " + e.getIndex() + "): " + shown);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw s.error(key, "unsupported URL scheme \"" + Problems.oneLine(scheme)
                    + "\" (expected rtsp or rtsps, or a file path): " + shown);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw s.error(key, "URL has no valid host: " + shown);
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw s.error(key, "URL port must be between 1 and 65535: " + shown);
        }
    }
}
