package io.minewatch.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the parsed YAML tree into a validated {@link MinewatchConfig}: the top level, sites, officials, storage. */
final class ConfigBinder {
    static final List<String> TOP_KEYS = List.of("sites", "cameras", "officials", "mqtt", "storage", "http",
            "rtsp_server", "database", "alerts", "townships", "departments", "users", "flights", "rtmp", "drone_osd",
            "catalogue", "districts", "cases");
    static final List<String> SITE_KEYS = List.of("id", "name", "township", "lat", "lon", "timezone", "officials",
            "escalation", "boundary", "radius_m");
    static final List<String> OFFICIAL_KEYS = List.of("id", "name", "township", "secret", "role");
    static final List<String> STORAGE_KEYS = List.of("dir", "clips");

    /** Ids appear in MQTT topics and metric tags, so they are kept to a safe alphabet. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private ConfigBinder() {
    }

    /** Validates the whole document; {@code root} is null for an empty one. */
    static MinewatchConfig bind(YamlNode root, Path baseDir, Problems problems) throws ConfigException {
        Section top = Section.of(root, 1, "", problems);
        top.allowOnly(TOP_KEYS);
        List<OfficialConfig> officials = officials(top.list("officials"));
        Set<String> officialIds = new LinkedHashSet<>();
        officials.forEach(o -> officialIds.add(o.id()));
        List<SiteConfig> sites = sites(top.list("sites"), officialIds);
        Set<String> siteIds = new LinkedHashSet<>();
        sites.forEach(s -> siteIds.add(s.id()));
        List<CameraConfig> cameras = CameraBinder.cameras(top.list("cameras"), siteIds, baseDir);
        MqttConfig mqtt = MqttBinder.mqtt(top.section("mqtt"));
        RtspServerConfig rtspServer = IngestBinder.server(top);
        if (rtspServer == null) {
            List<Section> items = top.list("cameras");
            for (int i = 0; i < cameras.size(); i++) {
                if (cameras.get(i).isPushed() && cameras.get(i).enabled()) {
                    throw items.get(i).error("detect", "detect: push needs the rtsp_server section");
                }
            }
        }
        RtmpConfig rtmp = RtmpBinder.rtmp(top);
        DroneOsdConfig droneOsd = RtmpBinder.osd(top);
        checkRtmpAndDrones(top.list("cameras"), cameras, rtmp);
        StorageConfig storage = storage(top.section("storage"), baseDir);
        DatabaseConfig database = AlertsBinder.database(top.section("database"), storage);
        AlertsConfig alerts = AlertsBinder.alerts(top.section("alerts"), top.list("townships"),
                top.list("departments"), officialIds);
        List<UserConfig> users = UsersBinder.users(top.list("users"), new LinkedHashSet<>(officialIds));
        checkDepartments(top.list("users"), users, alerts);
        FlightsConfig flights = FlightsBinder.flights(top.section("flights"), storage, baseDir);
        CasesConfig cases = CasesBinder.cases(top, baseDir, alerts, officialIds);
        return new MinewatchConfig(sites, cameras, officials, mqtt, storage,
                HttpBinder.http(top.section("http"), baseDir), rtspServer, database, alerts, users, flights, rtmp,
                droneOsd, cases);
    }

