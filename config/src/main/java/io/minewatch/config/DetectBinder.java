package io.minewatch.config;

import io.minewatch.config.DetectSettings.GroundConfig;
import io.minewatch.config.DetectSettings.MotionConfig;
import io.minewatch.config.DetectSettings.OverlayConfig;
import io.minewatch.config.DetectSettings.RuleConfig;
import io.minewatch.config.DetectSettings.TimeWindow;
import io.minewatch.config.DetectSettings.ZoneConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates a camera's {@code detection} section: model, motion, zones, schedules, rules, tamper. */
final class DetectBinder {
    static final List<String> KEYS = List.of("model", "full_frame_every_s", "motion", "zones", "schedules",
            "rules", "tamper", "decode_threads", "overlay");
    static final List<String> OVERLAY_KEYS = List.of("enabled", "drop_coverage", "warmup_s", "refresh_s");
    static final List<String> MOTION_KEYS = List.of("threshold", "min_area");
    static final List<String> ZONE_KEYS = List.of("name", "kind", "points");
    static final List<String> RULE_KEYS = List.of("type", "zones", "schedule", "minutes", "count", "share",
            "observations", "hours", "sample_minutes", "band_hours", "reference_frames", "cooldown_hours",
            "reference_days");
    /** Keys only {@code ground_change} takes. */
    static final List<String> GROUND_KEYS = RULE_KEYS.subList(5, RULE_KEYS.size());
    /** Zone kinds {@code ground_change} watches. */
    static final List<String> GROUND_KINDS = List.of("pit", "stockpile", "riverbank");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
    /** Bounds what a config can make each frame cost. */
    private static final int MAX_ZONES = 32;
    private static final int MAX_POINTS = 64;

    private DetectBinder() {
    }

    static DetectSettings detection(Section s) throws ConfigException {
        s.allowOnly(KEYS);
        String model = s.nonBlank("model", null);
        if (model != null && !NAME.matcher(model).matches()) {
            throw s.error("model", "a model card name (a folder under the models directory), got " + s.shown("model"));
        }
        double every = s.number("full_frame_every_s", 10.0);
        if (!(every >= 1 && every <= 3600)) {
            throw s.error("full_frame_every_s", "must be 1..3600 seconds, got " + s.shown("full_frame_every_s"));
        }
        MotionConfig motion = motion(s.section("motion"));
        List<ZoneConfig> zones = zones(s);
        Map<String, List<TimeWindow>> schedules = schedules(s);
        List<RuleConfig> rules = rules(s, zones, schedules);
        int threads = s.integer("decode_threads", 1);
        if (threads < 1 || threads > 16) {
            throw s.error("decode_threads", "must be 1..16, got " + s.shown("decode_threads"));
        }
        return new DetectSettings(model, every, motion, zones, schedules, rules, s.bool("tamper", true), threads,
                overlay(s.section("overlay")));
    }

    private static OverlayConfig overlay(Section s) throws ConfigException {
        s.allowOnly(OVERLAY_KEYS);
        OverlayConfig d = OverlayConfig.DEFAULT;
        boolean enabled = s.bool("enabled", d.enabled());
        double coverage = s.number("drop_coverage", d.dropCoverage());
        if (!(coverage > 0 && coverage <= 1)) {
            throw s.error("drop_coverage", "must be a share of a detection's box in (0, 1], got "
                    + s.shown("drop_coverage"));
        }
        double warmup = s.number("warmup_s", d.warmupS());
        if (!(warmup >= 2 && warmup <= 3600)) {
            throw s.error("warmup_s", "must be 2..3600 seconds of stream time, got " + s.shown("warmup_s"));
        }
        double refresh = s.number("refresh_s", d.refreshS());
        if (!(refresh >= 1 && refresh <= 3600)) {
            throw s.error("refresh_s", "must be 1..3600 seconds of stream time, got " + s.shown("refresh_s"));
        }
        return new OverlayConfig(enabled, coverage, warmup, refresh);
    }

    private static MotionConfig motion(Section s) throws ConfigException {
        s.allowOnly(MOTION_KEYS);
        int threshold = s.integer("threshold", MotionConfig.DEFAULT.threshold());
        if (threshold < 1 || threshold > 255) {
            throw s.error("threshold", "must be 1..255 grey levels, got " + s.shown("threshold"));
        }
        double minArea = s.number("min_area", MotionConfig.DEFAULT.minArea());
        if (!(minArea > 0 && minArea < 1)) {
            throw s.error("min_area", "must be a share of the frame in (0, 1), got " + s.shown("min_area"));
        }
        return new MotionConfig(threshold, minArea);
    }

