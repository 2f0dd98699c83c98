package io.minewatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the case loop's sections (issue 18): {@code catalogue} ({@code file} and/or inline
 * {@code matters}), {@code townships[].matters}, {@code districts[]} and {@code cases}.
 */
final class CasesBinder {
    static final List<String> CATALOGUE_KEYS = List.of("file", "matters");
    static final List<String> DISTRICT_KEYS = List.of("id", "name", "township", "boundary", "teams");
    static final List<String> TEAM_KEYS = List.of("id", "name", "members");
    static final List<String> CASES_KEYS = List.of("zone", "deadlines", "review", "max_photo_mb");
    static final List<String> DEADLINE_KEYS = List.of("on_site_min", "whistle_ack_min", "whistle_report_min");
    static final List<String> REVIEW_KEYS = List.of("pass_score", "checklist");
    static final List<String> ITEM_KEYS = List.of("id", "text", "required");
    /** Deadlines are minutes to 30 days. */
    static final int MAX_MINUTES = 30 * 24 * 60;
    static final int MAX_PHOTO_MB = 100;

    private CasesBinder() {
    }

    static CasesConfig cases(Section top, Path baseDir, AlertsConfig alerts, Set<String> officialIds)
            throws ConfigException {
        Set<String> townshipIds = new LinkedHashSet<>();
        alerts.townships().forEach(t -> townshipIds.add(t.id()));
        CatalogueFile.Known known = new CatalogueFile.Known(CatalogueFile.departments(alerts),
                CatalogueFile.rules(alerts), townshipIds);
        Section cat = top.section("catalogue");
        cat.allowOnly(CATALOGUE_KEYS);
        List<MatterConfig> matters = new ArrayList<>();
        Map<String, List<String>> delegated = new LinkedHashMap<>();
        String file = cat.nonBlank("file", null);
        if (file != null) {
            CatalogueFile.Contents contents = CatalogueFile.read(ConfigBinder.resolve(cat, "file", file, baseDir), known);
            matters.addAll(contents.matters());
            delegated.putAll(contents.delegated());
        }
        Set<String> fileCodes = CatalogueFile.codes(matters);
        List<Section> inline = cat.list("matters");
        List<MatterConfig> more = CatalogueFile.matters(inline, known);
        for (int i = 0; i < more.size(); i++) {
            if (fileCodes.contains(more.get(i).code())) {
                throw inline.get(i).error("code", "matter " + more.get(i).code() + " is already in " + file);
            }
        }
        matters.addAll(more);
        Set<String> codes = CatalogueFile.codes(matters);
        for (Section t : top.list("townships")) {
            List<String> list = t.stringList("matters");
            for (String code : list) {
                if (!codes.contains(code)) {
                    throw t.error("matters", "unknown matter \"" + code + "\" (not in the catalogue)");
                }
            }
            if (!list.isEmpty()) {
                Set<String> merged = new LinkedHashSet<>(delegated.getOrDefault(t.requiredString("id"), List.of()));
                merged.addAll(list);
                delegated.put(t.requiredString("id"), List.copyOf(merged));
            }
        }
        List<DistrictConfig> districts = districts(top.list("districts"), townshipIds, officialIds);
        Section s = top.section("cases");
        s.allowOnly(CASES_KEYS);
        Section review = s.section("review");
        review.allowOnly(REVIEW_KEYS);
        int passScore = review.integer("pass_score", 80);
        if (passScore < 0 || passScore > 100) {
            throw review.error("pass_score", "must be 0..100, got " + review.shown("pass_score"));
        }
        int photoMb = s.integer("max_photo_mb", (int) (CasesConfig.DEFAULT_MAX_PHOTO_BYTES >> 20));
        if (photoMb < 1 || photoMb > MAX_PHOTO_MB) {
            throw s.error("max_photo_mb", "must be 1.." + MAX_PHOTO_MB + ", got " + s.shown("max_photo_mb"));
        }
        return new CasesConfig(zone(s), matters, delegated, districts, deadlines(s.section("deadlines")),
                checklist(review.list("checklist")), passScore, (long) photoMb << 20);
    }