    /** A {@code department} user names a known {@code departments[]} id. */
    private static void checkDepartments(List<Section> items, List<UserConfig> users, AlertsConfig alerts)
            throws ConfigException {
        Set<String> known = CatalogueFile.departments(alerts);
        for (int i = 0; i < users.size(); i++) {
            String d = users.get(i).department();
            if (d != null && !known.contains(d)) {
                throw items.get(i).error("department", "unknown department " + items.get(i).shown("department")
                        + " (departments: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
    }

    /** An enabled {@code detect: rtmp} camera needs an enabled rtmp section; a drone serial belongs to one camera. */
    private static void checkRtmpAndDrones(List<Section> items, List<CameraConfig> cameras, RtmpConfig rtmp)
            throws ConfigException {
        Set<String> serials = new LinkedHashSet<>();
        for (int i = 0; i < cameras.size(); i++) {
            CameraConfig c = cameras.get(i);
            if (c.isRtmp() && c.enabled() && (rtmp == null || !rtmp.enabled())) {
                throw items.get(i).error("detect", "detect: rtmp needs the rtmp section (enabled)");
            }
            if (c.droneSn() != null && !serials.add(c.droneSn())) {
                throw items.get(i).error("drone_sn", "drone serial " + c.droneSn() + " is already given to another camera");
            }
        }
    }

    /**
     * The id under {@code key}: present, in the id alphabet, and not already in {@code seen}
     * (to which it is added). {@code what} names the kind of id in messages, e.g. "camera".
     */
    static String id(Section s, String key, String what, Set<String> seen) throws ConfigException {
        String id = s.requiredString(key);
        if (!ID.matcher(id).matches()) {
            throw s.error(key, "invalid " + what + " id " + s.shown(key)
                    + " (1 to 64 letters, digits, '_' or '-', starting with a letter or digit)");
        }
        if (!seen.add(id)) {
            throw s.error(key, "duplicate " + what + " id " + s.shown(key));
        }
        return id;
    }

    private static List<SiteConfig> sites(List<Section> items, Set<String> officialIds) throws ConfigException {
        List<SiteConfig> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Section s : items) {
            out.add(site(s, seen, officialIds));
        }
        return out;
    }

    /** One {@code sites[]} entry; its id must not be in {@code seen} (to which it is added). */
    static SiteConfig site(Section s, Set<String> seen, Set<String> officialIds) throws ConfigException {
        s.allowOnly(SITE_KEYS);
        String id = id(s, "id", "site", seen);
        double lat = s.number("lat", null);
        if (!(lat >= -90 && lat <= 90)) {
            throw s.error("lat", "latitude must be between -90 and 90, got " + s.shown("lat"));
        }
        double lon = s.number("lon", null);
        if (!(lon >= -180 && lon <= 180)) {
            throw s.error("lon", "longitude must be between -180 and 180, got " + s.shown("lon"));
        }
        return new SiteConfig(id, s.string("name", id), s.string("township", ""), lat, lon, zone(s),
                AlertsBinder.routing(s, officialIds), SiteBounds.boundary(s), SiteBounds.radius(s));
    }

    private static java.time.ZoneId zone(Section s) throws ConfigException {
        String tz = s.nonBlank("timezone", null);
        if (tz == null) {
            return null;
        }
        try {
            return java.time.ZoneId.of(tz);
        } catch (java.time.DateTimeException e) {
            throw s.error("timezone", "unknown time zone " + s.shown("timezone") + " (an IANA name such as Asia/Shanghai)");
        }
    }

    private static List<OfficialConfig> officials(List<Section> items) throws ConfigException {
        List<OfficialConfig> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Section s : items) {
            out.add(official(s, seen));
        }
        return out;
    }

    /** One {@code officials[]} entry; its id must not be in {@code seen} (to which it is added). */
    static OfficialConfig official(Section s, Set<String> seen) throws ConfigException {
        s.allowOnly(OFFICIAL_KEYS);
        String id = id(s, "id", "official", seen);
        String role = s.string("role", OfficialConfig.ROLE_OFFICIAL);
        if (!role.equals(OfficialConfig.ROLE_OFFICIAL) && !role.equals(OfficialConfig.ROLE_COMMAND)) {
            throw s.error("role", "unknown role " + s.shown("role") + " (expected official or command)");
        }
        // The secret is read but never shown, checked or echoed.
        return new OfficialConfig(id, s.string("name", id), s.string("township", ""), s.string("secret", null),
                role);
    }

    private static StorageConfig storage(Section s, Path baseDir) throws ConfigException {
        s.allowOnly(STORAGE_KEYS);
        return new StorageConfig(resolve(s, "dir", s.nonBlank("dir", "data"), baseDir),
                s.has("clips") ? ClipsBinder.clips(s.section("clips")) : ClipsConfig.DEFAULT);
    }

    /** The path under the key resolved against the config file's folder, absolute and normalised. */
    static Path resolve(Section s, String key, String value, Path baseDir) throws ConfigException {
        try {
            return baseDir.resolve(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw s.error(key, "not a valid path: " + Problems.oneLine(e.getReason()));
        }
    }
}
