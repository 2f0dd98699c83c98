package io.minewatch.server.reports;

import io.minewatch.config.DepartmentConfig;
import io.minewatch.config.DistrictConfig;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.TeamConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Display names of the groups in the exports (districts, teams, departments from the configuration);
 * an id without a name shows as itself. Townships have no name in the configuration: their id.
 *
 * @param county the county's name in the report's title (e.g. {@code 某县}); {@code MINEWATCH_REPORT_COUNTY}
 */
public record ReportNames(String county, Map<String, String> districts, Map<String, String> teams,
                          Map<String, String> departments) {

    /** The county's name when none is set. */
    public static final String DEFAULT_COUNTY = "本县";

    public ReportNames {
        county = county == null || county.isBlank() ? DEFAULT_COUNTY : county.strip();
        districts = Map.copyOf(districts);
        teams = Map.copyOf(teams);
        departments = Map.copyOf(departments);
    }

    /** The names of these case settings' districts and teams (those in force), the config's departments. */
    public static ReportNames of(io.minewatch.config.CasesConfig cases, MinewatchConfig config, String county) {
        Map<String, String> districts = new HashMap<>();
        Map<String, String> teams = new HashMap<>();
        for (DistrictConfig d : cases.districts()) {
            districts.put(d.id(), d.name());
            for (TeamConfig t : d.teams()) {
                teams.put(t.id(), t.name());
            }
        }
        Map<String, String> departments = new HashMap<>();
        for (DepartmentConfig d : config.alerts().departments()) {
            if (d.name() != null) {
                departments.put(d.id(), d.name());
            }
        }
        return new ReportNames(county, districts, teams, departments);
    }

    /** The name of a group of a grouping (township, district, team, department). */
    public String name(String grouping, String id) {
        Map<String, String> m = switch (grouping) {
            case "district" -> districts;
            case "team" -> teams;
            case "department" -> departments;
            default -> Map.of();
        };
        return m.getOrDefault(id, id);
    }
}