    private static ZoneId zone(Section s) throws ConfigException {
        String tz = s.nonBlank("zone", "Asia/Shanghai");
        try {
            return ZoneId.of(tz);
        } catch (java.time.DateTimeException e) {
            throw s.error("zone", "unknown time zone " + s.shown("zone") + " (an IANA name such as Asia/Shanghai)");
        }
    }

    private static Map<String, CaseDeadlines> deadlines(Section s) throws ConfigException {
        s.allowOnly(AlertsConfig.LEVELS);
        Map<String, CaseDeadlines> out = new LinkedHashMap<>(CasesConfig.DEFAULT_DEADLINES);
        for (String level : s.keys()) {
            Section d = s.section(level);
            d.allowOnly(DEADLINE_KEYS);
            CaseDeadlines def = CasesConfig.DEFAULT_DEADLINES.get(level);
            out.put(level, new CaseDeadlines(minutes(d, "on_site_min", def.onSite()),
                    minutes(d, "whistle_ack_min", def.whistleAck()),
                    minutes(d, "whistle_report_min", def.whistleReport())));
        }
        return out;
    }

    private static Duration minutes(Section d, String key, Duration def) throws ConfigException {
        int m = d.integer(key, (int) def.toMinutes());
        if (m < 1 || m > MAX_MINUTES) {
            throw d.error(key, "must be 1.." + MAX_MINUTES + " minutes, got " + d.shown(key));
        }
        return Duration.ofMinutes(m);
    }

    private static List<ReviewItem> checklist(List<Section> items) throws ConfigException {
        List<ReviewItem> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Section i : items) {
            i.allowOnly(ITEM_KEYS);
            String id = ConfigBinder.id(i, "id", "checklist point", seen);
            out.add(new ReviewItem(id, i.nonBlank("text", id), i.bool("required", false)));
        }
        return out;
    }

    private static List<DistrictConfig> districts(List<Section> items, Set<String> townships, Set<String> officialIds)
            throws ConfigException {
        List<DistrictConfig> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> teamIds = new LinkedHashSet<>();
        for (Section d : items) {
            out.add(district(d, seen, teamIds, townships, officialIds));
        }
        return out;
    }

    /**
     * One {@code districts[]} item (also a district registered at run time, see {@link RegistryBinder#district}).
     *
     * @param seen    district ids already taken (this one is added)
     * @param teamIds team ids already taken in any district (this one's are added)
     */
    static DistrictConfig district(Section d, Set<String> seen, Set<String> teamIds, Set<String> townships,
                                   Set<String> officialIds) throws ConfigException {
        d.allowOnly(DISTRICT_KEYS);
        String id = ConfigBinder.id(d, "id", "district", seen);
        String township = d.requiredString("township");
        if (!townships.contains(township)) {
            throw d.error("township", "unknown township " + d.shown("township") + " (not in townships[])");
        }
        List<LatLon> boundary = SiteBounds.boundary(d);
        if (boundary.isEmpty()) {
            throw d.error("boundary", "a district needs its boundary [[lat, lon], ...] (at least 3 corners)");
        }
        List<TeamConfig> teams = new ArrayList<>();
        for (Section t : d.list("teams")) {
            t.allowOnly(TEAM_KEYS);
            String teamId = ConfigBinder.id(t, "id", "team", teamIds);
            List<String> members = t.stringList("members");
            for (String m : members) {
                if (!officialIds.contains(m)) {
                    throw t.error("members", "unknown official \"" + m + "\" (not in officials[])");
                }
            }
            teams.add(new TeamConfig(teamId, t.nonBlank("name", teamId), members));
        }
        return new DistrictConfig(id, d.nonBlank("name", id), township, boundary, teams);
    }
}
