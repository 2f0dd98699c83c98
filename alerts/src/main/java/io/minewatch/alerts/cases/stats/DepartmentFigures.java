package io.minewatch.alerts.cases.stats;

import java.util.Map;

/**
 * The whistles a department was sent in a period and how it answered them (definitions in
 * {@link CaseStatisticsReader}).
 *
 * @param whistles       whistles issued to it in the period
 * @param byLevel        of those, by level: quick, tough, emergency (every key present)
 * @param ackMinutesP50  median minutes issued → acknowledged, of those acknowledged; null when none
 * @param reportHoursP50 median hours issued → reported, of those reported; null when none
 * @param overdue        of those, escalated at least once
 * @param acknowledged   of those, acknowledged (by now)
 * @param reported       of those, reported (by now)
 */
public record DepartmentFigures(int whistles, Map<String, Integer> byLevel, Double ackMinutesP50,
                                Double reportHoursP50, int overdue, int acknowledged, int reported) {
    public DepartmentFigures {
        byLevel = Map.copyOf(byLevel);
    }
}
