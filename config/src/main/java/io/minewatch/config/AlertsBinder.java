package io.minewatch.config;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the alerting sections: {@code alerts}, {@code townships}, {@code departments},
 * {@code database}, and the sites' {@code officials} / {@code escalation} lists.
 */
final class AlertsBinder {
    static final List<String> KEYS = List.of("gap_s", "cooldown_s", "stationary_iou", "stationary_memory_s",
            "default_level", "levels", "deadlines_s", "max_escalations", "publish_snapshots", "stats_interval_s",
            "suppress");
    static final List<String> SUPPRESS_KEYS = List.of("cameras", "rules", "from", "to");
    static final List<String> TOWNSHIP_KEYS = List.of("id", "team", "authority", "matters");
    static final List<String> DEPARTMENT_KEYS = List.of("id", "name", "rules");
    static final List<String> DATABASE_KEYS = List.of("url", "username", "password", "schema");
    private static final double DAY_S = 86_400;

    private AlertsBinder() {
    }

    static AlertsConfig alerts(Section s, List<Section> townships, List<Section> departments,
            Set<String> officialIds)
            throws ConfigException {
        s.allowOnly(KEYS);
        double gap = seconds(s, "gap_s", 60, 1, DAY_S);
        double cooldown = seconds(s, "cooldown_s", 0, 0, DAY_S);
        double iou = s.number("stationary_iou", 0.7);
        if (!(iou > 0 && iou <= 1)) {
            throw s.error("stationary_iou", "must be > 0 and <= 1, got " + s.shown("stationary_iou"));
        }
        double memory = seconds(s, "stationary_memory_s", 3600, 0, 7 * DAY_S);
        String defaultLevel = level(s, "default_level", s.string("default_level", "quick"));
        Map<String, String> levels = new LinkedHashMap<>();
        Section lv = s.section("levels");
        for (String rule : lv.keys()) {
            levels.put(rule, level(lv, rule, lv.requiredString(rule)));
        }
        Map<String, Double> deadlines = new LinkedHashMap<>(AlertsConfig.DEFAULT_DEADLINES_S);
        Section dl = s.section("deadlines_s");
        dl.allowOnly(AlertsConfig.LEVELS);
        for (String level : dl.keys()) {
            deadlines.put(level, seconds(dl, level, 0, 0.1, 7 * DAY_S));
        }
        int maxEscalations = s.integer("max_escalations", 3);
        if (maxEscalations < 0 || maxEscalations > 100) {
            throw s.error("max_escalations", "must be 0..100, got " + s.shown("max_escalations"));
        }
        double stats = seconds(s, "stats_interval_s", 60, 0, DAY_S);
        return new AlertsConfig(gap, cooldown, iou, memory, defaultLevel, levels, deadlines, maxEscalations,
                s.bool("publish_snapshots", false), stats, suppress(s.list("suppress")),
                townships(townships, officialIds), departments(departments));
    }

    static SiteRouting routing(Section s, Set<String> officialIds) throws ConfigException {
        return new SiteRouting(officials(s, "officials", officialIds), officials(s, "escalation", officialIds));
    }

    static DatabaseConfig database(Section s, StorageConfig storage) throws ConfigException {
        s.allowOnly(DATABASE_KEYS);
        String url = s.string("url", null);
        if (url == null) {
            url = "jdbc:sqlite:" + storage.dir().resolve("minewatch.db");
        } else if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw s.error("url", "expected a jdbc:sqlite: or jdbc:postgresql: URL, got "
                    + (s.substituted("url") ? "(URL from the environment, not shown)" : Redact.text(s.shown("url"))));
        }
        String schema = s.string("schema", null);
        if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw s.error("schema", "schema must be lower-case letters, digits and _, got " + s.shown("schema"));
        }
        return new DatabaseConfig(url, s.string("username", null), s.string("password", null), schema);
    }

    private static List<String> officials(Section s, String key, Set<String> officialIds) throws ConfigException {
        List<String> ids = s.stringList(key);
        for (String id : ids) {
            if (!officialIds.contains(id)) {
                throw s.error(key, "unknown official \"" + id + "\" (defined officials: "
                        + (officialIds.isEmpty() ? "none" : String.join(", ", officialIds)) + ")");
            }
        }
        if (new LinkedHashSet<>(ids).size() != ids.size()) {
            throw s.error(key, "an official is named twice");
        }
        return ids;
    }

    private static List<TownshipConfig> townships(List<Section> list, Set<String> officialIds) throws ConfigException {
        List<TownshipConfig> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Section t : list) {
            out.add(township(t, seen, officialIds));
        }
        return out;
    }

    /** One {@code townships[]} entry; its id must not be in {@code seen} (to which it is added). */
    static TownshipConfig township(Section t, Set<String> seen, Set<String> officialIds) throws ConfigException {
        t.allowOnly(TOWNSHIP_KEYS);
        String id = t.requiredString("id");
        if (!seen.add(id)) {
            throw t.error("id", "duplicate township " + t.shown("id"));
        }
        return new TownshipConfig(id, officials(t, "team", officialIds), t.stringList("authority"));
    }

    private static List<DepartmentConfig> departments(List<Section> list) throws ConfigException {
        List<DepartmentConfig> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Section d : list) {
            d.allowOnly(DEPARTMENT_KEYS);
            String id = ConfigBinder.id(d, "id", "department", seen);
            out.add(new DepartmentConfig(id, d.string("name", id), d.stringList("rules")));
        }
        return out;
    }

    private static List<SuppressWindow> suppress(List<Section> items) throws ConfigException {
        List<SuppressWindow> out = new ArrayList<>();
        for (Section w : items) {
            w.allowOnly(SUPPRESS_KEYS);
            out.add(new SuppressWindow(w.stringList("cameras"), w.stringList("rules"), time(w, "from"), time(w, "to")));
        }
        return out;
    }

    private static LocalTime time(Section s, String key) throws ConfigException {
        String text = s.requiredString(key);
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw s.error(key, "expected a time of day HH:MM, got " + s.shown(key));
        }
    }

    private static String level(Section s, String key, String value) throws ConfigException {
        if (!AlertsConfig.LEVELS.contains(value)) {
            throw s.error(key, "unknown level " + s.shown(key) + " (expected one of: "
                    + String.join(", ", AlertsConfig.LEVELS) + ")");
        }
        return value;
    }

    private static double seconds(Section s, String key, double def, double min, double max) throws ConfigException {
        double v = s.number(key, def);
        if (!(v >= min && v <= max)) {
            throw s.error(key, "must be between " + min + " and " + max + " seconds, got " + s.shown(key));
        }
        return v;
    }
}
