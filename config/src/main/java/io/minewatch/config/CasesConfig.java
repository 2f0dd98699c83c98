package io.minewatch.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The county's enforcement loop (issue 18): the authority catalogue, the townships' delegated lists,
 * patrol districts and teams, deadlines by level and the review checklist. YAML: top-level
 * {@code catalogue} (a CSV/YAML file and/or inline matters), {@code townships[].matters},
 * {@code districts[]} and {@code cases}.
 *
 * @param zone          the county's time zone: months and quarters of the statistics are read in it
 * @param matters       the catalogue, in file order
 * @param delegated     township id to the matter codes delegated to it
 * @param districts     patrol districts with their teams
 * @param deadlines     level (quick, tough, emergency) to its deadlines
 * @param checklist     the review checklist
 * @param passScore     a review passes with this score (0–100) or more and every required point met
 * @param maxPhotoBytes one on-site photo at most
 */
public record CasesConfig(
        ZoneId zone,
        List<MatterConfig> matters,
        Map<String, List<String>> delegated,
        List<DistrictConfig> districts,
        Map<String, CaseDeadlines> deadlines,
        List<ReviewItem> checklist,
        int passScore,
        long maxPhotoBytes) {

    /** Default deadlines: the least urgent level gives the most time. */
    public static final Map<String, CaseDeadlines> DEFAULT_DEADLINES = Map.of(
            "quick", new CaseDeadlines(Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3)),
            "tough", new CaseDeadlines(Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(1)),
            "emergency", new CaseDeadlines(Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofHours(4)));

    /** The default checklist of the county's legal office. */
    public static final List<ReviewItem> DEFAULT_CHECKLIST = List.of(
            new ReviewItem("intake", "立案信息完整（来源、时间、地点） / Intake complete: source, time, place", true),
            new ReviewItem("dispatch", "派遣及时（期限内到场） / Dispatched and on site in time", false),
            new ReviewItem("evidence", "现场记录含照片和车牌 / On-site record with photos and plates", true),
            new ReviewItem("matters", "事项认定准确（对照权责清单） / Matters identified against the catalogue", true),
            new ReviewItem("whistles", "吹哨事项已报到或已移交 / Whistled matters answered or referred", false),
            new ReviewItem("outcomes", "处理结果有据（文书编号、罚款金额） / Outcomes documented: notice, penalty", true),
            new ReviewItem("documents", "结案材料齐全 / Closing documents complete", false));

    public static final long DEFAULT_MAX_PHOTO_BYTES = 20L << 20;

    /** No catalogue, no districts, default deadlines and checklist, Asia/Shanghai. */
    public static final CasesConfig DEFAULT = new CasesConfig(ZoneId.of("Asia/Shanghai"), List.of(), Map.of(),
            List.of(), DEFAULT_DEADLINES, DEFAULT_CHECKLIST, 80, DEFAULT_MAX_PHOTO_BYTES);

    public CasesConfig {
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        matters = matters == null ? List.of() : List.copyOf(matters);
        delegated = delegated == null ? Map.of() : Map.copyOf(delegated);
        districts = districts == null ? List.of() : List.copyOf(districts);
        deadlines = deadlines == null || deadlines.isEmpty() ? DEFAULT_DEADLINES : Map.copyOf(deadlines);
        checklist = checklist == null || checklist.isEmpty() ? DEFAULT_CHECKLIST : List.copyOf(checklist);
        maxPhotoBytes = maxPhotoBytes <= 0 ? DEFAULT_MAX_PHOTO_BYTES : maxPhotoBytes;
    }

    /** The matter with this code, or null. */
    public MatterConfig matter(String code) {
        for (MatterConfig m : matters) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        return null;
    }

    /**
     * Who handles a matter in a township: {@value MatterConfig#TOWNSHIP} when townships own it or the
     * township's delegated list names it, else the owning department's id.
     */
    public String handler(String township, String code) {
        MatterConfig m = Objects.requireNonNull(matter(code), () -> "unknown matter " + code);
        if (m.townships() || delegated.getOrDefault(township, List.of()).contains(code)) {
            return MatterConfig.TOWNSHIP;
        }
        return m.owner();
    }

    /** The district a point lies in, or null. */
    public DistrictConfig districtAt(double lat, double lon) {
        for (DistrictConfig d : districts) {
            if (d.contains(lat, lon)) {
                return d;
            }
        }
        return null;
    }

    /** The team with this id and its district, or null. */
    public Map.Entry<DistrictConfig, TeamConfig> team(String id) {
        for (DistrictConfig d : districts) {
            for (TeamConfig t : d.teams()) {
                if (t.id().equals(id)) {
                    return Map.entry(d, t);
                }
            }
        }
        return null;
    }

    /** The teams an official is a member of (usually one). */
    public List<TeamConfig> teamsOf(String official) {
        return districts.stream().flatMap(d -> d.teams().stream())
                .filter(t -> t.members().contains(official)).toList();
    }

    /** The deadlines of a level (quick when unknown). */
    public CaseDeadlines deadlines(String level) {
        CaseDeadlines d = deadlines.get(level);
        return d != null ? d : deadlines.getOrDefault("quick", DEFAULT_DEADLINES.get("quick"));
    }
}
