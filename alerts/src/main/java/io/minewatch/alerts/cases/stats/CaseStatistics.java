package io.minewatch.alerts.cases.stats;

import java.util.Objects;
import java.util.SortedMap;

/**
 * Every figure of one period (see {@link CaseStatisticsReader} for the definitions): the county's total
 * and the same figures per township, district and team (of the case), and per department (of the
 * whistle). Maps are sorted by id; configured townships, districts, teams and departments are present
 * with zeros when nothing happened there.
 */
public record CaseStatistics(Period period, Figures total, SortedMap<String, Figures> byTownship,
                             SortedMap<String, Figures> byDistrict, SortedMap<String, Figures> byTeam,
                             SortedMap<String, DepartmentFigures> byDepartment) {
    public CaseStatistics {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(total, "total");
        byTownship = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byTownship));
        byDistrict = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byDistrict));
        byTeam = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byTeam));
        byDepartment = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byDepartment));
    }

}