    private static List<ZoneConfig> zones(Section parent) throws ConfigException {
        List<Section> items = parent.list("zones");
        if (items.size() > MAX_ZONES) {
            throw parent.error("zones", "at most " + MAX_ZONES + " zones per camera, got " + items.size());
        }
        List<ZoneConfig> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Section z : items) {
            z.allowOnly(ZONE_KEYS);
            String name = name(z, "name");
            if (!names.add(name)) {
                throw z.error("name", "duplicate zone name " + z.shown("name"));
            }
            String kind = z.requiredString("kind");
            if (!ZoneConfig.KINDS.contains(kind)) {
                throw z.error("kind", "unknown zone kind " + z.shown("kind") + " (expected one of: "
                        + String.join(", ", ZoneConfig.KINDS) + ")");
            }
            out.add(new ZoneConfig(name, kind, points(z)));
        }
        return out;
    }

    private static List<double[]> points(Section z) throws ConfigException {
        YamlNode node = z.node("points");
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw z.error("points", node == null ? "required key is missing"
                    : "expected a list of [x, y] pairs, found " + node.kind());
        }
        if (seq.items().size() < 3 || seq.items().size() > MAX_POINTS) {
            throw z.error("points", "a polygon needs 3.." + MAX_POINTS + " points, got " + seq.items().size());
        }
        List<double[]> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            String path = z.pathOf("points") + "[" + out.size() + "]";
            if (!(item instanceof YamlNode.Sequence pair) || pair.items().size() != 2) {
                throw z.problems().at(item.line(), path, "expected [x, y], found " + item.kind());
            }
            double[] p = new double[2];
            for (int i = 0; i < 2; i++) {
                if (!(pair.items().get(i) instanceof YamlNode.Scalar sc) || sc.number() == null
                        || !(sc.number().doubleValue() >= 0 && sc.number().doubleValue() <= 1)) {
                    throw z.problems().at(item.line(), path,
                            "coordinates are shares of the frame's width and height, 0..1");
                }
                p[i] = sc.number().doubleValue();
            }
            out.add(p);
        }
        return out;
    }

    private static Map<String, List<TimeWindow>> schedules(Section parent) throws ConfigException {
        Section s = parent.section("schedules");
        Map<String, List<TimeWindow>> out = new LinkedHashMap<>();
        for (String name : s.keys()) {
            if (!NAME.matcher(name).matches()) {
                throw s.error(name, "invalid schedule name");
            }
            YamlNode node = s.node(name);
            if (!(node instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
                throw s.error(name, "expected a list of windows such as \"20:00-06:00\"");
            }
            List<TimeWindow> windows = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                Matcher m = item instanceof YamlNode.Scalar sc ? WINDOW.matcher(sc.text().strip()) : null;
                if (m == null || !m.matches()) {
                    throw s.problems().at(item.line(), s.pathOf(name) + "[" + windows.size() + "]",
                            "expected a window HH:MM-HH:MM in the site's time zone, e.g. \"20:00-06:00\"");
                }
                int start = minute(m.group(1), m.group(2));
                int end = minute(m.group(3), m.group(4));
                if (start < 0 || end < 0 || start == end) {
                    throw s.problems().at(item.line(), s.pathOf(name) + "[" + windows.size() + "]",
                            "hours 0..24, minutes 0..59, and start must differ from end");
                }
                windows.add(new TimeWindow(start, end));
            }
            out.put(name, List.copyOf(windows));
        }
        return out;
    }

    private static int minute(String h, String m) {
        int hh = Integer.parseInt(h);
        int mm = Integer.parseInt(m);
        if (hh > 24 || mm > 59 || hh == 24 && mm != 0) {
            return -1;
        }
        return (hh * 60 + mm) % 1440;
    }

    private static List<RuleConfig> rules(Section parent, List<ZoneConfig> zones,
                                          Map<String, List<TimeWindow>> schedules) throws ConfigException {
        List<RuleConfig> out = new ArrayList<>();
        Set<String> zoneNames = new LinkedHashSet<>();
        zones.forEach(z -> zoneNames.add(z.name()));
        for (Section r : parent.list("rules")) {
            r.allowOnly(RULE_KEYS);
            String type = r.requiredString("type");
            if (!RuleConfig.TYPES.contains(type)) {
                throw r.error("type", "unknown rule " + r.shown("type") + " (expected one of: "
                        + String.join(", ", RuleConfig.TYPES) + "; heavy_vehicle always runs)");
            }
            List<String> ruleZones = new ArrayList<>();
            YamlNode zn = r.node("zones");
            if (zn != null && !(zn instanceof YamlNode.Scalar sc && sc.type() == YamlNode.Type.NULL)) {
                if (!(zn instanceof YamlNode.Sequence seq)) {
                    throw r.error("zones", "expected a list of zone names, found " + zn.kind());
                }
                for (YamlNode item : seq.items()) {
                    String name = item instanceof YamlNode.Scalar sc ? sc.text() : null;
                    if (name == null || !zoneNames.contains(name)) {
                        throw r.problems().at(item.line(), r.pathOf("zones") + "[" + ruleZones.size() + "]",
                                "unknown zone (defined zones: " + (zoneNames.isEmpty() ? "none"
                                        : String.join(", ", zoneNames)) + ")");
                    }
                    ruleZones.add(name);
                }
            }
            String schedule = r.nonBlank("schedule", null);
            if (schedule != null && !schedules.containsKey(schedule)) {
                throw r.error("schedule", "unknown schedule " + r.shown("schedule") + " (defined: "
                        + (schedules.isEmpty() ? "none" : String.join(", ", schedules.keySet())) + ")");
            }
            double defMinutes = "dwell".equals(type) ? 5 : 30;
            double minutes = r.number("minutes", defMinutes);
            if (!(minutes > 0 && minutes <= 24 * 60)) {
                throw r.error("minutes", "must be > 0 and at most 1440, got " + r.shown("minutes"));
            }
            int count = r.integer("count", 3);
            if (count < 1 || count > 10_000) {
                throw r.error("count", "must be 1..10000, got " + r.shown("count"));
            }
            GroundConfig ground = GroundConfig.DEFAULT;
            if ("ground_change".equals(type)) {
                ground = ground(r);
                if (ruleZones.isEmpty() && zones.stream().noneMatch(z -> GROUND_KINDS.contains(z.kind()))) {
                    throw r.error("type", "ground_change needs a pit, stockpile or riverbank zone on this camera");
                }
                for (ZoneConfig z : zones) {
                    if (ruleZones.contains(z.name()) && !GROUND_KINDS.contains(z.kind())) {
                        throw r.error("zones", "ground_change watches pit, stockpile and riverbank zones; "
                                + z.name() + " is a " + z.kind() + " zone");
                    }
                }
            } else {
                for (String k : GROUND_KEYS) {
                    if (r.has(k)) {
                        throw r.error(k, "only a ground_change rule takes " + k + " (this rule is " + type + ")");
                    }
                }
            }
            out.add(new RuleConfig(type, ruleZones, schedule, minutes, count, ground));
        }
        return out;
    }

    /** The ground_change keys, each bounded so that a config cannot make the rule useless or costly. */
    private static GroundConfig ground(Section r) throws ConfigException {
        GroundConfig d = GroundConfig.DEFAULT;
        double share = r.number("share", d.share());
        if (!(share >= 0.02 && share <= 1)) {
            throw r.error("share", "must be a share of the zone in 0.02..1, got " + r.shown("share"));
        }
        int observations = r.integer("observations", d.observations());
        if (observations < 2 || observations > 1000) {
            throw r.error("observations", "must be 2..1000, got " + r.shown("observations"));
        }
        double hours = r.number("hours", d.hours());
        if (!(hours >= 0 && hours <= 24 * 30)) {
            throw r.error("hours", "must be 0..720 hours, got " + r.shown("hours"));
        }
        double sample = r.number("sample_minutes", d.sampleMinutes());
        if (!(sample >= 1 && sample <= 24 * 60)) {
            throw r.error("sample_minutes", "must be 1..1440 minutes, got " + r.shown("sample_minutes"));
        }
        int band = r.integer("band_hours", d.bandHours());
        if (band < 1 || band > 24 || 24 % band != 0) {
            throw r.error("band_hours", "must divide the day: 1, 2, 3, 4, 6, 8, 12 or 24, got " + r.shown("band_hours"));
        }
        int refs = r.integer("reference_frames", d.referenceFrames());
        if (refs < 2 || refs > 32) {
            throw r.error("reference_frames", "must be 2..32, got " + r.shown("reference_frames"));
        }
        double cooldown = r.number("cooldown_hours", d.cooldownHours());
        if (!(cooldown >= 0 && cooldown <= 24 * 365)) {
            throw r.error("cooldown_hours", "must be 0..8760 hours, got " + r.shown("cooldown_hours"));
        }
        double days = r.number("reference_days", d.referenceDays());
        if (!(days >= 1 && days <= 365)) {
            throw r.error("reference_days", "must be 1..365 days, got " + r.shown("reference_days"));
        }
        if (observations * sample > hours * 60 + 24 * 60 * 30) {
            throw r.error("observations", observations + " observations " + sample
                    + " minutes apart cannot fit in a month");
        }
        return new GroundConfig(share, observations, hours, sample, band, refs, cooldown, days);
    }

    private static String name(Section s, String key) throws ConfigException {
        String name = s.requiredString(key);
        if (!NAME.matcher(name).matches()) {
            throw s.error(key, "invalid name " + s.shown(key) + " (1 to 64 letters, digits, '_', '.' or '-')");
        }
        return name;
    }
}
