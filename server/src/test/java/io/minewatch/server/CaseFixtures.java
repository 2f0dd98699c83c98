package io.minewatch.server;

import io.minewatch.config.CasesConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.LatLon;
import io.minewatch.config.MatterConfig;
import io.minewatch.config.TeamConfig;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The case loop's configuration for the server tests: township Xinhe split into a north and a south
 * district (squares on the ground) with their teams, and the three matters of the night-lorries story —
 * sand dug from farmland (the township's), an overloaded lorry (transport's) and an altered truck body
 * (the traffic police's), the last two whistled at {@code tough}.
 */
final class CaseFixtures {
    static final String TOWNSHIP = "Xinhe";
    /** A point on the road in the north district. */
    static final double NORTH_LAT = 30.65;
    static final double NORTH_LON = 114.35;
    /** A point in the south district. */
    static final double SOUTH_LAT = 30.55;
    static final double SOUTH_LON = 114.35;

    static final String FARMLAND = "sand-farmland";
    static final String OVERLOAD = "overload";
    static final String ALTERED = "altered-body";

    private CaseFixtures() {
    }

    /**
     * @param northMembers the officials of the north district's first team
     * @param southMembers the officials of the south district's team
     */
    static CasesConfig cases(List<String> northMembers, List<String> southMembers, long maxPhotoBytes) {
        List<MatterConfig> matters = List.of(
                new MatterConfig(FARMLAND, "非法占用农用地采砂 / Sand dug from farmland", MatterConfig.TOWNSHIP, "quick",
                        List.of("heavy_vehicle")),
                new MatterConfig(OVERLOAD, "货车超限超载 / Overloaded lorry", "transport", "tough",
                        List.of("heavy_vehicle")),
                new MatterConfig(ALTERED, "非法改装车厢 / Altered truck body", "traffic-police", "tough", List.of()));
        DistrictConfig north = new DistrictConfig("north", "北片区", TOWNSHIP, square(30.60, 30.70),
                List.of(new TeamConfig("north-1", "北片一队", northMembers), new TeamConfig("north-2", "北片二队", List.of())));
        DistrictConfig south = new DistrictConfig("south", "南片区", TOWNSHIP, square(30.50, 30.60),
                List.of(new TeamConfig("south-1", "南片一队", southMembers)));
        return new CasesConfig(ZoneId.of("Asia/Shanghai"), matters, Map.of(TOWNSHIP, List.of()), List.of(north, south),
                CasesConfig.DEFAULT_DEADLINES, CasesConfig.DEFAULT_CHECKLIST, 80, maxPhotoBytes);
    }

    private static List<LatLon> square(double fromLat, double toLat) {
        return List.of(new LatLon(fromLat, 114.30), new LatLon(fromLat, 114.40), new LatLon(toLat, 114.40),
                new LatLon(toLat, 114.30));
    }

    /** The YAML of the departments the matters are whistled to (their alert-time rules are none of the detector's). */
    static final String DEPARTMENTS_YAML = """
            departments:
              - {id: transport, name: 交通运输局, rules: [overload]}
              - {id: traffic-police, name: 交警大队, rules: [altered_body]}
            """;
}
